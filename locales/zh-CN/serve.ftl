# 预览：`gongkai serve` 在终端里打印的行，以及保存的文件有错误时浏览器页面上显示的提示框。

serve-no-site = 错误：{ $dir } 里没有 site.yaml
serve-no-site-help = {"  "}= 提示：运行 `gongkai init` 新建网站，或者用 `--site 文件夹` 指定网站所在的文件夹
serve-cannot-start = 错误：无法启动预览：{ $reason }
serve-cannot-listen = 错误：无法使用地址 { $addr }：{ $reason }
serve-cannot-listen-help = {"  "}= 提示：用 `--port 端口号` 换一个端口，或者 `--port 0` 自动找一个空闲的
serve-cannot-watch = 错误：无法留意 { $dir } 里文件的改动：{ $reason }
serve-serving = 预览地址 { $url }（草稿也会显示；按 Ctrl-C 停止）
serve-stopped-error = 错误：预览意外停止：{ $reason }
serve-stopped = 已停止
serve-rebuild-panicked = 错误：gongkai 内部出错，这次没能更新；下次保存时会重新生成整个网站
serve-built = 已生成 { $documents } 篇文件的 { $pages } 个页面，用时 { $ms } 毫秒
serve-rebuilt = 已更新（{ $what }）：重新生成了 { $pages } 个页面{ $full ->
        [yes] ，整站重新生成
       *[no] {""}
    }{ $removed ->
        [0] {""}
       *[other] ，去掉了 { $removed } 个
    }，用时 { $ms } 毫秒
serve-broken = 错误（{ $what }）：共 { $n } 个错误；浏览器里仍显示上一次正确的版本
serve-no-browser = 说明：没能打开浏览器；请自己在浏览器里打开 { $url }
serve-no-search = 警告：没能生成搜索索引：{ $reason }
serve-memory = 预览中的网站
serve-what-templates = 模板
serve-what-statics = 静态文件
serve-what-many = { $first } 等（共 { $n } 个文件）
serve-what-start = 启动
serve-overlay-heading = gongkai 预览：刚保存的文件有错误，页面仍显示上一次正确的版本
serve-broken-title = 网站有错误
serve-broken-text = 请改正下面列出的文件并保存，这个页面会自己刷新。
