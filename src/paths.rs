//! Where a build may read from: the site folder (and a theme's own folder), never
//! through a symbolic link to somewhere else. A link inside content/, static/,
//! templates/ or a theme that leads outside the site would otherwise publish whatever
//! it points at (`ln -s /etc/shadow content/notices/x/shadow.txt`).

use std::path::{Path, PathBuf};

/// The folders a build reads from, resolved (links followed) once.
#[derive(Debug, Clone)]
pub struct Boundary {
    roots: Vec<PathBuf>,
}

impl Boundary {
    /// Reading is allowed under any of `roots` (a root that does not exist is ignored).
    pub fn new(roots: &[&Path]) -> Boundary {
        Boundary {
            roots: roots
                .iter()
                .filter_map(|r| std::fs::canonicalize(r).ok())
                .collect(),
        }
    }

    /// Where `p` really leads when that is outside every root; `None` when it stays
    /// inside (or does not resolve at all: reading it then fails with its own message).
    pub fn escape(&self, p: &Path) -> Option<PathBuf> {
        let real = std::fs::canonicalize(p).ok()?;
        if self.roots.iter().any(|r| real.starts_with(r)) {
            None
        } else {
            Some(real)
        }
    }

    /// The message for a link `shown` that leads to `target`, outside the site.
    pub fn message(shown: &Path, target: &Path) -> String {
        crate::t!(
            "link-outside-site",
            shown = shown.display(),
            target = target.display()
        )
    }
}

/// Whether a `/`-separated path relative to the output stays inside it: not absolute,
/// no `..`, no empty or `.` parts that could hide one.
pub fn is_inside_rel(rel: &str) -> bool {
    let rel = rel.trim_start_matches('/');
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .enumerate()
            .all(|(i, part)| part != ".." && part != "." && (!part.is_empty() || i > 0))
}

/// Whether a process of this id is running (Linux: `/proc/<pid>`). Elsewhere every
/// process is taken to be alive, so nothing of another build is ever removed.
pub fn pid_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// The entries of `dir` named `<prefix><pid>` whose process is no longer running:
/// what a killed build left.
pub fn orphans(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.strip_prefix(prefix)
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| pid != std::process::id() && !pid_alive(pid))
        })
        .map(|e| e.path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_output_paths_stay_inside() {
        assert!(is_inside_rel("notices/a/index.html"));
        assert!(is_inside_rel("/notices/a/index.html"));
        assert!(is_inside_rel("notices/a/"));
        assert!(!is_inside_rel("../x"));
        assert!(!is_inside_rel("notices/../../x"));
        assert!(!is_inside_rel("notices/./x"));
        assert!(!is_inside_rel(""));
        assert!(!is_inside_rel("a\\..\\b"));
    }

    #[test]
    fn a_link_out_of_the_root_is_an_escape() {
        let outside = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::fs::write(site.path().join("mine"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path().join("secret"), site.path().join("l"))
                .unwrap();
            std::os::unix::fs::symlink(site.path().join("mine"), site.path().join("in")).unwrap();
        }
        let b = Boundary::new(&[site.path()]);
        assert!(b.escape(&site.path().join("mine")).is_none());
        #[cfg(unix)]
        {
            assert!(b.escape(&site.path().join("in")).is_none());
            let t = b.escape(&site.path().join("l")).unwrap();
            assert!(t.ends_with("secret"));
        }
    }
}
