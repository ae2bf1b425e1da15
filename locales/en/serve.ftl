# serve: `gongkai serve`'s lines in the terminal and the overlay its pages show in
# the browser when a save has errors.

serve-no-site = error: no site.yaml in { $dir }
serve-no-site-help = {"  "}= help: run `gongkai init` to make a new site, or pass --site DIR
serve-cannot-start = error: cannot start the server: { $reason }
serve-cannot-listen = error: cannot listen on { $addr }: { $reason }
serve-cannot-listen-help = {"  "}= help: pick another port with --port, or --port 0 for any free one
serve-cannot-watch = error: cannot watch { $dir }: { $reason }
serve-serving = serving { $url } (drafts shown; press Ctrl-C to stop)
serve-stopped-error = error: the server stopped: { $reason }
serve-stopped = stopped
serve-rebuild-panicked = error: the rebuild failed inside gongkai; the next save rebuilds the whole site
serve-built = built { $pages } pages from { $documents } documents in { $ms } ms
serve-rebuilt = rebuilt ({ $what }): { $pages } { $pages ->
        [one] page
       *[other] pages
    } re-rendered{ $full ->
        [yes] , full
       *[no] {""}
    }{ $removed ->
        [0] {""}
       *[other] , { $removed } removed
    } in { $ms } ms
serve-broken = error ({ $what }): { $n } { $n ->
        [one] error
       *[other] errors
    }; the last good site is still served
serve-no-browser = note: could not open a browser; open { $url } yourself
serve-no-search = warning: the search index could not be made: { $reason }
serve-memory = the served site
serve-what-templates = templates
serve-what-statics = static files
serve-what-many = { $first }, … ({ $n } files)
serve-what-start = start
serve-overlay-heading = gongkai serve: the last save has errors; the last good version is shown
serve-broken-title = The site has errors
serve-broken-text = Fix the file named below and save: this page reloads by itself.
