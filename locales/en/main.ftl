# gongkai's messages in English: the command line's summary lines and errors.
# Each message is named by an id used in the code (t!("id", arg = …)).

severity-error = error
severity-warning = warning
help-prefix = help:{" "}

built = built { $pages } { $pages ->
        [one] page
       *[other] pages
    } ({ $files } { $files ->
        [one] file
       *[other] files
    }) from { $documents } { $documents ->
        [one] document
       *[other] documents
    } in { $ms } ms → { $output }
build-failed = build failed; the previous output was left as it was
checked = checked { $documents } { $documents ->
        [one] document
       *[other] documents
    } and { $pages } { $pages ->
        [one] page
       *[other] pages
    } in { $ms } ms: no errors{ $warnings ->
        [0] {""}
        [one] , 1 warning
       *[other] , { $warnings } warnings
    }
check-failed = check failed
failed-summary = { $what }: { $n } { $n ->
        [one] error
       *[other] errors
    }
held-back = { $n } { $n ->
        [one] document is
       *[other] documents are
    } dated after today, not published until their day:
held-back-item = {"  "}{ $path } ({ $day }) { $title }
body-schedule = { $path }: schedule read from the body's month sections ({ $months } { $months ->
        [one] month
       *[other] months
    }, { $items } { $items ->
        [one] item
       *[other] items
    }), shown on the month pages; to set it yourself, write `schedule:` in the front matter (`schedule: {"{}"}` for none)
trial-build = trial build: the site is not live yet, so nothing is recorded (no 索引号 given, no disclosure.json published); when it is ready for the public, run `gongkai golive`, and every build after that records what it publishes
live-already = the site is live already: { $lock } holds its record, and every build adds to it
golive-problems = the site has problems; fix them before going live
golive-sample = this is one of the sample documents `gongkai init` made
golive-sample-help = rewrite each as your own document (and delete its line `# 示例文件（gongkai init）…`, the sample mark) or delete it; once live, everything published stays in the public record. To go live with them anyway: gongkai golive --with-samples
golive-samples-left = not live yet: { $n } sample { $n ->
        [one] document
       *[other] documents
    } still in the site
golive-failed = could not go live
golive-done = the site is live: from the next `gongkai build` on, every published document gets its 索引号 and is recorded in disclosure.lock (keep that file, e.g. commit it beside content/; it is the site's public record)
verified = verified { $documents } { $documents ->
        [one] document
       *[other] documents
    } against { $entries } record { $entries ->
        [one] entry
       *[other] entries
    } in { $dir }: every source matches its SHA-256 and the chain is intact (head { $head })
verify-failed = verification of { $dir } failed
init-exists = { $dir } already has a site.yaml; init makes new sites only
init-done = made a new site in { $dir } (sample documents for { $year }); next: cd there and run `gongkai serve` to see it in your browser as you edit; `gongkai build` makes trial builds until you run `gongkai golive`
new-empty-title = the title is empty
new-exists = { $path } already exists

io-create = cannot create { $path }: { $reason }
io-write = cannot write { $path }: { $reason }
io-not-found = it does not exist
io-permission = permission denied
io-exists = it exists already
io-full = the disk is full
io-read-only = the disk is read-only
io-is-folder = it is a folder
io-not-folder = a part of the path is not a folder
io-invalid-data = the data is not valid

## The command line's help (`gongkai --help`, `gongkai build --help`)
cli-help-template = {"{"}about-with-newline{"}"}
    {"{"}usage-heading{"}"} {"{"}usage{"}"}

    {"{"}all-args{"}"}
cli-commands = Commands
cli-options = Options
cli-help = Print help
cli-version = Print version
cli-about = 公开 — a static site generator for public-disclosure sites: plans, notices and work summaries
cli-site = The site folder (holding site.yaml)
cli-max-per-kind = How many problems of one kind one file shows before the rest are counted in one line; 0 shows them all
cli-lang = The language of messages: zh-CN or en (default: the site's `language`; also GONGKAI_LANG)
cli-init = Make a new site with site.yaml, the default theme and a few sample documents
cli-init-dir = Where to make it (default: the --site folder)
cli-new = Make a new document with today's date and the right front matter
cli-new-kind = What the document is: plan, notice or summary
cli-new-title = The document's title
cli-import = Make gongkai documents of Word files (.docx); a folder imports every .docx in it
cli-import-files = The .docx files (or folders of them)
cli-import-kind = What the documents are (default: from each title: …公示/通知 a notice, …计划/要点 a plan, …总结 a summary)
cli-import-section = The folder under content/ to write into (default: plans/, notices/ or summaries/ by kind)
cli-import-slug = The document's URL name (one file only; default: from its title)
cli-build = Publish the site into public/
cli-build-drafts = Include drafts and future-dated documents
cli-build-output = Output folder (default: public/ in the site folder)
cli-build-base-url = Replace site.yaml's base_url, e.g. for a test server
cli-build-accept-changes = Record deliberate changes to already published documents
cli-check = Check everything build checks, writing nothing
cli-check-drafts = Include drafts and future-dated documents
cli-serve = Build the site into memory, serve it, and rebuild and reload on every save
cli-serve-bind = Address to listen on; only this computer by default
cli-serve-port = Port to listen on; 0 picks a free one
cli-serve-open = Open the site in the browser
cli-golive = Make the site live: from now on every build records what it publishes in disclosure.lock and gives each document its 索引号; until then builds are trials
cli-golive-with-samples = Go live even with init's sample documents still in the site
cli-verify = Check a published folder against its disclosure.json: every document's source against its recorded SHA-256, and the record's hash chain
cli-verify-dir = The published folder (holding disclosure.json); default: the site's public/
