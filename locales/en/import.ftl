# import: `gongkai import` of Word files, its errors and the lines it prints for
# each file (what it found in it and what it did not).

import-no-site = error: import needs a site: { $dir } has no usable site.yaml (run `gongkai init` to make one)
import-bad-section = error: --section `{ $section }` must be the name of a folder in content/, such as notices
import-slug-for-many = error: --slug names one document, but { $n } files are imported; leave it out to name each after its title
import-bad-slug = error: --slug `{ $slug }` may hold letters, digits, `-`, `_` and Chinese characters only
import-written = { $path } ← { $file }
import-found = {"  "}found: { $list }
import-not-found = {"  "}not found: { $list }
import-file-error = { $file }: error: { $reason }
import-nothing-written = { $file }: error: { $reason }; nothing was written for it
import-done = imported { $n } { $n ->
        [one] document
       *[other] documents
    }; next: `gongkai serve` to look at them, then edit anything the import got wrong
import-done-problems = imported { $n } { $n ->
        [one] document
       *[other] documents
    }, with { $e } { $e ->
        [one] problem
       *[other] problems
    } to fix above (the { $n ->
        [one] document was
       *[other] documents were
    } written so that you can fix them)
import-failed = error: { $n } { $n ->
        [one] file
       *[other] files
    } could not be imported
import-empty-folder = { $dir }: error: this folder holds no .docx files
import-no-such-file = { $file }: error: no such file
import-old-word = this is an old Word file (.doc): open it in Word or WPS and save it as .docx, then import that
import-too-large = the file is { $mb } MB, more than the { $max } MB import reads; save it without its large pictures, or split it
import-cannot-import = cannot import it: { $reason }
import-timed-out = cannot import it: reading it took longer than { $s } s
import-damaged = cannot import it: it is damaged (reading it failed)
import-kind-unknown = cannot tell { $from } whether it is a plan, a notice or a summary; run again with --kind plan, --kind notice or --kind summary
import-from-title = from its title “{ $title }”
import-no-title-stands-out = (it has no title that stands out)
import-no-slug = cannot make a file name from the title “{ $title }”; give one with --slug
import-title-too-long = the title is too long to name a file after; give a shorter name with --slug
import-exists = { $path } already exists; import does not overwrite documents: delete or rename it, or give this one another name with --slug
import-appeared = { $path } appeared meanwhile; import does not overwrite it
import-kind-plan = plan
import-kind-notice = notice
import-kind-summary = summary
import-kind-from-title = { $kind } (from the title)
import-found-title = title “{ $title }”
import-missing-title = title: the file's name is used
import-found-date = date { $date }
import-missing-date = date: today's date { $today } is used, marked in the file; check it
import-found-doc-no = 文号 { $no }
import-found-department = department { $department }
import-found-year = year { $year }
import-period-range = { $start } to { $end }
import-period-working-days = { $n } working days from { $start }
import-period-days = { $n } days from { $start }
import-found-disclosure = disclosure { $period }
import-missing-disclosure = disclosure period (公示期): add `disclosure:` if this notice has one
import-found-contact = contact { $contact }
import-missing-schedule = month-by-month arrangement (具体月份工作安排): none, so the month pages do not list this plan
import-found-schedule = schedule for months { $months } ({ $items } items)
import-found-tables = { $n } { $n ->
        [one] table
       *[other] tables
    }
import-found-pictures = { $n } { $n ->
        [one] picture
       *[other] pictures
    }
import-found-footnotes = { $n } { $n ->
        [one] footnote
       *[other] footnotes
    }
import-word-old-or-encrypted = it is an old Word file (.doc) or an encrypted document: open it in Word and save it as .docx (Word 2007 or later), without a password
import-word-not-docx = it is not a Word document (.docx): open it in Word and save it as .docx
import-word-damaged = it is damaged ({ $reason })
