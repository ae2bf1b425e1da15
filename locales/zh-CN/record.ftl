# 公开记录（disclosure.lock）、核验、发布前对文件的检查（个人信息、模板残留、正文）
# 和附件的读取。

## disclosure.lock

record-unreadable = 公开记录 disclosure.lock 读不出来：这一行的格式不对
record-restore-help = 这个文件由 `gongkai build` 自动写入，请不要手工修改；请用你保存的备份恢复它（例如 `git checkout disclosure.lock`）
record-read-failed = 无法读取公开记录 disclosure.lock：{ $reason }
record-chain-broken = 公开记录里「{ $title }」（{ $url }，索引号 { $no }）这一条和上一条接不上：记录被删改过
record-entry-changed = 公开记录里「{ $title }」（{ $url }，索引号 { $no }）这一条写入以后被改过：它的校验码和内容对不上
record-build-only-help = disclosure.lock 只能由 `gongkai build` 写入；请用你保存的备份恢复它（例如 `git checkout disclosure.lock`）
record-anchor-help = 请用你保存的备份恢复 disclosure.lock（例如 `git checkout disclosure.lock`）；如果没有备份，已发布的 { $published } 就是原来的公开记录：把它复制成 disclosure.lock
record-lock-missing = disclosure.lock 不见了，但网站已经正式上线：{ $published } 里有 { $n } 条已发布的记录；没有公开记录就生成，会把这些文件都撤下来
record-entry-different = 「{ $title }」（{ $url }，索引号 { $no }）已经发布过，但 disclosure.lock 里它的记录和发布的不一样：公开记录只能往后添加，不能改动
record-entry-lost = 「{ $title }」（{ $url }，索引号 { $no }）已经发布过，但 disclosure.lock 里没有它的记录：公开记录只能往后添加，不能删减
record-waiting = { $dir } 里有另一个 `gongkai build` 正在运行，等它结束后再继续
record-wait-failed = 没能等到另一次生成结束：{ $reason }
record-write-failed = 无法写入公开记录 disclosure.lock：{ $reason }
record-write-help = 生成时要往网站文件夹里写文件：请检查磁盘空间和文件夹的写入权限
record-disappeared = 已发布的文件「{ $title }」（{ $url }，索引号 { $no }，{ $first } 首次发布）不见了：它被删除、改了名、改成了草稿，或者日期改到了以后
record-disappeared-help = 发布过的文件不能悄悄消失：请把它恢复；或者撤回它，在文件开头的信息里写 `status: withdrawn` 和 `withdrawn: {"{"}date: 年-月-日, reason: 撤回原因{"}"}`；如果确实要删掉，运行 `gongkai build --accept-changes`，删除会记入公开记录
record-silent-change = 这篇已发布的文件「{ $title }」（索引号 { $no }，{ $first } 首次发布）在 { $recorded } 记录以后被改过，但没有写新的 `updated` 日期，也没有新的 `corrections` 更正记录
record-silent-change-help = 改了什么要告诉读者：请在文件开头的信息里加上 `updated: { $today }`，并在 `corrections:` 下加一条更正记录，例如 `- {"{"}date: { $today }, note: 更正了什么{"}"}`；如果这是有意的改动、不需要更正说明，运行 `gongkai build --accept-changes` 记录下来
record-attachment-replaced = 说明：附件 `{ $name }` 换过了
record-attachment-added = 说明：新加了附件 `{ $name }`
record-attachment-removed = 说明：附件 `{ $name }` 被去掉了

## gongkai verify

verify-unreadable = 无法读取已发布的公开记录：{ $reason }
verify-unreadable-help = 请给出网站发布到的那个文件夹（里面有 disclosure.json）
verify-nothing-read = 什么也没有读到
verify-not-utf8 = 它不是 UTF-8 文本
verify-trial = { $dir } 是试运行生成的：网站还没有上线，没有公开记录可以核验
verify-trial-help = 准备好向公众公开时，运行 `gongkai golive`，再运行 `gongkai build`；此后生成的网站都可以核验
verify-not-recorded = { $url } 发布在这里，但公开记录里没有它
verify-not-recorded-note = 说明：生成时发布的每篇文件都有一条记录；没有记录的页面是手工加进去的，或者来自 `--drafts` 预览，预览不算发布
verify-outside = 索引号 { $no } 的记录：地址 { $url } 不在这个文件夹里
verify-source-mismatch = { $url }（索引号 { $no }）的原文和公开记录不符：校验码（SHA-256）是 { $sha }，而 { $day } 记录的是 { $recorded }
verify-source-missing = { $url }（索引号 { $no }）的原文不见了：{ $reason }
verify-attachment-mismatch = { $url }（索引号 { $no }）的附件 `{ $name }` 和公开记录不符：校验码（SHA-256）是 { $sha }，而 { $day } 记录的是 { $recorded }
verify-attachment-missing = { $url }（索引号 { $no }）的附件 `{ $name }` 不见了：{ $reason }

## 个人信息

privacy-id-card = 身份证号
privacy-mobile = 手机号
privacy-bank-card = 银行卡号
privacy-id-card-plural = 身份证号
privacy-mobile-plural = 手机号
privacy-bank-card-plural = 银行卡号
privacy-found = 这里有{ $what }，会被公开出去：{ $masked }
privacy-found-help = 请把它遮掉一部分（例如写成 `{ $masked }`）或者删掉；如果这篇文件确实必须公开它，请在文件开头的信息里加上 `privacy_allow: [{ $key }]`
privacy-site-yaml-help = site.yaml 里的内容会印在每个页面上：请把它遮掉一部分（例如写成 `{ $masked }`）、删掉，或者改留办公电话
privacy-unreadable = 这个附件没能检查是否含有个人信息（{ $why }）；请自己打开看一遍
privacy-partly-read = 有一部分没有读到：{ $why }

## 模板残留和正文

leftover-found = 模板里留下的 `{ $text }`：请在发布前填上实际内容
leftover-plural = 模板残留
body-empty = 这篇文件在开头的信息之后没有正文：发布出去会是一个空页面
body-empty-help = 请在结束的 `---` 那一行下面写正文；或者在写好之前先把它设为草稿（`draft: true`）
body-heading-jump = 这个标题从第 { $from } 级跳到了第 { $to } 级：页面上会把它排在前一个标题的下一级，这可能不是您想要的层次
body-heading-jump-help = 请用 { $level } 个 `#` 写这个标题（文件标题是第 1 级，所以正文里最高一级的标题用 `##`）
body-spaced-link = 链接 `({ $dest })` 里有空格，页面上会显示成文字，而不是链接
body-spaced-link-help = 请把地址放在尖括号里，写成 `(<{ $dest }>)`；或者给文件改个不带空格的名字
body-signature = 正文最后是落款（单位和日期）：页面会按 `department` 和 `date` 自动印上落款，这样会出现两次
body-signature-help = 请删掉文件的第 { $first } 行和第 { $second } 行；如果落款单位不是本网站的单位，请写在 `department:` 里

## 附件：为什么读不了，以及附件里的位置

attach-image = 这是一张图片，照片或扫描的名单上可能有号码
attach-old-word = 这是旧版 Word 文件（.doc）：请另存为 .docx，就能检查了
attach-slides = 这是幻灯片，gongkai 读不了其中的文字
attach-wps = 这是 WPS 格式的文件：请另存为 .docx 或 .xlsx，就能检查了
attach-archive = 这是压缩包，gongkai 不会打开其中的文件
attach-no-extension = 文件名没有扩展名，gongkai 不知道该怎么读它
attach-unknown-kind = gongkai 读不了 .{ $ext } 文件里的文字
attach-too-large = 它有 { $mb } 兆，超过了检查能读的 { $max } 兆
attach-cannot-read = 读不了它：{ $reason }
attach-larger-than = 它超过了检查能读的 { $max } 兆
attach-not-text = 它的文字编码既不是 UTF-8 也不是 GBK
attach-panicked = 读取失败：文件可能已经损坏
attach-timed-out = 读了 { $s } 秒还没读完
attach-could-not-read = 没能读取它：{ $reason }
attach-no-reader = gongkai 读不了它的文字
attach-too-many-files = 它里面有 { $n } 个文件，超过了检查能读的 { $max } 个
attach-zip-bomb = 它解开以后超过 { $mb } 兆，这样的文件可能是恶意制作的
attach-damaged = 文件已损坏，或者设了密码
attach-not-word = 它不是 Word 文件（里面没有正文部分）
attach-pdf-damaged = 文件已损坏
attach-pdf-encrypted = 文件设了密码
attach-pdf-too-many-pages = 它超过了检查能读的 { $max } 页
attach-pdf-no-text = 里面没有可读的文字，像是扫描件或图片
attach-pdf-unreadable = 读不出其中的文字
attach-pdf-pages-unread = 第 { $pages } 页的文字读不出来
attach-too-many-cells = 它的单元格超过了 { $max } 个
attach-sheet-unread = 工作表 { $sheet }：{ $why }
attach-place-page = 第 { $n } 页
attach-place-header = 页眉 { $n }，
attach-place-footer = 页脚 { $n }，
attach-place-footnotes = 脚注，
attach-place-endnotes = 尾注，
attach-place-comments = 批注，
attach-place-cell = { $part }表格 { $table } 第 { $row } 行第 { $cell } 格
attach-place-paragraph = { $part }第 { $n } 段
verify-unreadable-help-web = 请给出网站发布的网址（能访问到 disclosure.json 的那个地址）
web-client = 无法启动网络连接：{ $reason }
web-runtime = 无法启动网络功能：{ $reason }
web-read = 读取网站的回应失败：{ $reason }
web-tried = { $reason }（试了 { $tries } 次）
web-timeout = 网站很久没有回应（超时）
web-dns = 找不到这个网址的主机：请检查网址有没有写错
web-connect = 连不上网站（{ $detail }）
web-http-missing = 网站上没有这个文件（错误代码 { $status }）
web-http-refused = 网站拒绝访问（错误代码 { $status }）：请检查这个文件是否允许公开读取
web-http-server = 网站出了错（错误代码 { $status }）
web-http-other = 网站回答了错误代码 { $status }
