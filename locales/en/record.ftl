# record: the disclosure record (disclosure.lock), its verification, the checks of
# documents before they are published (personal data, template leftovers, the body)
# and the reading of attachments.

## disclosure.lock

record-unreadable = the disclosure record cannot be read: { $reason }
record-restore-help = this file is written by `gongkai build`; restore it from your copy (e.g. `git checkout disclosure.lock`)
record-read-failed = cannot read the disclosure record: { $reason }
record-chain-broken = entry { $no } ({ $url }, { $title }): `prev` does not match the hash of the entry before it: the chain is broken
record-entry-changed = entry { $no } ({ $url }, { $title }): its `hash` does not match its content: the entry was changed after it was written
record-build-only-help = disclosure.lock is written by `gongkai build` only; restore it from your copy (e.g. `git checkout disclosure.lock`)
record-anchor-help = restore disclosure.lock from your copy (e.g. `git checkout disclosure.lock`); if you have none, the published record is the lock as it was: copy { $published } to disclosure.lock
record-lock-missing = disclosure.lock is missing, but the site was live: { $published } lists { $n } published { $n ->
        [one] entry
       *[other] entries
    }; a build without the record would take them down
record-entry-different = entry { $no } ({ $url }, { $title }) was published, but is different in disclosure.lock: the record may only grow
record-entry-lost = entry { $no } ({ $url }, { $title }) was published, but is missing from disclosure.lock: the record may only grow
record-waiting = another `gongkai build` is running on { $dir }: waiting for it to finish
record-wait-failed = cannot wait for the other build: { $reason }
record-write-failed = cannot write the disclosure record: { $reason }
record-write-help = the site folder must be writable by the build (check free space and permissions)
record-disappeared = the published document { $url } 「{ $title }」 (索引号 { $no }, first published { $first }) has disappeared: it was deleted, renamed, made a draft or given a future date
record-disappeared-help = nothing published may vanish silently: restore it, or withdraw it with `status: withdrawn` and `withdrawn: {"{"}date: YYYY-MM-DD, reason: ...{"}"}`; `gongkai build --accept-changes` records a deliberate removal
record-silent-change = this published document 「{ $title }」 (索引号 { $no }, first published { $first }) has changed since it was recorded on { $recorded }, without a new `updated` date or a new `corrections` entry
record-silent-change-help = readers must be told what changed: add `updated: { $today }` and a `corrections:` entry such as `- {"{"}date: { $today }, note: ...{"}"}`; or run `gongkai build --accept-changes` to record a deliberate change
record-attachment-replaced = note: the attachment `{ $name }` was replaced
record-attachment-added = note: the attachment `{ $name }` was added
record-attachment-removed = note: the attachment `{ $name }` was removed

## gongkai verify

verify-unreadable = cannot read the published record: { $reason }
verify-unreadable-help = give the folder a build was published to (the one holding disclosure.json)
verify-nothing-read = nothing was read
verify-not-utf8 = it is not UTF-8 text
verify-trial = { $dir } is a trial build: the site is not live yet, so there is no record to verify
verify-trial-help = when the site is ready for the public, run `gongkai golive`, then `gongkai build`; every build after that can be verified
verify-not-recorded = { $url } is published here but is not in the record
verify-not-recorded-note = note: every document a build publishes gets an entry; a page without one was added by hand, or comes from a `--drafts` preview, which is not a publication
verify-outside = entry { $no }: URL { $url } is not a path inside the folder
verify-source-mismatch = the source of { $url } (索引号 { $no }) does not match the record: SHA-256 { $sha } instead of { $recorded } recorded on { $day }
verify-source-missing = the source of { $url } (索引号 { $no }) is missing: { $reason }
verify-attachment-mismatch = the attachment `{ $name }` of { $url } (索引号 { $no }) does not match the record: SHA-256 { $sha } instead of { $recorded } recorded on { $day }
verify-attachment-missing = the attachment `{ $name }` of { $url } (索引号 { $no }) is missing: { $reason }

## Personal data

privacy-id-card = a resident ID number (身份证号)
privacy-mobile = a mobile phone number (手机号)
privacy-bank-card = a bank card number (银行卡号)
privacy-id-card-plural = resident ID numbers
privacy-mobile-plural = mobile numbers
privacy-bank-card-plural = bank card numbers
privacy-found = { $what } would be published: { $masked }
privacy-found-help = mask it (e.g. `{ $masked }`), remove it, or if this document must show it, add `privacy_allow: [{ $key }]`
privacy-site-yaml-help = site.yaml is printed on every page: mask it (e.g. `{ $masked }`), remove it, or give an office number instead
privacy-unreadable = this attachment could not be checked for personal data ({ $why }); look at it yourself
privacy-partly-read = not all of it: { $why }

## Template leftovers and the body

leftover-found = template leftover `{ $text }`: fill in the real text before it is published
leftover-plural = template leftovers
body-empty = the document has no text after its front matter: it is published as an empty page
body-empty-help = write the text below the closing `---` line, or keep the file as a draft (`draft: true`) until it has some
body-heading-jump = this heading jumps from level { $from } to level { $to }: the page publishes it one level below the heading before it, which may not be the outline you meant
body-heading-jump-help = write it with { $level } `#` (the title is level 1, so the body's first headings are `##`)
body-spaced-link = the link `({ $dest })` has a space in it, so Markdown shows it as text, not as a link
body-spaced-link-help = put the address in angle brackets, `(<{ $dest }>)`, or rename the file without the space
body-signature = the text ends with a 落款 (organisation and date): the page prints its own from `department` and `date`, so it would show twice
body-signature-help = delete lines { $first } and { $second } of the file; put the organisation in `department:` if it is not the site's

## Attachments: why one cannot be read, and places inside them

attach-image = it is an image, and a photo or scan of a list can show numbers
attach-old-word = it is an old Word file (.doc): save it as .docx to have it checked
attach-slides = it is a slide show, whose text gongkai does not read
attach-wps = it is a WPS file: save it as .docx or .xlsx to have it checked
attach-archive = it is an archive, whose files gongkai does not open
attach-no-extension = it has no extension, so gongkai cannot tell how to read it
attach-unknown-kind = gongkai cannot read the text of a .{ $ext } file
attach-too-large = it is { $mb } MB, larger than the { $max } MB the check reads
attach-cannot-read = it cannot be read: { $reason }
attach-larger-than = it is larger than the { $max } MB the check reads
attach-not-text = it is neither UTF-8 nor GBK text
attach-panicked = reading it failed: the file may be damaged
attach-timed-out = reading it took longer than { $s } s
attach-could-not-read = it could not be read: { $reason }
attach-no-reader = gongkai cannot read its text
attach-too-many-files = it holds { $n } files inside, more than the { $max } the check reads
attach-zip-bomb = it unpacks to more than { $mb } MB, as a zip bomb does
attach-damaged = it is damaged or encrypted ({ $reason })
attach-not-word = it is not a Word document (no word/document.xml inside)
attach-pdf-damaged = it is damaged ({ $reason })
attach-pdf-encrypted = it is encrypted
attach-pdf-too-many-pages = it has more than the { $max } pages the check reads
attach-pdf-no-text = it has no text to read, as a scan or a picture has
attach-pdf-unreadable = its text could not be read
attach-pdf-pages-unread = the text of page(s) { $pages } could not be read
attach-too-many-cells = it has more than { $max } cells
attach-sheet-unread = sheet { $sheet }: { $why }
attach-place-page = page { $n }
attach-place-header = header { $n },{" "}
attach-place-footer = footer { $n },{" "}
attach-place-footnotes = footnotes,{" "}
attach-place-endnotes = endnotes,{" "}
attach-place-comments = comments,{" "}
attach-place-cell = { $part }table { $table }, row { $row }, cell { $cell }
attach-place-paragraph = { $part }paragraph { $n }
verify-unreadable-help-web = give the address the site is published at (the one serving disclosure.json)
web-client = cannot start an HTTP client: { $reason }
web-runtime = cannot start the network runtime: { $reason }
web-read = reading the response failed: { $reason }
web-tried = { $reason } (tried { $tries } times)
web-timeout = the site did not answer in time
web-dns = no host has this address's name: check the address for a typo
web-connect = cannot connect to the site ({ $detail })
web-http-missing = the site has no such file (HTTP { $status })
web-http-refused = the site refuses to give it (HTTP { $status }): check that the file may be read publicly
web-http-server = the site failed (HTTP { $status })
web-http-other = the site answered HTTP { $status }
