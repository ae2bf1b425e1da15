# gongkai 的中文提示：命令行的总结行和错误。
# 每条提示有一个编号，代码里用 t!("编号", 参数 = …) 取用。

severity-error = 错误
severity-warning = 警告
help-prefix = 提示：

built = 已生成：{ $documents } 篇文件，{ $pages } 个页面（{ $files } 个文件），用时 { $ms } 毫秒 → { $output }
build-failed = 生成失败；上次生成的网站保持原样，没有改动
checked = 已检查：{ $documents } 篇文件，{ $pages } 个页面，用时 { $ms } 毫秒，没有错误{ $warnings ->
        [0] {""}
       *[other] ，{ $warnings } 条警告
    }
check-failed = 检查没有通过
failed-summary = { $what }：共 { $n } 个错误
held-back = { $n } 篇文件的日期在今天之后，暂不发布，到当天才发布：
held-back-item = {"  "}{ $path }（{ $day }）{ $title }
body-schedule = { $path }：按正文里的月份小节读出了工作安排（{ $months } 个月，{ $items } 项），列在月份页上；如果要自己写，请在文件开头的信息里写 `schedule:`（不要安排就写 `schedule: {"{}"}`）
trial-build = 试运行：网站还没有正式上线，所以这次生成不做记录（不编索引号，不发布 disclosure.json）；准备好向公众公开时，运行 `gongkai golive`，此后每次生成都会把发布的内容记入公开记录
live-already = 网站已经正式上线：公开记录在 { $lock } 里，每次生成都会接着记录
golive-problems = 网站还有问题，请先改好再上线
golive-sample = 这是 `gongkai init` 生成的示例文件
golive-sample-help = 请把示例文件改写成你们自己的文件（并删掉其中的示例标记行 `# 示例文件（gongkai init）…`），或者直接删除；上线以后，发布过的内容都会永久留在公开记录里。如果一定要带着示例文件上线：`gongkai golive --with-samples`
golive-samples-left = 还没有上线：网站里还有 { $n } 篇示例文件
golive-failed = 没能上线
golive-done = 网站已正式上线：从下一次 `gongkai build` 起，每篇发布的文件都会编上索引号，并记入 disclosure.lock（请保管好这个文件，比如和 content/ 一起提交备份；它就是网站的公开记录）
verified = 核验通过：{ $dir } 里的 { $documents } 篇文件与公开记录的 { $entries } 条记录一一对应，每篇原文的 SHA-256 校验码都相符，记录链完整（链头 { $head }）
verify-failed = { $dir } 核验没有通过
init-exists = { $dir } 里已经有 site.yaml 了；`gongkai init` 只用来新建网站
init-done = 已在 { $dir } 新建网站（含 { $year } 年的示例文件）。下一步：进入这个文件夹，运行 `gongkai serve`，就能一边编辑一边在浏览器里看效果；在运行 `gongkai golive` 之前，`gongkai build` 都只是试运行
new-empty-title = 标题是空的
new-exists = { $path } 已经存在

io-create = 无法创建 { $path }：{ $reason }
io-write = 无法写入 { $path }：{ $reason }
io-not-found = 文件或文件夹不存在
io-permission = 没有权限
io-exists = 已经存在
io-full = 磁盘已满
io-read-only = 磁盘是只读的
io-is-folder = 这是一个文件夹
io-not-folder = 路径中有一段不是文件夹
io-invalid-data = 数据无效

## 命令行帮助（`gongkai --help`、`gongkai build --help`）
cli-help-template = {"{"}about-with-newline{"}"}
    用法： {"{"}usage{"}"}

    {"{"}all-args{"}"}
cli-commands = 命令
cli-options = 选项
cli-value-addr = 地址
cli-value-dir = 文件夹
cli-value-file = 文件
cli-value-files = 文件
cli-value-lang = 语言
cli-value-n = 数目
cli-value-name = 名字
cli-value-s = 网址名
cli-value-url = 网址
cli-value-kind = 类别
cli-value-title = 标题
cli-value-target = 目标
cli-value-port = 端口
cli-value-bind = 地址
cli-whole-number = 请写一个整数
cli-lang-values = 请写 zh-CN 或 en
cli-usage-options = [选项]
cli-usage-command = <命令>
cli-default = [默认：
cli-possible-values = [可选：
cli-unknown-command = 没有 `{ $name }` 这个命令
cli-unknown-argument = 这里没有 `{ $name }` 这个选项
cli-bad-value = `{ $name }` 不能是 `{ $value }`：{ $reason }
cli-valid-values = 请从这些里选一个：{ $values }
cli-missing-argument = 还缺少 { $name }
cli-missing-command = 请说明要运行哪个命令
cli-value-count = `{ $name }` 后面的值的个数不对
cli-conflict = `{ $name }` 不能和 `{ $other }` 一起用
cli-other = 看不懂这行命令：{ $raw }
cli-usage-line = 用法：{ $usage }
cli-more-help = 想了解更多，请运行 `gongkai --help`
cli-help = 显示帮助
cli-version = 显示版本
cli-about = 公开 — 校务公开、厂务公开网站生成工具：工作计划、公示通知、工作总结
cli-site = 网站文件夹（放 site.yaml 的文件夹）
cli-max-per-kind = 同一个文件里同一类问题最多列出几个，其余的合成一行；写 0 就全部列出
cli-lang = 提示信息的语言：`zh-CN`（中文）或 `en`（英文）（默认按 site.yaml 的 `language`；也可以设环境变量 `GONGKAI_LANG`）
cli-init = 新建一个网站：site.yaml、默认主题和几篇示例文件
cli-init-dir = 建在哪个文件夹（默认：`--site` 指定的文件夹）
cli-new = 新建一篇文件，日期是今天，开头信息已经写好
cli-new-kind = 文件类别：`plan`（计划）、`notice`（公示、通知）或 `summary`（总结）
cli-new-title = 文件标题
cli-import = 把 Word 文件（.docx）导入成网站文件；给一个文件夹就导入其中所有 .docx
cli-import-files = 要导入的 .docx 文件（或放它们的文件夹）
cli-import-kind = 文件类别（默认按标题判断：…公示、通知是公示，…计划、要点是计划，…总结是总结）
cli-import-section = 放进 content/ 下的哪个文件夹（默认按类别：plans/、notices/ 或 summaries/）
cli-import-slug = 文件的网址名（只导入一个文件时可用；默认按标题生成）
cli-build = 生成网站，放进 public/
cli-build-drafts = 把草稿和日期在今天之后的文件也包括进来（只用于预览）
cli-build-output = 输出文件夹（默认：网站文件夹里的 public/）
cli-build-base-url = 临时换掉 site.yaml 里的网站地址 `base_url`，比如用于测试服务器
cli-build-accept-changes = 确认对已发布文件的有意修改，并记入公开记录
cli-check = 检查生成时要检查的一切，但什么也不写
cli-check-drafts = 把草稿和日期在今天之后的文件也检查
cli-serve = 预览网站：在本机打开网站，每次保存文件都自动更新
cli-serve-bind = 监听的地址；默认只有这台电脑能访问
cli-serve-port = 端口号；写 0 就自动找一个空闲的
cli-serve-open = 同时在浏览器里打开网站
cli-golive = 让网站正式上线：从此每次生成都把发布的内容记入 disclosure.lock，并给每篇文件编索引号；在此之前的生成都是试运行
cli-golive-with-samples = 即使网站里还有 `gongkai init` 生成的示例文件，也上线
cli-verify = 核验已发布的网站（文件夹或网址）：每篇文件的原文与 disclosure.json 里记录的校验码（SHA-256）是否相符，记录链是否完整
cli-verify-dir = 已发布网站的文件夹（放 disclosure.json 的文件夹）；默认：网站的 public/

## gongkai deploy（部署）
deploy-no-targets = site.yaml 没有部署目标：请在 `deploy:` 下列出，例如 `deploy: [{"{"}name: www, url: /var/www/gk{"}"}]`
deploy-unknown-target = site.yaml 中没有名为 `{ $name }` 的部署目标（已有：{ $names }）
deploy-several-targets = site.yaml 有多个部署目标，请指明一个：`gongkai deploy 目标名`（{ $names }）
deploy-no-build = { $out } 中没有构建结果：请先运行 `gongkai build`
deploy-build-unfinished = { $out } 的上一次构建没有完成（被中断？）：请重新运行 `gongkai build`，部署只发送完成的构建
deploy-build-failed = { $out } 的上一次构建失败了：请修正问题后重新运行 `gongkai build`，部署只发送成功的构建
deploy-trial = 这是试运行构建：网站尚未上线，没有公开记录（disclosure.json）；准备好面向公众时运行 `gongkai golive`，再 `gongkai build`，然后部署
deploy-drafts = 这次构建包含草稿（`--drafts`），只能预览，不能发布：请运行 `gongkai build`（不带 `--drafts`）后再部署
deploy-other-base-url = 这次构建用了 `--base-url { $url }`，而不是 site.yaml 的 { $site }：其中的链接指向别处；请运行 `gongkai build`（不带 `--base-url`）后再部署
deploy-no-record = { $out } 中没有 disclosure.json：这不是一个已上线网站的完整构建
deploy-cannot-read = 无法读取构建结果：{ $what }
deploy-no-credentials = 部署到 `{ $target }` 需要访问密钥：请设置环境变量 `AWS_ACCESS_KEY_ID` 和 `AWS_SECRET_ACCESS_KEY`，或写入 ~/.aws/credentials（密钥永远不写在 site.yaml 中）
deploy-refused = 部署到 `{ $target }` 失败：访问密钥被拒绝，请检查 `AWS_ACCESS_KEY_ID` 和 `AWS_SECRET_ACCESS_KEY`（{ $detail }）
deploy-no-bucket = 部署到 `{ $target }` 失败：存储桶 `{ $bucket }` 不存在（请检查 site.yaml 中的 `url`、`endpoint` 和 `region`）
deploy-no-folder = 部署到 `{ $target }` 失败：文件夹 { $dir } 不存在（网站根目录没有挂载？）
deploy-network = 部署到 `{ $target }` 失败：多次重试后仍无法连接（{ $detail }）
deploy-other = 部署到 `{ $target }` 失败：{ $detail }
deploy-stopped = 部署到 `{ $target }` 未完成：{ $total } 个文件中已发送 { $sent } 个；目标上的清单没有更新，请再次运行 `gongkai deploy` 完成部署
deploy-send = 发送 { $rel }
deploy-delete = 删除 { $rel }
deploy-keep-stale = 保留 { $rel }（已不再生成；加 `--delete` 可删除）
deploy-keep-recorded = 保留 { $rel }（公开记录中的文件，永不删除）
deploy-stale-note = 目标上有 { $n } 个已不再生成的文件被保留；加 `--delete` 可删除它们
deploy-recorded-note = { $n } 个公开记录（disclosure.json）中文档的文件已不再生成，仍保留在目标上
deploy-dry-run = 试演（`--dry-run`）：将向 `{ $target }` 发送 { $send } 个文件（{ $size }），{ $unchanged } 个未变，删除 { $delete } 个；什么也没有发送
deploy-done = 已部署到 `{ $target }`：发送 { $sent } 个文件（{ $size }），跳过 { $unchanged } 个未变文件，删除 { $deleted } 个，用时 { $ms } 毫秒
deploy-config-problems = 部署：site.yaml 有问题
cli-deploy = 把生成好的网站发送到 site.yaml 里 `deploy:` 列出的目标（对象存储桶或文件夹）：只发送上次部署以来有变化的文件
cli-deploy-target = 目标的名字（site.yaml 只有一个目标时可以不写）
cli-deploy-dry-run = 只列出将要发送和删除的文件，什么也不发送
cli-deploy-delete = 删除目标上已不再生成的文件（公开记录里的文件永远不删）
cli-deploy-output = 生成好的网站文件夹（默认：网站文件夹里的 public/）
cli-deploy-verbose = 列出发送和删除的每个文件
