# content
# Reading the site: content/, documents, their front matter, links and attachments.

did-you-mean = did you mean `{ $name }`?
did-you-mean-nested = did you mean `{ $name }` under `{ $parent }:`? For example `{ $parent }: {"{"}{ $name }: …{"}"}`
content-skipped = skipped: { $reason }
content-cannot-read = cannot read file: { $reason }
content-not-utf8 = the file is not valid UTF-8 text: save it as UTF-8 (not GBK)
content-no-section = a document lives in a section folder, e.g. content/notices/
content-unknown-kind = cannot tell the kind of a document in folder `{ $section }`
content-unknown-kind-help = add `kind: plan`, `kind: notice` or `kind: summary`, move it under plans/, notices/ or summaries/, or give the folder its kind in site.yaml: `sections: [{"{"}name: { $section }, title: ..., kind: notice{"}"}]`
content-attachment-twice = two attachments are named `{ $name }`
content-attachment-outside = attachment `{ $file }` must be inside the document's folder
content-attachment-missing = attachment `{ $file }` not found (looked for { $looked })
link-outside-site = `{ $shown }` is a link to { $target }, outside the site: gongkai publishes only files inside the site folder; copy the file into the site instead of linking to it
site-same-url = two documents have the URL { $url }: this one and { $other }
site-same-url-help = give one of them another file name or a `slug:`
site-same-category-url = the categories `{ $name }` and `{ $first }` would both be published at /categories/{ $slug }/: give them names that differ in letters, digits or Chinese characters, or a `slug` each in site.yaml
output-cannot-write = cannot write the output: { $reason }
output-source-changed = this file changed while the site was being built: the published copy must be the text this build read and recorded. Save it, then run the build again
output-replaces-site = the output folder { $dir } would replace the site itself
output-inside-site-folder = the output folder { $dir } is inside the site's { $keep }/ folder
name-too-long = this { $what } is { $bytes } bytes long, and a file or folder name may be at most { $max } bytes (a Chinese character takes 3): shorten it to about { $chars } Chinese characters or { $max } letters
noun-slug = slug
noun-category-slug = category's URL name

## Front matter (the lines between `---` at the top of a document)
noun-front-matter = front matter
fm-empty-file = the file is empty: a document starts with front matter (`---`, `title:`, `date:`, `---`)
fm-no-opening = a document must begin with a line `---` that opens its front matter
fm-no-opening-help = start the file with `---`, then `title:` and `date:` lines, then `---`
fm-never-closed = the front matter opened here is never closed: add a line `---` after its last key
fm-title-empty = `title` is empty
fm-missing-title = missing `title`: every document needs a title
fm-missing-date = missing `date`: every document needs its publication date (YYYY-MM-DD)
fm-unknown-kind = unknown kind `{ $kind }`: use plan, notice or summary
fm-categories-list = `categories` must be a list of names, e.g. [经费公开, 福利慰问]
fm-unknown-status = unknown status `{ $status }`: use published or withdrawn
fm-withdrawn-reason = `withdrawn` needs a `reason`: members must be told why a document was withdrawn
fm-withdrawn-needs = a withdrawn document needs `withdrawn: {"{"}date: YYYY-MM-DD, reason: ...{"}"}`
fm-bad-slug = slug `{ $slug }` may hold only letters, digits, `-`, `_` and CJK characters (no `/`, `..` or leading `.`)
fm-disclosure-contact = a disclosure period needs a contact for objections (异议反馈渠道): add `contact:` under `disclosure`, a top-level `contact:`, or `contact:` in site.yaml
fm-bad-year = `year: { $year }` is not a plan's year: write the year the plan is for, between { $from } and { $to }
fm-schedule-month = schedule month `{ $month }` must be a number from 1 to 12
fm-schedule-items = schedule month { $month } must be a list of items ({ $found })
fm-schedule-map = `schedule` maps month numbers (1 to 12) to lists of items
fm-privacy-kind = unknown privacy kind `{ $kind }`: use { $kinds }
fm-date-type = `{ $key }` must be a date written as YYYY-MM-DD
fm-key-problem = `{ $key }`: { $problem }
fm-disclosure-needs = `disclosure` needs `start` and exactly one of `end`, `days` or `working_days`
fm-disclosure-backwards = the disclosure period ends before it starts
fm-disclosure-days = `days` must be a whole number from 1 to 3650
fm-disclosure-working-days = `working_days` must be a whole number from 1 to 1000

## Dates
date-no-month = `{ $date }` is not a real date (there is no month { $month })
date-no-day = `{ $date }` is not a real date (month { $month } has no day { $day })
date-not-a-date = `{ $date }` is not a date: write it as YYYY-MM-DD, e.g. 2023-05-01
date-write-as = `{ $date }` is not a date written as YYYY-MM-DD: write `{ $iso }`

## YAML, as the parser reports it
yaml-not-mapping = expected `key: value` lines
yaml-too-deep = lists or maps nested more than { $max } deep: write them flatter
yaml-tab = { $raw } (YAML does not allow tabs for indentation; use spaces)
yaml-colon-in-value = { $raw }
yaml-indentation = { $raw }
yaml-missing-colon = { $raw }
yaml-unclosed-quote = { $raw }
yaml-escape = { $raw }
yaml-unclosed-list = { $raw }
yaml-unclosed-map = { $raw }
yaml-duplicate-key = { $raw }
yaml-other = { $raw }
yaml-unknown-key = unknown { $what } key `{ $name }`
yaml-unknown-keys = unknown { $what } keys
yaml-valid-keys = valid keys are { $keys }
yaml-must-be-text = `{ $key }` must be text
yaml-unknown-field = unknown field `{ $name }`, expected one of { $expected }
yaml-missing-field = missing field `{ $name }`
yaml-wrong-type = { $found }, expected { $expected }
type-found-text = string { $value }
type-found-number = number { $value }
type-found-bool = boolean { $value }
type-found-list = list
type-found-map = mapping (key: value)
type-found-empty = nothing
type-whole-number = a whole number
type-bool = true or false
type-text = text
type-list = a list
type-map = a mapping (key: value)

## site.yaml
config-cannot-read = cannot read site.yaml in { $dir }: { $reason }
config-cannot-read-help = run `gongkai init` to make a new site, or pass --site DIR
config-not-utf8 = site.yaml is not valid UTF-8 text
config-title = site.yaml needs a non-empty `title`
config-base-url = site.yaml needs `base_url`, e.g. https://union.example.edu.cn/gk/
config-language = unknown language `{ $language }`: use zh-CN or en
config-theme = `theme` is the name of a folder under themes/
config-timezone = unknown time zone `{ $zone }`: use an IANA name such as Asia/Shanghai
config-paginate = `paginate` must be a whole number of at least 1
config-category-slug = category slug `{ $slug }` may hold only letters, digits, `-`, `_` and CJK characters
config-section-name = section `{ $name }` must be the name of a folder in content/
config-section-twice = section `{ $name }` is declared twice
config-section-title = section `{ $name }` needs a non-empty `title`
config-holidays = holidays: { $problem }
config-base-url-scheme = base_url `{ $url }` must start with https:// or http://
config-base-url-host = base_url `{ $url }` has no host name
config-base-url-query = base_url `{ $url }` may not have a query or fragment
config-deploy-name = a deploy target needs a non-empty `name`
config-deploy-twice = deploy target `{ $name }` is declared twice
config-deploy-no-bucket = deploy target `{ $name }`: `{ $url }` names no bucket: write s3://bucket/prefix
config-deploy-endpoint = deploy target `{ $name }`: endpoint `{ $endpoint }` must start with https:// or http://
config-deploy-url = deploy target `{ $name }`: `{ $url }` is neither s3://bucket/prefix nor a folder
config-deploy-no-url = deploy target `{ $name }` needs a `url`
config-deploy-folder-options = deploy target `{ $name }` is a folder: `endpoint`, `region` and `path_style` are for s3:// targets

## Punctuation typed with a Chinese input method
slip-colon = a full-width colon “：” after `{ $key }`: type an ASCII colon `:` and a space
slip-indent = the indentation holds a full-width space “　”: use ordinary spaces
slip-quote = the quotation opened with " is closed with a Chinese quotation mark “{ $close }”: close it with " too, or drop both
slip-bracket = a list in full-width brackets “［ ］”: use ASCII brackets `[ ]`

## Links in the text
noun-link-problems = link problems
link-not-published-file = broken link: `{ $dest }` points to content/{ $rel }, which is not published: only a document's attachments are (list it in the document's `attachments:`, or keep it in the document's bundle folder)
link-outside-content = link `{ $dest }` points outside content/
link-unpublished = link `{ $dest }` points to content/{ $rel }, which is a draft or dated in the future and is not published
link-missing = broken link: `{ $dest }` points to content/{ $rel }, which does not exist
more-of-kind = and { $count } more { $what } in this file (the first of them here); fix those above and run again to see the rest
more-of-kind-help = `--max-per-kind 0` shows every one (now { $limit } a kind a file)

## The theme's templates
theme-no-template = the theme has no template `{ $name }`
theme-not-found = theme `{ $theme }` not found: there is no folder themes/{ $theme }/templates
template-error = template error: { $detail }
template-error-in = {" "}(in { $name })
template-cannot-read = cannot read template: { $reason }
template-not-utf8 = the template is not valid UTF-8 text
internal-no-document = internal error in gongkai: a page was planned for a document the site does not have; please report it
keys-separator = {", "}
list-separator = {", "}
