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
