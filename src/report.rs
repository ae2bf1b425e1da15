//! What a command prints: its summary lines on stdout, its problems on stderr. Nothing
//! printed here can fail a command: a reader that went away (`gongkai check | head`)
//! or a closed terminal ends the printing, quietly, never the program with a panic.

use std::io::Write;

use crate::diagnostics::Diagnostic;

/// `println!` that ignores a closed stdout.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed stderr.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `error: …` on stderr, the word in the current language: a problem that has no
/// place in a file.
pub fn say_error(message: &str) {
    crate::tell!("{}: {message}", crate::t!("severity-error"));
}

/// Prints problems to stderr, errors and warnings alike: styled (see
/// [`Diagnostic::render_styled`]) when stderr is a terminal and neither `NO_COLOR` nor
/// `CLICOLOR=0` is set (or when `CLICOLOR_FORCE` is), as anstream decides; otherwise
/// exactly [`Diagnostic::render`], byte for byte.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let stderr = std::io::stderr();
    if anstream::AutoStream::choice(&stderr) == anstream::ColorChoice::Never {
        print_each(diags, &mut stderr.lock(), Diagnostic::render);
    } else {
        let mut styled = anstream::AutoStream::always_ansi(stderr.lock());
        print_each(diags, &mut styled, Diagnostic::render_styled);
    }
}

/// Writes each problem as `render` makes it, and stops quietly when the reader went away.
fn print_each(diags: &[Diagnostic], out: &mut impl Write, render: fn(&Diagnostic) -> String) {
    for d in diags {
        if out.write_all(render(d).as_bytes()).is_err() {
            return;
        }
    }
}
