//! What a command prints: its summary lines on stdout, its problems on stderr. Nothing
//! printed here can fail a command: a reader that went away (`gongkai check | head`)
//! or a closed terminal ends the printing, quietly, never the program with a panic.

use std::io::{IsTerminal, Write};

use crate::diagnostics::{Diagnostic, Severity};

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

/// Prints problems to stderr, errors and warnings alike, coloured on a terminal
/// unless NO_COLOR is set.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let color = err.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags {
        let text = d.render();
        let text = if color {
            let (code, word) = match d.severity {
                Severity::Error => ("\x1b[1;31m", "error"),
                Severity::Warning => ("\x1b[1;33m", "warning"),
            };
            text.replacen(
                &format!(": {word}: "),
                &format!(": {code}{word}\x1b[0m: "),
                1,
            )
        } else {
            text
        };
        if write!(err, "{text}").is_err() {
            return;
        }
    }
}
