# content
# 读取网站：content/ 文件夹、文件、文件开头的信息、链接和附件。

did-you-mean = 是不是想写 `{ $name }`？
did-you-mean-nested = 是不是想写 `{ $parent }:` 下面的 `{ $name }`？比如 `{ $parent }: {"{"}{ $name }: …{"}"}`
content-skipped = 已跳过：{ $reason }
content-cannot-read = 无法读取这个文件：{ $reason }
content-not-utf8 = 这个文件不是 UTF-8 编码的文字：请用 UTF-8 编码另存（不要用 GBK）
content-no-section = 文件要放在栏目文件夹里，比如 content/notices/
content-unknown-kind = 看不出文件夹 `{ $section }` 里的这篇文件是哪一类
content-unknown-kind-help = 请加一行 `kind: plan`（计划）、`kind: notice`（公示、通知）或 `kind: summary`（总结），或者把文件移到 plans/、notices/ 或 summaries/ 下，或者在 site.yaml 里给这个文件夹指定类别：`sections: [{"{"}name: { $section }, title: ..., kind: notice{"}"}]`
content-attachment-twice = 有两个附件都叫 `{ $name }`
content-attachment-outside = 附件 `{ $file }` 必须放在这篇文件自己的文件夹里
content-attachment-missing = 找不到附件 `{ $file }`（找的位置是 { $looked }）
link-outside-site = `{ $shown }` 是指向 { $target } 的快捷方式（链接），在网站文件夹外面：gongkai 只发布网站文件夹里的文件；请把文件复制进网站文件夹，不要用快捷方式
site-same-url = 两篇文件的网址相同，都是 { $url }：这一篇和 { $other }
site-same-url-help = 请给其中一篇换个文件名，或者加一行 `slug:` 指定网址名
site-same-category-url = 分类 `{ $name }` 和 `{ $first }` 会发布到同一个网址 /categories/{ $slug }/：请让两个名称在字母、数字或汉字上有区别，或者在 site.yaml 里给它们各写一个 `slug`
output-cannot-write = 无法写出网站文件：{ $reason }
output-source-changed = 这个文件在生成网站的过程中被改动了：发布的原文必须是这次生成读到并记录的内容。请保存好文件，再重新生成一次
output-replaces-site = 输出文件夹 { $dir } 会覆盖网站本身，请换一个文件夹
output-inside-site-folder = 输出文件夹 { $dir } 在网站的 { $keep }/ 文件夹里面，请换一个文件夹
name-too-long = 这个{ $what }有 { $bytes } 个字节，而文件名或文件夹名最多只能有 { $max } 个字节（一个汉字占 3 个字节）：请缩短到大约 { $chars } 个汉字或 { $max } 个字母以内
noun-slug = 网址名（`slug`）
noun-category-slug = 分类网址名

## 文件开头的信息（文件最上面两行 `---` 之间的部分）
noun-front-matter = 文件开头的信息
fm-empty-file = 这个文件是空的：文件要以开头信息起头（`---`、`title:`、`date:`、`---` 四行）
fm-no-opening = 文件的第一行必须是 `---`，表示开头信息的开始
fm-no-opening-help = 第一行写 `---`，接着写 `title:`（标题）和 `date:`（日期）两行，再写一行 `---`
fm-never-closed = 这里开始的开头信息没有结束：请在最后一个字段下面加一行 `---`
fm-title-empty = 标题 `title` 是空的
fm-missing-title = 缺少标题 `title`：每篇文件都要有标题
fm-missing-date = 缺少日期 `date`：每篇文件都要写发布日期（格式：2023-06-01）
fm-unknown-kind = 没有 `{ $kind }` 这种类别：请写 `plan`（计划）、`notice`（公示、通知）或 `summary`（总结）
fm-categories-list = 分类 `categories` 要写成名称列表，比如 [经费公开, 福利慰问]
fm-unknown-status = 没有 `{ $status }` 这种状态：请写 `published`（已发布）或 `withdrawn`（已撤回）
fm-withdrawn-reason = 撤回 `withdrawn` 要写明原因 `reason`：必须告诉职工为什么撤回
fm-withdrawn-needs = 撤回的文件要写 `withdrawn: {"{"}date: 2023-06-01, reason: 撤回原因{"}"}`
fm-bad-slug = 网址名 `{ $slug }` 只能用字母、数字、汉字和 `-`、`_`（不能有 `/`、`..`，也不能以 `.` 开头）
fm-disclosure-contact = 公示期要写异议反馈渠道（联系人、电话）：请在 `disclosure` 下面加 `contact:`，或者在开头信息里加一行 `contact:`，或者在 site.yaml 里写 `contact:`
fm-bad-year = `year: { $year }` 不像计划的年份：请写计划所属的年份，在 { $from } 到 { $to } 之间
fm-schedule-month = 工作安排里的月份 `{ $month }` 要写成 1 到 12 的数字
fm-schedule-items = 工作安排里 { $month } 月的内容要写成事项列表（{ $found }）
fm-schedule-map = 工作安排 `schedule` 要按月份写：月份（1 到 12）后面跟事项列表
fm-privacy-kind = 没有 `{ $kind }` 这种个人信息类别：请写 { $kinds }
fm-date-type = `{ $key }` 要写成日期，格式是 2023-06-01
fm-key-problem = 字段 `{ $key }`：{ $problem }
fm-disclosure-needs = 公示期 `disclosure` 要写开始日期 `start`，再从结束日期 `end`、天数 `days`、工作日数 `working_days` 中选一个写
fm-disclosure-backwards = 公示期的结束日期早于开始日期
fm-disclosure-days = 天数 `days` 要写 1 到 3650 之间的整数
fm-disclosure-working-days = 工作日数 `working_days` 要写 1 到 1000 之间的整数

## 日期
date-no-month = `{ $date }` 不是真实的日期（没有 { $month } 月）
date-no-day = `{ $date }` 不是真实的日期（{ $month } 月没有 { $day } 日）
date-not-a-date = `{ $date }` 不是日期：请写成 2023-05-01 这样的格式
date-write-as = `{ $date }` 的写法不对：日期要写成“年-月-日”的数字格式，请改成 `{ $iso }`

## 开头信息的格式问题
yaml-not-mapping = 开头信息要一行写一个字段，格式是 `字段: 内容`
yaml-too-deep = 列表或分组套了超过 { $max } 层：请写得简单一些
yaml-tab = 缩进里用了制表符（`Tab` 键）：请改用空格缩进
yaml-colon-in-value = 这一行的格式不对：内容里有英文冒号“:”时，请把整个内容用英文引号括起来，比如 `title: "通知:关于…"`；也请检查上一行是否缩进不对
yaml-indentation = 这里的缩进不对：同一级的字段要左对齐，下一级的内容要比上一级多缩进两个空格
yaml-missing-colon = 这里少了英文冒号“:”：每个字段写成 `字段: 内容`，冒号后面加一个空格
yaml-unclosed-quote = 引号没有配对：开头用了引号，后面却没有对应的结束引号；请检查引号是否都是英文引号 `"`，并且成对出现
yaml-escape = 英文双引号里不能直接写反斜杠 `\`：请改用单引号 `'…'` 括起来，或者写两个反斜杠
yaml-unclosed-list = 方括号列表没有结束：请检查是否少了结尾的 `]`，列表项之间要用英文逗号“,”分隔
yaml-unclosed-map = 花括号没有结束：请检查是否少了结尾的 `{"}"}`，各项之间要用英文逗号“,”分隔
yaml-duplicate-key = 同一个字段写了两次：请删掉其中一个
yaml-other = 这里的格式看不懂：请检查冒号、引号、括号和缩进是否正确
yaml-unknown-key = { $what }里没有 `{ $name }` 这个字段
yaml-unknown-keys = { $what }里不认识的字段
yaml-valid-keys = 可以用的字段有：`{ $keys }`
yaml-must-be-text = `{ $key }` 要写成文字
yaml-unknown-field = 没有 `{ $name }` 这个字段，可以用的是：{ $expected }
yaml-missing-field = 缺少字段 `{ $name }`
yaml-wrong-type = 这里应该写{ $expected }，现在写的是{ $found }
type-found-text = 文字 { $value }
type-found-number = 数字 { $value }
type-found-bool = 是非值 { $value }
type-found-list = 列表
type-found-map = 一组字段
type-found-empty = 空的
type-whole-number = 整数
type-bool = `true`（是）或 `false`（否）
type-text = 文字
type-list = 列表
type-map = 一组字段（`字段: 内容`）

## 网站设置 site.yaml
config-cannot-read = 无法读取 { $dir } 里的 site.yaml：{ $reason }
config-cannot-read-help = 要新建网站，请运行 `gongkai init`；如果网站在别的文件夹，请用 `--site 文件夹` 指定
config-not-utf8 = site.yaml 不是 UTF-8 编码的文字：请用 UTF-8 编码另存
config-title = site.yaml 里要写网站名称 `title`，不能为空
config-base-url = site.yaml 里要写网站地址 `base_url`，比如 https://union.example.edu.cn/gk/
config-language = 没有 `{ $language }` 这种语言：请写 `zh-CN`（中文）或 `en`（英文）
config-theme = 主题 `theme` 要写 themes/ 下面一个文件夹的名字
config-timezone = 没有 `{ $zone }` 这个时区：请写 `Asia/Shanghai` 这样的时区名
config-paginate = 每页篇数 `paginate` 要写不小于 1 的整数
config-category-slug = 分类网址名 `{ $slug }` 只能用字母、数字、汉字和 `-`、`_`
config-section-name = 栏目 `{ $name }` 要写 content/ 下面一个文件夹的名字
config-section-twice = 栏目 `{ $name }` 写了两次
config-section-title = 栏目 `{ $name }` 要写栏目名称 `title`，不能为空
config-holidays = 节假日 `holidays`：{ $problem }
config-base-url-scheme = 网站地址 `{ $url }` 要以 https:// 或 http:// 开头
config-base-url-host = 网站地址 `{ $url }` 里没有域名
config-base-url-query = 网站地址 `{ $url }` 里不能有 `?` 或 `#` 后面的部分
config-deploy-name = 发布目标需要一个名字：请写上 `name`
config-deploy-twice = 发布目标 `{ $name }` 写了两次：请删去一处，或改个名字
config-deploy-no-bucket = 发布目标 `{ $name }`：`{ $url }` 没有写存储桶，请写成 s3://存储桶/文件夹
config-deploy-endpoint = 发布目标 `{ $name }`：服务地址 `{ $endpoint }` 要以 https:// 或 http:// 开头
config-deploy-url = 发布目标 `{ $name }`：`{ $url }` 既不是 s3://存储桶/文件夹，也不是一个文件夹
config-deploy-no-url = 发布目标 `{ $name }` 需要写上地址 `url`
config-deploy-folder-options = 发布目标 `{ $name }` 是一个文件夹：`endpoint`、`region` 和 `path_style` 只用于 s3:// 目标，请删去

## 中文输入法打出的标点
slip-colon = 字段 `{ $key }` 后面用了中文冒号“：”：请改成英文冒号“:”，冒号后面加一个空格
slip-indent = 缩进里有全角空格“　”：请改成英文空格（半角空格）
slip-quote = 引号没有配对：用英文引号 " 开头，却用中文引号“{ $close }”结尾：请把结尾也改成英文引号 "，或者两个引号都去掉
slip-bracket = 列表用了中文方括号“［ ］”：请改成英文方括号“[ ]”

## 正文里的链接
noun-link-problems = 链接问题
link-not-published-file = 链接失效：`{ $dest }` 指向 content/{ $rel }，但这个文件不会发布：只有文件的附件才会发布（请把它写进这篇文件的 `attachments:`，或者放进这篇文件自己的文件夹）
link-outside-content = 链接 `{ $dest }` 指向 content/ 以外的地方
link-unpublished = 链接 `{ $dest }` 指向 content/{ $rel }，但那篇文件是草稿或日期在今天之后，还没有发布
link-missing = 链接失效：`{ $dest }` 指向 content/{ $rel }，这个文件不存在
more-of-kind = 这个文件里还有 { $count } 处{ $what }（第一个就在这里）；先改好上面这些，再运行一次就能看到其余的
more-of-kind-help = 用 `--max-per-kind 0` 可以全部列出（现在每个文件每类最多列 { $limit } 个）

## 主题的模板
theme-no-template = 主题里缺少模板 `{ $name }`
theme-not-found = 找不到主题 `{ $theme }`：没有 themes/{ $theme }/templates 这个文件夹
template-error = 模板有错：{ $detail }
template-error-in = （在 { $name } 里）
template-cannot-read = 无法读取模板：{ $reason }
template-not-utf8 = 模板不是 UTF-8 编码的文字：请用 UTF-8 编码另存
internal-no-document = gongkai 内部错误：给一篇不存在的文件安排了页面；请把这条信息报告给开发者
keys-separator = `、`
list-separator = 、
