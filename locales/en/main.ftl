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
io-refused = the connection was refused (is a site running there?)
io-timed-out = timed out
io-reset = the connection was cut
io-unreachable = the network cannot reach it

## The command line's help (`gongkai --help`, `gongkai build --help`)
cli-help-template = {"{"}about-with-newline{"}"}
    {"{"}usage-heading{"}"} {"{"}usage{"}"}

    {"{"}all-args{"}"}
cli-commands = Commands
cli-options = Options
cli-value-addr = ADDR
cli-value-dir = DIR
cli-value-file = FILE
cli-value-files = FILES
cli-value-lang = LANG
cli-value-n = N
cli-value-name = NAME
cli-value-s = S
cli-value-url = URL
cli-value-kind = KIND
cli-value-title = TITLE
cli-value-target = TARGET
cli-value-port = PORT
cli-value-bind = BIND
cli-whole-number = write a whole number
cli-lang-values = use zh-CN or en
cli-usage-options = [OPTIONS]
cli-usage-command = <COMMAND>
cli-default = [default:{" "}
cli-possible-values = [possible values:{" "}
cli-unknown-command = there is no command `{ $name }`
cli-unknown-argument = there is no option `{ $name }` here
cli-bad-value = `{ $value }` is not a value for `{ $name }`: { $reason }
cli-valid-values = use one of { $values }
cli-missing-argument = this needs { $name }
cli-missing-command = say which command to run
cli-value-count = `{ $name }` got the wrong number of values
cli-conflict = `{ $name }` cannot be used together with `{ $other }`
cli-other = the command line was not understood: { $raw }
cli-usage-line = usage: { $usage }
cli-more-help = for more, run `gongkai --help`
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

## gongkai deploy
deploy-no-targets = site.yaml declares no deploy targets: list them under `deploy:`, e.g. `deploy: [{"{"}name: www, url: /var/www/gk{"}"}]`
deploy-unknown-target = site.yaml has no deploy target named `{ $name }` (it has: { $names })
deploy-several-targets = site.yaml has several deploy targets: name one, gongkai deploy NAME ({ $names })
deploy-no-build = no build in { $out }: run `gongkai build` first
deploy-build-unfinished = the last build of { $out } did not finish (was it stopped?): run `gongkai build` again; deploy sends only a finished build
deploy-build-failed = the last build of { $out } failed: fix its problems and run `gongkai build` again; deploy sends only a build that succeeded
deploy-trial = this is a trial build: the site is not live, so it has no public record (disclosure.json); when it is ready for the public run `gongkai golive`, then `gongkai build`, then deploy
deploy-drafts = this build includes drafts (--drafts): a preview, never published; run `gongkai build` without --drafts, then deploy
deploy-other-base-url = this build was made with --base-url { $url }, not site.yaml's { $site }: its links lead elsewhere; run `gongkai build` without --base-url, then deploy
deploy-no-record = { $out } has no disclosure.json: it is not a whole build of a live site
deploy-cannot-read = cannot read the build: { $what }
deploy-no-credentials = deploying to `{ $target }` needs an access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put them in ~/.aws/credentials (never in site.yaml)
deploy-refused = deploying to `{ $target }` failed: the access key was refused; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ({ $detail })
deploy-no-bucket = deploying to `{ $target }` failed: the bucket `{ $bucket }` does not exist (check url, endpoint and region in site.yaml)
deploy-no-folder = deploying to `{ $target }` failed: the folder { $dir } does not exist (is the web root mounted?)
deploy-network = deploying to `{ $target }` failed: the service could not be reached, after retries ({ $detail })
deploy-other = deploying to `{ $target }` failed: { $detail }
deploy-stopped = the deploy to `{ $target }` did not finish: { $sent } of { $total } files were sent; the target's manifest was not updated, so run gongkai deploy again to finish
deploy-send = send { $rel }
deploy-delete = delete { $rel }
deploy-keep-stale = keep { $rel } (no longer built; --delete removes it)
deploy-keep-recorded = keep { $rel } (a recorded document's file, never deleted)
deploy-stale-note = { $n } file(s) no longer built were kept on the target; --delete removes them
deploy-recorded-note = { $n } file(s) of documents in the record (disclosure.json) are no longer built and stay on the target
deploy-dry-run = dry run: { $send } file(s) to send to `{ $target }` ({ $size }), { $unchanged } unchanged, { $delete } to delete; nothing was sent
deploy-done = deployed to `{ $target }`: { $sent } file(s) sent ({ $size }), { $unchanged } unchanged skipped, { $deleted } deleted, in { $ms } ms
deploy-config-problems = deploy: site.yaml has problems
cli-deploy = Send the built site to a target named in site.yaml's `deploy:` (an S3-compatible bucket or a folder): only the files that changed since the last deploy
cli-deploy-target = The target's name (may be left out when site.yaml declares one)
cli-deploy-dry-run = List what would be sent and deleted; send nothing
cli-deploy-delete = Delete from the target the files the build no longer makes (never a document the record lists)
cli-deploy-output = The built folder (default: public/ in the site folder)
cli-deploy-verbose = Name every file sent and deleted
