"""The portal's static site: plan, render, write and swap in an export of the archive.

Modules, one job each (the GUI and the CLI use the first three):

- ``exporter``  ``Exporter``: orchestration, progress events, cancellation, worker processes
- ``preview``   ``render_article_page``: one article page as a string, for the GUI preview
- ``settings``  ``SiteSettings``: the portal's name, slogan, contact and base URL, validated
- ``source``    reading what the export needs from the archive, in a few queries
- ``site``      the plan: which files the site has, what each page shows, its fingerprint
- ``urls``      stable, readable paths: pinyin slugs, dated article paths, safe segments
- ``templates`` the Jinja2 environment (theme folder first, built-in theme second), assets
- ``render``    a planned page -> bytes (the same code in worker processes and in-process)
- ``body``      the last safety pass over a cached body before it goes into a page
- ``text``      text as HTML and XML accept it (no control characters, no noncharacters)
- ``writer``    the safe writer, the manifest, staging and the atomic swap, crash recovery
- ``errors``    ExportError, ExportCancelledError

The CLI: ``main.py [--db URL] export OUT [--theme DIR] [--full] [--workers N] [--json]`` and
``main.py site show [--json]`` / ``main.py site set KEY VALUE``.

Nothing here imports Qt. Imports are kept light: an incremental export must start, find what
changed and finish in well under a second.
"""
