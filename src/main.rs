//! The `gongkai` binary: a thin wrapper around [`gongkai::cli`].

// A faster allocator: rendering ten thousand pages is mostly small strings made and
// dropped, and glibc's malloc was a tenth of a large build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A bug must never show a user a backtrace: say what happened and how to report it.
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("error: internal error in gongkai: {msg}");
        eprintln!("  = this is a bug in gongkai, not in your site; please report it with the file that caused it");
    }));
    gongkai::serve::memory::no_huge_pages();
    let code = std::panic::catch_unwind(gongkai::cli::run).unwrap_or(101);
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
