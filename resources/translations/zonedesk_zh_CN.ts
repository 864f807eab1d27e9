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
        <source>Open another archive</source>
        <translation>打开其他档案库</translation>
    </message>
    <message>
        <source>ZoneDesk archives (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>ZoneDesk 档案库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CategoryPicker</name>
    <message>
        <source>Choose a category</source>
        <translation>选择分类</translation>
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
    <name>ConflictDialog</name>
    <message>
        <source>Saved elsewhere meanwhile</source>
        <translation>文章已在别处保存</translation>
    </message>
    <message>
        <source>This article was saved elsewhere (version {version}, {when}) after you opened it. Nothing was overwritten. Which version do you want to keep?</source>
        <translation>您打开这篇文章之后，它在别处被保存过（第 {version} 版，{when}）。没有任何内容被覆盖。您要保留哪个版本？</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方版本</translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation>我的版本（未保存）</translation>
    </message>
    <message>
        <source>Saved elsewhere (version {v})</source>
        <translation>别处保存的版本（第 {v} 版）</translation>
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
</context>
<context>
    <name>EditorTab</name>
    <message>
        <source>Write the article in Markdown. Paste or drop images here.</source>
        <extracomment>The pause after the last edit before the preview and the counts catch up. With the render (a few ms for a typical article, ~40 ms for 50,000 characters) and the web view&apos;s update, the preview shows the new text about 200 ms after the last key, at most 300 ms. A key for this tab that outlives saves (a new article has no id yet).</extracomment>
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
    <name>FormatActions</name>
    <message>
        <source>&amp;Bold</source>
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
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New article</source>
        <extracomment>The preview&apos;s web view is built after the window&apos;s first paint, or this long after its show. Emitted after the first paint of the window (the start-up benchmark waits for it).</extracomment>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具栏</translation>
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
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>The image was not inserted</source>
        <translation>图片未插入</translation>
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
        <source>ZoneDesk cannot open the archive</source>
        <translation>ZoneDesk 无法打开档案库</translation>
    </message>
    <message>
        <source>The archive {url} could not be opened:</source>
        <translation>无法打开档案库 {url}：</translation>
    </message>
</context>
</TS>
