<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ArchiveBrowser</name>
    <message>
        <source>Search titles and text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>%n article found</numerusform>
            <numerusform>%n articles found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <source>Title of the article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 金坛手机台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate tags with 、 or commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional; taken from the body when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: {slug}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic, from the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{slug}” is already used by article {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be saved as “{slug}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleSaver</name>
    <message>
        <source>The article was not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n article(s) have unsaved changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZoneDesk archives (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>Choose a category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose from the category tree</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryTreeView</name>
    <message>
        <source>All articles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Saved elsewhere meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This article was saved elsewhere (version {version}, {when}) after you opened it. Nothing was overwritten. Which version do you want to keep?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved elsewhere (version {v})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorStatus</name>
    <message>
        <source>Chinese characters: {chinese}  English words: {english}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Write the article in Markdown. Paste or drop images here.</source>
        <extracomment>The pause after the last edit before the preview and the counts catch up. With the render (a few ms for a typical article, ~40 ms for 50,000 characters) and the web view&apos;s update, the preview shows the new text about 200 ms after the last key, at most 300 ms. A key for this tab that outlives saves (a new article has no id yet).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorTabs</name>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild every page (not only what changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the site into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning the pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing pages {done} of {total}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying images {done} of {total}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the new site in place…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} files ({articles} articles) in {folder}: {written} written, {unchanged} unchanged, {removed} removed, in {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. The previous export is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>%n replaced</numerusform>
            <numerusform>%n replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message>
        <source>&amp;Bold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lin&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;mage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bold text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>italic text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .jsonl file, one article a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines that could not be imported show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {done} of {total} lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{lines} lines: {created} new, {updated} updated, {unchanged} unchanged, {bad} not imported ({seconds:.1f} s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {n}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {n} (warning): {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be an e-mail address such as info@example.cn.</source>
        <extracomment>The site settings&apos; problems (editor.export.settings), each as a pattern and the UI&apos;s words.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be a web address such as https://www.example.cn/.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be one line without control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A published article needs its publication time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title must be one line without control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{slug}” is already used by article {id}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New article</source>
        <extracomment>The preview&apos;s web view is built after the window&apos;s first paint, or this long after its show. Emitted after the first paint of the window (the start-up benchmark waits for it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export site…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open another archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ZoneDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: {location}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) in the archive</source>
        <translation>
            <numerusform>%n article in the archive</numerusform>
            <numerusform>%n articles in the archive</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview shows the article being edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was not inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ZoneDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}

A newsroom editor for development-zone news: write in Markdown, preview the portal page, keep every article in a searchable archive.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system (Chinese unless it is English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect when ZoneDesk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>Site settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slogan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>New article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to ZoneDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This archive holds no articles yet. Write the first one, import articles from a JSON Lines file, or open another archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No article is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an article from the archive on the left (double click or Enter), or start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZoneDesk</name>
    <message>
        <source>ZoneDesk cannot open the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
