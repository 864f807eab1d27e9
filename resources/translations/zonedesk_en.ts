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
        <source>Trash</source>
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
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the trash…</source>
        <translation type="unfinished"></translation>
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
        <source>{count} characters: at most {limit} fit. Shorten it by {over}; nothing is cut off for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” fits {count} zones ({names}): pick one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No zone is called “{text}”: pick one from the list, or leave the field empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: not on the site; only the newsroom sees it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review: waiting for an editor to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published: on the site at its publication time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived: kept, but off the site&apos;s lists.</source>
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
        <source>Your text is still in the editor, nothing of it is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive&apos;s disk is full, so the archive could not store the article. Free some space, then save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive could not store the article: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>my changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revision was not restored</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Import pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Article pages (*.html *.htm *.shtml *.txt);;All files (*)</source>
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
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>Type or choose a category</source>
        <extracomment>Keys that open the tree from a field showing the chosen path, as they open a combo&apos;s list. Rows of matching paths the completion list shows at once.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name, its pinyin or its initials (cz: 常州); F4 opens the tree</source>
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
    <name>Confirm</name>
    <message>
        <source>Move to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move “{title}” to the trash?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It leaves the archive browser and the exported site; the trash keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the newest version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the version saved elsewhere replaces them in the editor. The archive keeps the autosaved text in the article&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is saved as a new revision: the versions in between stay in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes not yet saved in the editor are replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore revision {number}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unresolved merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passages changed on both sides are still in the body: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each holds your text and the text saved elsewhere between the “&lt;&lt;&lt;&lt;&lt;&lt;&lt;”, “=======” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines. Keep what is right and delete the marker lines before saving, or save it as it is, markers included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with the markers</source>
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
        <source>This article was saved elsewhere (version {version}, {when}) after you opened it. Nothing was overwritten. Merge both versions, or choose one?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours (kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both versions&apos; changes in the editor, not yet saved: check them, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves your version; the one saved elsewhere stays in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the version saved elsewhere; your changes are not saved.</source>
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
    <message>
        <source>Merging is not possible: the version you started from is no longer in the article&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging adds the changes saved elsewhere ({fields}) to yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging keeps your version: it holds every change of theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) of the body were changed on both sides: merging puts both versions there, between marker lines, for you to resolve before saving.</source>
        <translation>
            <numerusform>%n passage of the body was changed on both sides: merging puts both versions there, between marker lines, for you to resolve before saving.</numerusform>
            <numerusform>%n passages of the body were changed on both sides: merging puts both versions there, between marker lines, for you to resolve before saving.</numerusform>
        </translation>
    </message>
    <message>
        <source>Both changed the fields below differently: merging keeps yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is saved until you save.</source>
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
    <message>
        <source>Autosaved at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A draft is kept safe in the archive; save (Ctrl+S) to make it the article.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Write the article in Markdown. Paste or drop images here.</source>
        <extracomment>The pause after the last edit before the preview and the counts catch up. With the render (a few ms for a typical article, ~40 ms for 50,000 characters) and the web view&apos;s update, the preview shows the new text about 200 ms after the last key. A typist&apos;s keys come 30-100 ms apart, so the pause does not fire between the keys of a burst. A key for this tab that outlives saves (a new article has no id yet).</extracomment>
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
        <source>Show list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click an article to open it in the editor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in browser</source>
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
    <message>
        <source>Its page cannot be written: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every article is on the site: none is a draft, in review or archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Articles not exported (not published): {count} — {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published articles left out because a page of theirs cannot be written (a name too long for the disk): {count}. The rest of the site is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article open in the editor is not saved yet: it is not exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is exported: {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not exported: a page of its cannot be written (see the list). Shorten its category&apos;s names and export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not exported: it is “{status}”. Publish it and export again to put it on the site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not in this export (it is in the trash, or was saved after the export read the archive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide list</source>
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
    <name>FixPunctuationAction</name>
    <message>
        <source>Fix all certain pu&amp;nctuation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply every certain punctuation fix of the article, in one undo step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message>
        <source>&amp;Bold</source>
        <extracomment>Widgets that take typing: while one of them (not the body) has the focus, formatting is off.</extracomment>
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
    <name>History</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
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
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese characters: {chinese}  English words: {english}</source>
        <extracomment>a revision as counted: its number and when it was saved (an autosave is replaced in place)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body +{added} −{removed} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English words +{added} −{removed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>No.</source>
        <extracomment>the counts of this article&apos;s revisions, as counted so far</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one revision, or two to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves this revision&apos;s text and fields as a new revision; nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new article has its history once it is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“{title}”: %n revision(s)</source>
        <translation>
            <numerusform>“{title}”: %n revision</numerusform>
            <numerusform>“{title}”: %n revisions</numerusform>
        </translation>
    </message>
    <message>
        <source>{kind} (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a revision to see what it changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. {number} · {kind} · {when} · {who}</source>
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
        <source>Import pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved article pages (.html, .txt) or folders of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages that could not be imported, and fields not found, show here.</source>
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
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the pages of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling after this page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {done} of {total} pages…</source>
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
        <source>{pages} pages: {created} new, {updated} updated, {unchanged} unchanged, {drafts} saved as drafts, {bad} not imported ({seconds:.1f} s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the pages imported so far are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: not imported: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} (warning): {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {field} not found; imported as a draft ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {field} not found; the article keeps its own ({reason})</source>
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
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
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
        <source>The title has {n} characters; at most {max} fit.</source>
        <extracomment>The article checks&apos; problems with numbers in them (editor.domain.validation).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The body has {n} characters; at most {max} fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name at level {level} has {n} characters; at most {max} fit: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category has {n} levels; at most {max} fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As a web address (pinyin) this has {n} characters; at most {max} fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longer than {max} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than {max} tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holds a NUL character (U+0000): remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External id {id} belongs to article {article}.</source>
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
    <message>
        <source>the file is empty</source>
        <extracomment>Why a saved page was not imported, or what it lacks (editor.portalpage, archive.pages).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is binary, not a page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} MB is too large for an article page (at most {max} MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the markup nests more than {n} levels deep: not an article page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bytes are not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be read: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an article page: no breadcrumb (您现在的位置), no 发布时间/来源 line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no pages (.html, .htm, .txt) in this folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its article was saved elsewhere meanwhile; import it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no breadcrumb (您现在的位置) found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the breadcrumb (您现在的位置) names no category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no title found (the line above 发布时间)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no article text found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} not found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <source>{user} on {host} is editing this article since {since}. You can still edit it; a save over theirs shows both versions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>(read-only)</source>
        <extracomment>The preview&apos;s web view is built after the window&apos;s first paint, or this long after its show. Emitted after the first paint of the window (the start-up benchmark waits for it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New article</source>
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
        <source>Import &amp;pages…</source>
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
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the &amp;trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the t&amp;rash</source>
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
        <source>&amp;Article</source>
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
        <source>History</source>
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
        <source>The word was not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merged with version {version} saved elsewhere. %n passage(s) of the body hold both versions between “&lt;&lt;&lt;&lt;&lt;&lt;&lt;” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines: keep what is right, delete the marker lines, then save.</source>
        <translation>
            <numerusform>Merged with version {version} saved elsewhere. %n passage of the body holds both versions between “&lt;&lt;&lt;&lt;&lt;&lt;&lt;” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines: keep what is right, delete the marker lines, then save.</numerusform>
            <numerusform>Merged with version {version} saved elsewhere. %n passages of the body hold both versions between “&lt;&lt;&lt;&lt;&lt;&lt;&lt;” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines: keep what is right, delete the marker lines, then save.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged with version {version} saved elsewhere: check the result, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: “{value}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on both sides, yours kept; saved elsewhere: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision {number} restored as the newest version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article was not moved to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” is in the trash now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article was not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” is back in the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave of “{title}” failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This article was moved to the trash elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A newer version was saved elsewhere at {when}. Saving shows both versions; nothing is overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the newest version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article was not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was not inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spelling not checked</source>
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
    <message>
        <source>Check spelling and news style as I type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rule turned off from the editor&apos;s context menu can be turned on here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;link address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open link in the browser</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>ZoneDesk closed without saving %n article(s). Their text was autosaved: restore each one to go on editing it, or discard it (the autosaved text stays in the article&apos;s history).</source>
        <translation>
            <numerusform>ZoneDesk closed without saving %n article. Its text was autosaved: restore it to go on editing it, or discard it (the autosaved text stays in the article&apos;s history).</numerusform>
            <numerusform>ZoneDesk closed without saving %n articles. Their text was autosaved: restore each one to go on editing it, or discard it (the autosaved text stays in the article&apos;s history).</numerusform>
        </translation>
    </message>
    <message>
        <source>Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} (new, never saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{added} −{removed} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{added} −{removed} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article was saved again since (version {version}): saving the restored text shows both versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The article is in the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosaved, not saved</source>
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
    <name>SpellUnderliner</name>
    <message>
        <source>(no suggestions)</source>
        <extracomment>The idle pause after the last edit before the dirty visible blocks are checked. After a scroll or a resize: the newly visible blocks are checked sooner. Block texts whose problems are kept (per editor); a 50,000-character article has ~500. Suggestions shown in the context menu. Behind a problem at most this many UTF-16 units wide, a tint of its colour (a comma&apos;s wave underline alone is a few pixels long). The one-click command&apos;s shortcut (free among the window&apos;s and the editor&apos;s). How long a fix command&apos;s report stays in the status bar. What a fix command or a rule turned off did, for the status bar. Where a rule turned off from the context menu is saved (None: for this session). Bumped whenever the checker&apos;s answers may change; stale results carry an older one. Emitted after the underlines were redrawn (tests wait for it): the number shown. A word-list change failed: the message. The problems &quot;ignored here&quot; in this editor&apos;s article, while it is open. Blocks checked so far (the benchmark reports it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to my dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the newsroom&apos;s dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore for this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix here: change to “{text}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix here: remove the space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix all of this kind ({kind}, {count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn this rule off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed {count}: {kinds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed {count} punctuation marks: {kinds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No punctuation to fix in this article.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{rule}” is no longer checked; Preferences can turn it on again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>Type the publication time, such as 2020-10-10 14:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The year {year} is not between {first} and {last}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no month {month}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} is not a leap year: February has no 29th.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month {month} has no day {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no time of day {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a date: type it as 2020-10-10 14:30 or 2020年10月10日.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until it is fixed the article keeps {time} and is not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or paste the time: 2020-10-10 14:30, 2020年10月10日, 2020/10/10 … Alt+↓ opens a calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the day from a calendar (Alt+↓)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashBar</name>
    <message>
        <source>Deleted articles. Restore brings one back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
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
        <source>The archive is damaged</source>
        <extracomment>Qt&apos;s own catalogues the UI needs: its dialogs and buttons (qtbase), the preview&apos;s engine.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive {url} is damaged, so ZoneDesk did not open it and wrote nothing to it. Close ZoneDesk and run one of the commands below in a terminal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZoneDesk cannot open the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created a new archive at {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
