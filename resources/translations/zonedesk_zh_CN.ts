<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveBrowser</name>
    <message>
        <source>Search titles and text…</source>
        <translation>搜索标题和正文…</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部开发区</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>废纸篓</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>找到 %n 篇文章</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>共 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Restore from the trash</source>
        <translation>从废纸篓恢复</translation>
    </message>
    <message>
        <source>Move to the trash…</source>
        <translation>移到废纸篓…</translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <source>Title of the article</source>
        <translation>文章标题</translation>
    </message>
    <message>
        <source>Type to search zones</source>
        <translation>输入以查找开发区</translation>
    </message>
    <message>
        <source>e.g. 金坛手机台</source>
        <translation>例如：金坛手机台</translation>
    </message>
    <message>
        <source>Separate tags with 、 or commas</source>
        <translation>多个标签用“、”或逗号分隔</translation>
    </message>
    <message>
        <source>Optional; taken from the body when empty</source>
        <translation>选填；留空时取正文开头</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>发布开发区</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>URL name</source>
        <translation>网址名</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>{count} characters: at most {limit} fit. Shorten it by {over}; nothing is cut off for you.</source>
        <translation>共 {count} 个字，最多 {limit} 个，请删去 {over} 个；不会自动截断。</translation>
    </message>
    <message>
        <source>“{text}” fits {count} zones ({names}): pick one from the list.</source>
        <translation>“{text}”对应 {count} 个开发区（{names}），请从列表中选一个。</translation>
    </message>
    <message>
        <source>No zone is called “{text}”: pick one from the list, or leave the field empty.</source>
        <translation>没有名为“{text}”的开发区，请从列表中选择，或留空。</translation>
    </message>
    <message>
        <source>Draft: not on the site; only the newsroom sees it.</source>
        <translation>草稿：不在网站上，只有编辑部看得到。</translation>
    </message>
    <message>
        <source>In review: waiting for an editor to check it.</source>
        <translation>待审：等待编辑审核。</translation>
    </message>
    <message>
        <source>Published: on the site at its publication time.</source>
        <translation>已发布：按发布时间在网站上显示。</translation>
    </message>
    <message>
        <source>Archived: kept, but off the site&apos;s lists.</source>
        <translation>已归档：保留，但不在网站列表中显示。</translation>
    </message>
    <message>
        <source>automatic: {slug}</source>
        <translation>自动：{slug}</translation>
    </message>
    <message>
        <source>automatic, from the title</source>
        <translation>自动，根据标题生成</translation>
    </message>
    <message>
        <source>“{slug}” is already used by article {id}.</source>
        <translation>“{slug}”已被第 {id} 篇文章使用。</translation>
    </message>
    <message>
        <source>Will be saved as “{slug}”.</source>
        <translation>将保存为“{slug}”。</translation>
    </message>
</context>
<context>
    <name>ArticleSaver</name>
    <message>
        <source>Your text is still in the editor, nothing of it is lost.</source>
        <translation>您的文字仍在编辑器中，没有丢失。</translation>
    </message>
    <message>
        <source>The archive&apos;s disk is full, so the archive could not store the article. Free some space, then save again.</source>
        <translation>存档所在磁盘已满，文章未能存入存档。请腾出一些空间后再保存。</translation>
    </message>
    <message>
        <source>The archive could not store the article: {error}</source>
        <translation>存档未能保存这篇文章：{error}</translation>
    </message>
    <message>
        <source>my changes</source>
        <translation>我的修改</translation>
    </message>
    <message>
        <source>their changes</source>
        <translation>他人的修改</translation>
    </message>
    <message>
        <source>The revision was not restored</source>
        <translation>未能恢复该版本</translation>
    </message>
    <message>
        <source>The article was not saved</source>
        <translation>文章未保存</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>开发区</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Ask</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved.</source>
        <translation>“{title}”有尚未保存的修改。</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>关闭前要保存吗？</translation>
    </message>
    <message>
        <source>%n article(s) have unsaved changes:</source>
        <translation>%n 篇文章有尚未保存的修改：</translation>
    </message>
    <message>
        <source>Insert images</source>
        <translation>插入图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Import articles</source>
        <translation>导入文章</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json);;All files (*)</source>
        <translation>JSON Lines 文件 (*.jsonl *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import pages</source>
        <translation>导入网页</translation>
    </message>
    <message>
        <source>Article pages (*.html *.htm *.shtml *.txt);;All files (*)</source>
        <translation>文章网页 (*.html *.htm *.shtml *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open another archive</source>
        <translation>打开其他档案库</translation>
    </message>
    <message>
        <source>ZoneDesk archives (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>ZoneDesk 档案库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>Choose a category</source>
        <extracomment>Keys that open the tree from the field, as they open a combo box&apos;s list.</extracomment>
        <translation type="vanished">选择分类</translation>
    </message>
    <message>
        <source>Type or choose a category</source>
        <extracomment>Keys that open the tree from a field showing the chosen path, as they open a combo&apos;s list. Rows of matching paths the completion list shows at once.</extracomment>
        <translation>输入或选择分类</translation>
    </message>
    <message>
        <source>Type a name, its pinyin or its initials (cz: 常州); F4 opens the tree</source>
        <translation>输入名称、拼音或拼音首字母（如 cz：常州）；按 F4 打开分类树</translation>
    </message>
    <message>
        <source>Choose from the category tree</source>
        <translation>从分类树中选择</translation>
    </message>
</context>
<context>
    <name>CategoryTreeView</name>
    <message>
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>Move to the trash</source>
        <translation>移到废纸篓</translation>
    </message>
    <message>
        <source>Move “{title}” to the trash?</source>
        <translation>将“{title}”移到废纸篓？</translation>
    </message>
    <message>
        <source>It leaves the archive browser and the exported site; the trash keeps it.</source>
        <translation>它将从存档浏览和导出的网站中移除；废纸篓会保留它。</translation>
    </message>
    <message>
        <source>Load the newest version</source>
        <translation>载入最新版本</translation>
    </message>
    <message>
        <source>“{title}” has changes that are not saved.</source>
        <translation>“{title}”有尚未保存的修改。</translation>
    </message>
    <message>
        <source>Loading the version saved elsewhere replaces them in the editor. The archive keeps the autosaved text in the article&apos;s history.</source>
        <translation>载入别处保存的版本会替换编辑器中的这些修改。自动保存的文字仍保留在文章的修订历史中。</translation>
    </message>
    <message>
        <source>It is saved as a new revision: the versions in between stay in the history.</source>
        <translation>它将另存为一个新版本：其间的各个版本仍保留在历史中。</translation>
    </message>
    <message>
        <source>The changes not yet saved in the editor are replaced.</source>
        <translation>编辑器中尚未保存的修改将被替换。</translation>
    </message>
    <message>
        <source>Restore a revision</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <source>Restore revision {number}?</source>
        <translation>恢复第 {number} 版？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Unresolved merge</source>
        <translation>合并尚未处理完</translation>
    </message>
    <message>
        <source>Passages changed on both sides are still in the body: {count}.</source>
        <translation>正文中仍有双方都修改过的段落：{count} 处。</translation>
    </message>
    <message>
        <source>Each holds your text and the text saved elsewhere between the “&lt;&lt;&lt;&lt;&lt;&lt;&lt;”, “=======” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines. Keep what is right and delete the marker lines before saving, or save it as it is, markers included.</source>
        <translation>每一处都在“&lt;&lt;&lt;&lt;&lt;&lt;&lt;”“=======”“&gt;&gt;&gt;&gt;&gt;&gt;&gt;”标记行之间同时列出您的文字和别处保存的文字。请保留正确的内容、删除标记行后再保存，或者连同标记按原样保存。</translation>
    </message>
    <message>
        <source>Save with the markers</source>
        <translation>连同标记保存</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Saved elsewhere meanwhile</source>
        <translation>文章已在别处保存</translation>
    </message>
    <message>
        <source>This article was saved elsewhere (version {version}, {when}) after you opened it. Nothing was overwritten. Merge both versions, or choose one?</source>
        <translation>您打开这篇文章之后，它在别处被保存过（第 {version} 版，{when}）。没有任何内容被覆盖。要合并两个版本，还是选用其中一个？</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Yours (kept)</source>
        <translation>您的（保留）</translation>
    </message>
    <message>
        <source>Saved elsewhere</source>
        <translation>别处保存的</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Both versions&apos; changes in the editor, not yet saved: check them, then save.</source>
        <translation>把两个版本的修改都放进编辑器（尚未保存）：检查无误后再保存。</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <source>Saves your version; the one saved elsewhere stays in the history.</source>
        <translation>保存您的版本；别处保存的版本保留在历史记录中。</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方版本</translation>
    </message>
    <message>
        <source>Shows the version saved elsewhere; your changes are not saved.</source>
        <translation>显示别处保存的版本；您的修改不会被保存。</translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation>我的版本（未保存）</translation>
    </message>
    <message>
        <source>Saved elsewhere (version {v})</source>
        <translation>别处保存的版本（第 {v} 版）</translation>
    </message>
    <message>
        <source>Merging is not possible: the version you started from is no longer in the article&apos;s history.</source>
        <translation>无法合并：您开始编辑时的版本已不在这篇文章的历史记录中。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Merging adds the changes saved elsewhere ({fields}) to yours.</source>
        <translation>合并会把别处保存的修改（{fields}）加到您的版本中。</translation>
    </message>
    <message>
        <source>Merging keeps your version: it holds every change of theirs.</source>
        <translation>合并后仍是您的版本：它已包含对方的全部修改。</translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s) of the body were changed on both sides: merging puts both versions there, between marker lines, for you to resolve before saving.</source>
        <translation>
            <numerusform>正文有 %n 处被双方改得不同：合并会把两个版本都放在原处，夹在标记行之间，请您在保存前处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Both changed the fields below differently: merging keeps yours.</source>
        <translation>双方对下列字段的修改不同：合并保留您的。</translation>
    </message>
    <message>
        <source>Nothing is saved until you save.</source>
        <translation>在您保存之前，什么都不会保存。</translation>
    </message>
</context>
<context>
    <name>EditorStatus</name>
    <message>
        <source>Chinese characters: {chinese}  English words: {english}</source>
        <translation>字数：{chinese}  英文单词：{english}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Unsaved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Autosaved at {time}</source>
        <translation>已于 {time} 自动保存</translation>
    </message>
    <message>
        <source>A draft is kept safe in the archive; save (Ctrl+S) to make it the article.</source>
        <translation>草稿已安全存入存档；保存（Ctrl+S）后才成为文章的正式版本。</translation>
    </message>
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Write the article in Markdown. Paste or drop images here.</source>
        <extracomment>The pause after the last edit before the preview and the counts catch up. With the render (a few ms for a typical article, ~40 ms for 50,000 characters) and the web view&apos;s update, the preview shows the new text about 200 ms after the last key. A typist&apos;s keys come 30-100 ms apart, so the pause does not fire between the keys of a burst. A key for this tab that outlives saves (a new article has no id yet).</extracomment>
        <translation>在此用 Markdown 撰写正文，可直接粘贴或拖入图片。</translation>
    </message>
</context>
<context>
    <name>EditorTabs</name>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the site</source>
        <translation>导出网站</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Rebuild every page (not only what changed)</source>
        <translation>重新生成所有页面（不只是有改动的）</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>准备就绪。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show list</source>
        <translation>列出</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Double-click an article to open it in the editor.</source>
        <translation>双击文章即可在编辑器中打开。</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Export the site into</source>
        <translation>将网站导出到</translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation>正在读取档案库…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Planning the pages…</source>
        <translation>正在规划页面…</translation>
    </message>
    <message>
        <source>Writing pages {done} of {total}…</source>
        <translation>正在生成页面 {done} / {total}…</translation>
    </message>
    <message>
        <source>Copying images {done} of {total}…</source>
        <translation>正在复制图片 {done} / {total}…</translation>
    </message>
    <message>
        <source>Putting the new site in place…</source>
        <translation>正在替换为新网站…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>{files} files ({articles} articles) in {folder}: {written} written, {unchanged} unchanged, {removed} removed, in {seconds:.1f} s.</source>
        <translation>{folder} 中共 {files} 个文件（{articles} 篇文章）：写入 {written} 个，未变 {unchanged} 个，删除 {removed} 个，用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Cancelled. The previous export is unchanged.</source>
        <translation>已取消，上一次导出的网站保持不变。</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>Its page cannot be written: {error}</source>
        <translation>其页面无法写入：{error}</translation>
    </message>
    <message>
        <source>Every article is on the site: none is a draft, in review or archived.</source>
        <translation>全部文章均已导出：没有草稿、待审或已归档的文章。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{reason} {count}</source>
        <translation>{reason} {count}</translation>
    </message>
    <message>
        <source>Articles not exported (not published): {count} — {reasons}.</source>
        <translation>未导出 {count} 篇（未发布）：{reasons}。</translation>
    </message>
    <message>
        <source>Published articles left out because a page of theirs cannot be written (a name too long for the disk): {count}. The rest of the site is written.</source>
        <translation>因页面无法写入（名称超出磁盘允许的长度）而未导出的已发布文章：{count} 篇。网站其余部分已写入。</translation>
    </message>
    <message>
        <source>The article open in the editor is not saved yet: it is not exported.</source>
        <translation>当前文章尚未保存，未导出。</translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is exported: {page}</source>
        <translation>当前文章“{title}”已导出，页面为 {page}</translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not exported: a page of its cannot be written (see the list). Shorten its category&apos;s names and export again.</source>
        <translation>编辑器中打开的文章“{title}”未导出：它的一个页面无法写入（见列表）。请缩短其分类名称后重新导出。</translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not exported: it is “{status}”. Publish it and export again to put it on the site.</source>
        <translation>当前文章“{title}”未导出：其状态为“{status}”。发布后再次导出，即会出现在网站上。</translation>
    </message>
    <message>
        <source>The article open in the editor, “{title}”, is not in this export (it is in the trash, or was saved after the export read the archive).</source>
        <translation>当前文章“{title}”不在本次导出中（它在废纸篓中，或是在导出读取存档之后才保存的）。</translation>
    </message>
    <message>
        <source>Hide list</source>
        <translation>收起列表</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个（Enter）</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FixPunctuationAction</name>
    <message>
        <source>Fix all certain pu&amp;nctuation</source>
        <translation>一键规范标点(&amp;N)</translation>
    </message>
    <message>
        <source>Apply every certain punctuation fix of the article, in one undo step</source>
        <translation>规范本文所有确定无误的标点，可一次撤销</translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message>
        <source>&amp;Bold</source>
        <extracomment>Widgets that take typing: while one of them (not the body) has the focus, formatting is off.</extracomment>
        <translation>粗体(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>斜体(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Heading</source>
        <translation>标题(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>列表(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>引用(&amp;Q)</translation>
    </message>
    <message>
        <source>Lin&amp;k</source>
        <translation>链接(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Table</source>
        <translation>表格(&amp;T)</translation>
    </message>
    <message>
        <source>I&amp;mage…</source>
        <translation>图片(&amp;M)…</translation>
    </message>
    <message>
        <source>bold text</source>
        <translation>粗体文字</translation>
    </message>
    <message>
        <source>italic text</source>
        <translation>斜体文字</translation>
    </message>
    <message>
        <source>link text</source>
        <translation>链接文字</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>发布开发区</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>URL name</source>
        <translation>网址名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Chinese characters: {chinese}  English words: {english}</source>
        <extracomment>a revision as counted: its number and when it was saved (an autosave is replaced in place)</extracomment>
        <translation>字数：{chinese}  英文单词：{english}</translation>
    </message>
    <message>
        <source>First version</source>
        <translation>第一版</translation>
    </message>
    <message>
        <source>Body +{added} −{removed} characters</source>
        <translation>正文 +{added} 字 −{removed} 字</translation>
    </message>
    <message>
        <source>English words +{added} −{removed}</source>
        <translation>英文单词 +{added} −{removed}</translation>
    </message>
    <message>
        <source>Body +{added} −{removed}</source>
        <translation type="vanished">正文 +{added} −{removed}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>无改动</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>No.</source>
        <extracomment>the counts of this article&apos;s revisions, as counted so far</extracomment>
        <translation>版本</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>保存人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>Select one revision, or two to compare them.</source>
        <translation>选择一个版本查看其改动，或选择两个版本进行比较。</translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <source>Saves this revision&apos;s text and fields as a new revision; nothing is lost.</source>
        <translation>将此版本的正文和各字段另存为一个新版本；不会丢失任何内容。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修订历史</translation>
    </message>
    <message>
        <source>A new article has its history once it is saved.</source>
        <translation>新文章保存后才有修订历史。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation>无法读取修订历史：{error}</translation>
    </message>
    <message numerus="yes">
        <source>“{title}”: %n revision(s)</source>
        <translation>
            <numerusform>“{title}”：共 %n 个版本</numerusform>
        </translation>
    </message>
    <message>
        <source>{kind} (current)</source>
        <translation>{kind}（当前）</translation>
    </message>
    <message>
        <source>Select a revision to see what it changed.</source>
        <translation>选择一个版本，查看它改了什么。</translation>
    </message>
    <message>
        <source>No. {number} · {kind} · {when} · {who}</source>
        <translation>第 {number} 版 · {kind} · {when} · {who}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import articles</source>
        <translation>导入文章</translation>
    </message>
    <message>
        <source>A .jsonl file, one article a line</source>
        <translation>JSON Lines 文件，每行一篇文章</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Import pages</source>
        <translation>导入网页</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Saved article pages (.html, .txt) or folders of them</source>
        <translation>保存的文章网页（.html、.txt）或存放它们的文件夹</translation>
    </message>
    <message>
        <source>Pages that could not be imported, and fields not found, show here.</source>
        <translation>未能导入的网页和未找到的字段会列在这里。</translation>
    </message>
    <message>
        <source>Lines that could not be imported show here.</source>
        <translation>无法导入的行会列在这里。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>Import the pages of a folder</source>
        <translation>导入文件夹中的网页</translation>
    </message>
    <message>
        <source>Reading the pages…</source>
        <translation>正在读取网页…</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Cancelling after this page…</source>
        <translation>导入完当前网页后取消…</translation>
    </message>
    <message>
        <source>Imported {done} of {total} pages…</source>
        <translation>已导入 {done} / {total} 个网页…</translation>
    </message>
    <message>
        <source>Imported {done} of {total} lines…</source>
        <translation>已导入 {done} / {total} 行…</translation>
    </message>
    <message>
        <source>{lines} lines: {created} new, {updated} updated, {unchanged} unchanged, {bad} not imported ({seconds:.1f} s).</source>
        <translation>共 {lines} 行：新增 {created} 篇，更新 {updated} 篇，未变 {unchanged} 篇，{bad} 行未导入（用时 {seconds:.1f} 秒）。</translation>
    </message>
    <message>
        <source>line {n}: {reason}</source>
        <translation>第 {n} 行：{reason}</translation>
    </message>
    <message>
        <source>line {n} (warning): {reason}</source>
        <translation>第 {n} 行（提醒）：{reason}</translation>
    </message>
    <message>
        <source>{pages} pages: {created} new, {updated} updated, {unchanged} unchanged, {drafts} saved as drafts, {bad} not imported ({seconds:.1f} s).</source>
        <translation>共 {pages} 个网页：新增 {created} 篇，更新 {updated} 篇，未变 {unchanged} 篇，存为草稿 {drafts} 篇，{bad} 个未导入（用时 {seconds:.1f} 秒）。</translation>
    </message>
    <message>
        <source>Cancelled: the pages imported so far are kept.</source>
        <translation>已取消：已导入的网页都保留。</translation>
    </message>
    <message>
        <source>{file}: not imported: {reason}</source>
        <translation>{file}：未导入：{reason}</translation>
    </message>
    <message>
        <source>{file} (warning): {reason}</source>
        <translation>{file}（提醒）：{reason}</translation>
    </message>
    <message>
        <source>{file}: {field} not found; imported as a draft ({reason})</source>
        <translation>{file}：未找到{field}，已存为草稿（{reason}）</translation>
    </message>
    <message>
        <source>{file}: {field} not found; the article keeps its own ({reason})</source>
        <translation>{file}：未找到{field}，文章保留原有的{field}（{reason}）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>发布开发区</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>The import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Must be an e-mail address such as info@example.cn.</source>
        <extracomment>The site settings&apos; problems (editor.export.settings), each as a pattern and the UI&apos;s words.</extracomment>
        <translation>请填写电子邮箱地址，例如 info@example.cn。</translation>
    </message>
    <message>
        <source>Must be a web address such as https://www.example.cn/.</source>
        <translation>请填写网址，例如 https://www.example.cn/。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Must be one line without control characters.</source>
        <translation>只能有一行，且不能含控制字符。</translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation>太长了。</translation>
    </message>
    <message>
        <source>The title has {n} characters; at most {max} fit.</source>
        <extracomment>The article checks&apos; problems with numbers in them (editor.domain.validation).</extracomment>
        <translation>标题有 {n} 个字符，最多只能有 {max} 个。</translation>
    </message>
    <message>
        <source>The body has {n} characters; at most {max} fit.</source>
        <translation>正文有 {n} 个字符，最多只能有 {max} 个。</translation>
    </message>
    <message>
        <source>The category name is too long: {name}</source>
        <translation type="vanished">分类名称太长：{name}</translation>
    </message>
    <message>
        <source>The name at level {level} has {n} characters; at most {max} fit: {name}</source>
        <translation>第 {level} 级分类名称有 {n} 个字符，最多 {max} 个：{name}</translation>
    </message>
    <message>
        <source>The category has {n} levels; at most {max} fit.</source>
        <translation>分类有 {n} 级，最多 {max} 级。</translation>
    </message>
    <message>
        <source>As a web address (pinyin) this has {n} characters; at most {max} fit.</source>
        <translation>转为拼音网址后共 {n} 个字符，最多 {max} 个，请缩短；不会自动截断。</translation>
    </message>
    <message>
        <source>Longer than {max} characters.</source>
        <translation>超过 {max} 个字符。</translation>
    </message>
    <message>
        <source>More than {max} tags.</source>
        <translation>标签超过 {max} 个。</translation>
    </message>
    <message>
        <source>Holds a NUL character (U+0000): remove it.</source>
        <translation>含有空字符（U+0000），请删除。</translation>
    </message>
    <message>
        <source>Not a date and time.</source>
        <translation>不是有效的日期和时间。</translation>
    </message>
    <message>
        <source>External id {id} belongs to article {article}.</source>
        <translation>外部编号 {id} 已属于第 {article} 篇稿件。</translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation>请填写标题。</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>请选择分类。</translation>
    </message>
    <message>
        <source>A category name is empty.</source>
        <translation>分类名称为空。</translation>
    </message>
    <message>
        <source>A published article needs its publication time.</source>
        <translation>已发布的文章需要填写发布时间。</translation>
    </message>
    <message>
        <source>The title must be one line without control characters.</source>
        <translation>标题只能有一行，且不能含控制字符。</translation>
    </message>
    <message>
        <source>“{slug}” is already used by article {id}.</source>
        <translation>“{slug}”已被第 {id} 篇文章使用。</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <extracomment>Why a saved page was not imported, or what it lacks (editor.portalpage, archive.pages).</extracomment>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>the file is binary, not a page</source>
        <translation>这是二进制文件，不是网页</translation>
    </message>
    <message>
        <source>{size} MB is too large for an article page (at most {max} MB)</source>
        <translation>{size} MB，作为文章网页太大（最多 {max} MB）</translation>
    </message>
    <message>
        <source>the markup nests more than {n} levels deep: not an article page</source>
        <translation>标记嵌套超过 {n} 层：不是文章网页</translation>
    </message>
    <message>
        <source>the bytes are not text</source>
        <translation>内容不是可识别的文字</translation>
    </message>
    <message>
        <source>cannot be read: {why}</source>
        <translation>无法读取：{why}</translation>
    </message>
    <message>
        <source>not an article page: no breadcrumb (您现在的位置), no 发布时间/来源 line</source>
        <translation>不是文章网页：既没有“您现在的位置”导航，也没有“发布时间/来源”一行</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>no pages (.html, .htm, .txt) in this folder</source>
        <translation>此文件夹中没有网页（.html、.htm、.txt）</translation>
    </message>
    <message>
        <source>its article was saved elsewhere meanwhile; import it again</source>
        <translation>其稿件刚在别处被保存，请重新导入</translation>
    </message>
    <message>
        <source>no breadcrumb (您现在的位置) found</source>
        <translation>未找到“您现在的位置”导航</translation>
    </message>
    <message>
        <source>the breadcrumb (您现在的位置) names no category</source>
        <translation>“您现在的位置”导航中没有栏目</translation>
    </message>
    <message>
        <source>no title found (the line above 发布时间)</source>
        <translation>未找到标题（发布时间上面的一行）</translation>
    </message>
    <message>
        <source>no article text found</source>
        <translation>未找到正文</translation>
    </message>
    <message>
        <source>{field} not found</source>
        <translation>未找到{field}</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <source>{user} on {host} is editing this article since {since}. You can still edit it; a save over theirs shows both versions.</source>
        <translation>{user}（{host}）自 {since} 起正在编辑这篇文章。您仍可编辑；若保存时对方已保存新版本，将同时显示两个版本供您选择。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>(read-only)</source>
        <extracomment>The preview&apos;s web view is built after the window&apos;s first paint, or this long after its show. Emitted after the first paint of the window (the start-up benchmark waits for it).</extracomment>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>&amp;New article</source>
        <translation>新建文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close article</source>
        <translation>关闭文章(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import articles…</source>
        <translation>导入文章(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;pages…</source>
        <translation>导入网页(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export site…</source>
        <translation>导出网站(&amp;E)…</translation>
    </message>
    <message>
        <source>Site &amp;settings…</source>
        <translation>网站设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Open another archive…</source>
        <translation>打开其他档案库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>替换(&amp;E)…</translation>
    </message>
    <message>
        <source>Search the &amp;archive</source>
        <translation>搜索档案库(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;About ZoneDesk</source>
        <translation>关于 ZoneDesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>修订历史(&amp;H)</translation>
    </message>
    <message>
        <source>Move to the &amp;trash…</source>
        <translation>移到废纸篓(&amp;T)…</translation>
    </message>
    <message>
        <source>Show the t&amp;rash</source>
        <translation>查看废纸篓(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修订历史</translation>
    </message>
    <message>
        <source>Archive: {location}</source>
        <translation>档案库：{location}</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) in the archive</source>
        <translation>
            <numerusform>档案库共有 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>The preview shows the article being edited.</source>
        <translation>这里预览正在编辑的文章。</translation>
    </message>
    <message>
        <source>The word was not added</source>
        <translation>未能添加该词</translation>
    </message>
    <message numerus="yes">
        <source>Merged with version {version} saved elsewhere. %n passage(s) of the body hold both versions between “&lt;&lt;&lt;&lt;&lt;&lt;&lt;” and “&gt;&gt;&gt;&gt;&gt;&gt;&gt;” lines: keep what is right, delete the marker lines, then save.</source>
        <translation>
            <numerusform>已与别处保存的第 {version} 版合并。正文有 %n 处同时保留了两个版本，夹在“&lt;&lt;&lt;&lt;&lt;&lt;&lt;”和“&gt;&gt;&gt;&gt;&gt;&gt;&gt;”行之间：请保留正确的内容，删除标记行，然后保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged with version {version} saved elsewhere: check the result, then save.</source>
        <translation>已与别处保存的第 {version} 版合并：请检查结果，然后保存。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{field}: “{value}”</source>
        <translation>{field}：“{value}”</translation>
    </message>
    <message>
        <source>Changed on both sides, yours kept; saved elsewhere: {fields}.</source>
        <translation>双方都改过的字段保留了您的修改；别处保存的是：{fields}。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>Revision {number} restored as the newest version.</source>
        <translation>第 {number} 版已恢复为最新版本。</translation>
    </message>
    <message>
        <source>The article was not moved to the trash</source>
        <translation>文章未移到废纸篓</translation>
    </message>
    <message>
        <source>“{title}” is in the trash now.</source>
        <translation>“{title}”已移到废纸篓。</translation>
    </message>
    <message>
        <source>The article was not restored</source>
        <translation>文章未恢复</translation>
    </message>
    <message>
        <source>“{title}” is back in the archive.</source>
        <translation>“{title}”已恢复到存档。</translation>
    </message>
    <message>
        <source>Autosave of “{title}” failed: {error}</source>
        <translation>“{title}”自动保存失败：{error}</translation>
    </message>
    <message>
        <source>This article was moved to the trash elsewhere.</source>
        <translation>这篇文章已在别处被移到废纸篓。</translation>
    </message>
    <message>
        <source>A newer version was saved elsewhere at {when}. Saving shows both versions; nothing is overwritten.</source>
        <translation>别处已于 {when} 保存了更新的版本。保存时将同时显示两个版本，不会覆盖任何内容。</translation>
    </message>
    <message>
        <source>Load the newest version</source>
        <translation>载入最新版本</translation>
    </message>
    <message>
        <source>The article was not loaded</source>
        <translation>文章未能载入</translation>
    </message>
    <message>
        <source>The image was not inserted</source>
        <translation>图片未插入</translation>
    </message>
    <message>
        <source>Spelling not checked</source>
        <translation>未检查拼写</translation>
    </message>
    <message>
        <source>About ZoneDesk</source>
        <translation>关于 ZoneDesk</translation>
    </message>
    <message>
        <source>{title}

A newsroom editor for development-zone news: write in Markdown, preview the portal page, keep every article in a searchable archive.</source>
        <translation>{title}

开发区新闻的编辑工具：用 Markdown 撰写，按门户网站的样子预览，把每篇文章保存在可检索的档案库里。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>As the system (Chinese unless it is English)</source>
        <translation>跟随系统（系统为英文时用英文，否则用中文）</translation>
    </message>
    <message>
        <source>A new language takes effect when ZoneDesk starts again.</source>
        <translation>更换的语言在重新启动 ZoneDesk 后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Check spelling and news style as I type</source>
        <translation>输入时检查拼写和新闻体例</translation>
    </message>
    <message>
        <source>A rule turned off from the editor&apos;s context menu can be turned on here.</source>
        <translation>在编辑器右键菜单中关闭的规则，可在此重新打开。</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Copy &amp;link address</source>
        <translation>复制链接地址(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open link in the browser</source>
        <translation>在浏览器中打开链接(&amp;O)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的内容</translation>
    </message>
    <message numerus="yes">
        <source>ZoneDesk closed without saving %n article(s). Their text was autosaved: restore each one to go on editing it, or discard it (the autosaved text stays in the article&apos;s history).</source>
        <translation>
            <numerusform>ZoneDesk 上次关闭时有 %n 篇文章未保存，其文字已自动保存：可逐篇恢复后继续编辑，或者放弃（自动保存的文字仍保留在文章的修订历史中）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>自动保存时间</translation>
    </message>
    <message>
        <source>Size change</source>
        <translation>字数变化</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Restore all</source>
        <translation>全部恢复</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>{title} (new, never saved)</source>
        <translation>{title}（新文章，从未保存）</translation>
    </message>
    <message>
        <source>+{added} −{removed} characters</source>
        <translation>+{added} −{removed} 字</translation>
    </message>
    <message>
        <source>+{added} −{removed} words</source>
        <translation>英文 +{added} −{removed} 词</translation>
    </message>
    <message>
        <source>{change:+,} chars</source>
        <translation type="vanished">{change:+,} 字</translation>
    </message>
    <message>
        <source>The article was saved again since (version {version}): saving the restored text shows both versions.</source>
        <translation>此后这篇文章又被保存过（第 {version} 版）：保存恢复的文字时将同时显示两个版本。</translation>
    </message>
    <message>
        <source>The article is in the trash.</source>
        <translation>这篇文章在废纸篓中。</translation>
    </message>
    <message>
        <source>In the archive</source>
        <translation>存档中的版本</translation>
    </message>
    <message>
        <source>Not in the archive</source>
        <translation>存档中没有</translation>
    </message>
    <message>
        <source>Autosaved, not saved</source>
        <translation>自动保存（未正式保存）</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <source>Site settings</source>
        <translation>网站设置</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>网站名称</translation>
    </message>
    <message>
        <source>Slogan</source>
        <translation>标语</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Copyright</source>
        <translation>版权信息</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>网站地址</translation>
    </message>
</context>
<context>
    <name>SpellUnderliner</name>
    <message>
        <source>(no suggestions)</source>
        <extracomment>The idle pause after the last edit before the dirty visible blocks are checked. After a scroll or a resize: the newly visible blocks are checked sooner. Block texts whose problems are kept (per editor); a 50,000-character article has ~500. Suggestions shown in the context menu. Behind a problem at most this many UTF-16 units wide, a tint of its colour (a comma&apos;s wave underline alone is a few pixels long). The one-click command&apos;s shortcut (free among the window&apos;s and the editor&apos;s). How long a fix command&apos;s report stays in the status bar. What a fix command or a rule turned off did, for the status bar. Where a rule turned off from the context menu is saved (None: for this session). Bumped whenever the checker&apos;s answers may change; stale results carry an older one. Emitted after the underlines were redrawn (tests wait for it): the number shown. A word-list change failed: the message. The problems &quot;ignored here&quot; in this editor&apos;s article, while it is open. Blocks checked so far (the benchmark reports it).</extracomment>
        <translation>（无建议）</translation>
    </message>
    <message>
        <source>Add to my dictionary</source>
        <translation>加入个人词典</translation>
    </message>
    <message>
        <source>Add to the newsroom&apos;s dictionary</source>
        <translation>加入编辑部词典</translation>
    </message>
    <message>
        <source>Ignore for this session</source>
        <translation>本次忽略</translation>
    </message>
    <message>
        <source>Fix here: change to “{text}”</source>
        <translation>修正此处：改为“{text}”</translation>
    </message>
    <message>
        <source>Fix here: remove the space</source>
        <translation>修正此处：删除空格</translation>
    </message>
    <message>
        <source>Fix all of this kind ({kind}, {count})</source>
        <translation>全部修正此类（{kind}，{count} 处）</translation>
    </message>
    <message>
        <source>Ignore here</source>
        <translation>此处忽略</translation>
    </message>
    <message>
        <source>Turn this rule off</source>
        <translation>关闭此规则</translation>
    </message>
    <message>
        <source>Fixed {count}: {kinds}</source>
        <translation>已修正 {count} 处：{kinds}</translation>
    </message>
    <message>
        <source>Fixed {count} punctuation marks: {kinds}</source>
        <translation>已规范 {count} 处标点：{kinds}</translation>
    </message>
    <message>
        <source>No punctuation to fix in this article.</source>
        <translation>本文没有需要规范的标点。</translation>
    </message>
    <message>
        <source>“{rule}” is no longer checked; Preferences can turn it on again.</source>
        <translation>已关闭“{rule}”检查，可在“首选项”中重新打开。</translation>
    </message>
    <message>
        <source>Change to “{text}”</source>
        <translation type="vanished">改为“{text}”</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>Type the publication time, such as 2020-10-10 14:30.</source>
        <translation>请填写发布时间，例如 2020-10-10 14:30。</translation>
    </message>
    <message>
        <source>The year {year} is not between {first} and {last}.</source>
        <translation>年份 {year} 不在 {first} 至 {last} 年之间。</translation>
    </message>
    <message>
        <source>There is no month {month}.</source>
        <translation>没有 {month} 月。</translation>
    </message>
    <message>
        <source>{year} is not a leap year: February has no 29th.</source>
        <translation>{year} 年不是闰年，2 月没有 29 日。</translation>
    </message>
    <message>
        <source>Month {month} has no day {day}.</source>
        <translation>{month} 月没有 {day} 日。</translation>
    </message>
    <message>
        <source>There is no time of day {time}.</source>
        <translation>没有 {time} 这个时刻。</translation>
    </message>
    <message>
        <source>“{text}” is not a date: type it as 2020-10-10 14:30 or 2020年10月10日.</source>
        <translation>“{text}”不是日期，请写成 2020-10-10 14:30 或 2020年10月10日。</translation>
    </message>
    <message>
        <source>Until it is fixed the article keeps {time} and is not saved.</source>
        <translation>改正前仍用 {time}，不能保存。</translation>
    </message>
    <message>
        <source>Type or paste the time: 2020-10-10 14:30, 2020年10月10日, 2020/10/10 … Alt+↓ opens a calendar.</source>
        <translation>输入或粘贴时间：2020-10-10 14:30、2020年10月10日、2020/10/10 等；按 Alt+↓ 打开日历。</translation>
    </message>
    <message>
        <source>Choose the day from a calendar (Alt+↓)</source>
        <translation>从日历中选择日期（Alt+↓）</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
</context>
<context>
    <name>TrashBar</name>
    <message>
        <source>Deleted articles. Restore brings one back.</source>
        <translation>已删除的文章。选中后点“恢复”可放回存档。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>New article</source>
        <translation>新建文章</translation>
    </message>
    <message>
        <source>Import articles…</source>
        <translation>导入文章…</translation>
    </message>
    <message>
        <source>Open another archive…</source>
        <translation>打开其他档案库…</translation>
    </message>
    <message>
        <source>Welcome to ZoneDesk</source>
        <translation>欢迎使用 ZoneDesk</translation>
    </message>
    <message>
        <source>This archive holds no articles yet. Write the first one, import articles from a JSON Lines file, or open another archive.</source>
        <translation>这个档案库还没有文章。您可以写第一篇，从 JSON Lines 文件导入文章，或者打开其他档案库。</translation>
    </message>
    <message>
        <source>No article is open</source>
        <translation>没有打开的文章</translation>
    </message>
    <message>
        <source>Open an article from the archive on the left (double click or Enter), or start a new one.</source>
        <translation>在左侧档案库中打开一篇文章（双击或按回车），或者新建一篇。</translation>
    </message>
</context>
<context>
    <name>ZoneDesk</name>
    <message>
        <source>The archive is damaged</source>
        <extracomment>Qt&apos;s own catalogues the UI needs: its dialogs and buttons (qtbase), the preview&apos;s engine.</extracomment>
        <translation>档案库已损坏</translation>
    </message>
    <message>
        <source>The archive {url} is damaged, so ZoneDesk did not open it and wrote nothing to it. Close ZoneDesk and run one of the commands below in a terminal:</source>
        <translation>档案库 {url} 已损坏，ZoneDesk 没有打开它，也没有向其中写入任何内容。请关闭 ZoneDesk，在终端中运行下面的某个命令：</translation>
    </message>
    <message>
        <source>ZoneDesk cannot open the archive</source>
        <translation>ZoneDesk 无法打开档案库</translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation>无法打开档案库 {url}：</translation>
    </message>
    <message>
        <source>Created a new archive at {path}</source>
        <translation>已在 {path} 新建档案库</translation>
    </message>
</context>
</TS>
