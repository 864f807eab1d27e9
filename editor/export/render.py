"""Rendering planned pages to bytes: the same code in worker processes and in-process.

A ``Renderer`` holds one Jinja2 environment (each worker process builds its own). ``render`` turns
one page's context into bytes; ``render_chunk`` renders and writes a list of pages into the
staging folder, skipping the write when the bytes equal the previous export's (their content hash
is in the manifest), and says what it did. Worker processes get their Renderer and writer from
``init_worker``.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.ext
import jinja2.nodes
import jinja2.parser
import platformdirs
from markupsafe import Markup

from editor.export.body import prepare_body
from editor.export.errors import ExportError
from editor.export.jobs import Result, Task
from editor.export.site import Attrs
from editor.export.templates import TEMPLATES, Theme
from editor.export.urls import pretty, root_of
from editor.export.writer import SafeWriter, content_hash

Context = dict[str, Any]


class _Environment(jinja2.Environment):
    """Jinja2's environment, reading an ``Attrs`` key as a key first: ``item.title`` on an
    ``Attrs`` otherwise fails as an attribute (an exception) before a Python ``__getattr__``
    finds the key; a quarter of a listing page's rendering went there. Anything else, and a
    missing key, take Jinja2's own way (attribute, then key, then undefined)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Attrs:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class FragmentCache(jinja2.ext.Extension):
    """``{% cache key, ... %}…{% endcache %}``: the part rendered once per key and reused, for
    what most pages share (the site header and footer: the same on every page at the same depth).
    The key must hold whatever the part shows besides ``site`` and ``assets``, which are the same
    for every page a ``Renderer`` renders (it starts the cache empty)."""

    tags = {"cache"}  # noqa: RUF012 - Jinja2's own class attribute

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser: jinja2.parser.Parser) -> jinja2.nodes.Node:
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [jinja2.nodes.List(key)])
        return jinja2.nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, key: list[Any], caller: Callable[[], str]) -> str:
        cache: dict[tuple[Any, ...], str] = self.environment.fragment_cache  # type: ignore[attr-defined]
        found = cache.get(tuple(key))
        if found is None:
            found = cache[tuple(key)] = caller()
        return found


def environment(theme: Theme) -> jinja2.Environment:
    """The Jinja2 environment of ``theme``: a ChoiceLoader (the web team's templates first), and
    autoescape on in every template, HTML and XML alike."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(folder / TEMPLATES)) for folder in theme.folders]
    )
    env = _Environment(
        loader=loader,
        extensions=[FragmentCache],
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["pretty"] = pretty
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache folder (compiling them all costs ~30 ms)."""
    folder = Path(platformdirs.user_cache_dir("ZoneDesk", appauthor=False)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def template(env: jinja2.Environment, name: str) -> jinja2.Template:
    """The template ``name``; a broken or missing one becomes an ExportError naming it."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise ExportError(
            f"theme template {exc.filename or name}, line {exc.lineno}: {exc.message}"
        ) from None
    except jinja2.TemplateNotFound:
        raise ExportError(f"the theme has no template {name}") from None


class Renderer:
    """Pages of one site (settings, assets) through one theme's templates."""

    def __init__(
        self,
        theme: Theme,
        site: Context,
        assets: dict[str, str],
        env: jinja2.Environment | None = None,
    ) -> None:
        self.env = env if env is not None else environment(theme)
        self.env.fragment_cache.clear()  # type: ignore[attr-defined]  # for this site and assets
        self.site = site
        self.assets = assets

    def render(
        self, path: str, name: str, context: Context, body: str | None = None, *, root: str = ""
    ) -> tuple[bytes, tuple[str, ...]]:
        """The bytes of the page at ``path`` and the media files its body shows.

        ``root`` is how the page reaches the site's root (``../../`` in an export, any URL prefix
        in the preview); by default the relative way back from ``path``.
        """
        root = root or root_of(path)
        values = dict(context)
        media: tuple[str, ...] = ()
        if body is not None and "article" in values:
            html, refs = prepare_body(body, root + "media/")
            values["article"] = Attrs(values["article"], body=Markup(html))
            media = tuple(refs)
        values["site"] = self.site
        values["assets"] = self.assets
        values["root"] = root
        values["page"] = Attrs(path=path, url=self.site["base_url"] + pretty(path))
        try:
            text = template(self.env, name).render(values)
        except ExportError:
            raise
        except Exception as exc:  # a theme's template can fail in any way: name it and the page
            raise ExportError(f"theme template {name} failed on {path}: {exc!r}") from None
        return text.encode("utf-8"), media


def render_chunk(
    renderer: Renderer,
    writer: SafeWriter,
    tasks: Sequence[Task],
    before_write: Callable[[], None] | None = None,
) -> list[Result]:
    """Render ``tasks`` and write those whose bytes changed (calling ``before_write`` first,
    which may stop it)."""
    results = []
    for task in tasks:
        data, media = renderer.render(task.path, task.template, task.context, task.body)
        digest = content_hash(data)
        written = digest != task.old_hash
        if written:
            if before_write is not None:
                before_write()
            writer.write(task.path, data)
        results.append(Result(task.path, digest, written, media))
    return results


# -- worker processes ------------------------------------------------------------------------------

_state: dict[str, Any] = {}


def init_worker(folders: tuple[str, ...], root: str, lock_fd: int = -1) -> None:
    """Initializer of a worker process: the theme and the staging folder it writes into.

    Ctrl-C is for the exporter: it stops the workers itself, then throws the staging folder away.
    A forked worker closes its copy of the export's lock (``lock_fd``): the lock is the
    exporter's, and must go with it even if a worker outlives it (the exporter killed).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state["exporter"] = os.getppid()
    if lock_fd >= 0:
        with contextlib.suppress(OSError):
            os.close(lock_fd)
    _state["theme"] = Theme(tuple(Path(f) for f in folders))
    _state["root"] = Path(root)


def ready() -> int:
    """A first task: starts the worker processes before the export fills its memory."""
    return os.getpid()


def _exporter_lives() -> None:
    """End this worker process at once when the exporter that started it is gone (killed): its
    staging folder is the next export's to throw away, and nothing may be written into it."""
    if os.getppid() != _state["exporter"]:
        os._exit(1)


def work(site: Context, assets: dict[str, str], tasks: Sequence[Task]) -> list[Result]:
    """A chunk of pages, in a worker process (its own Jinja2 environment, made once)."""
    key = repr((site, assets))
    if _state.get("key") != key:
        _state["renderer"] = Renderer(_state["theme"], site, assets, _state.get("env"))
        _state["writer"] = SafeWriter(_state["root"])
        _state["key"] = key
    return render_chunk(_state["renderer"], _state["writer"], tasks, _exporter_lives)
