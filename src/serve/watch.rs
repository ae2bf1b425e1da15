//! Watching the site folder: notify with a debouncer (notify-debouncer-full), which
//! pairs the renames and deletions editors make when they save, and a short quiet
//! window on top so that a burst (a `git checkout` of 200 files) becomes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::rebuild::Changes;

/// How long a path must be quiet before its events are delivered.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// How long to wait for more batches after one arrives, so a burst is one rebuild.
pub const QUIET: Duration = Duration::from_millis(20);
/// The wait once a batch names many files: a burst is under way (a `git checkout`, a
/// folder copied in), and one more short pause costs less than a second rebuild.
pub const BURST_QUIET: Duration = Duration::from_millis(250);
/// How many changed files make a burst.
pub const BURST_FILES: usize = 8;

/// The folders watched (recursively) when they exist; site.yaml is seen through a
/// non-recursive watch of the site folder, so that rename-over-save works on it too.
pub const WATCHED: &[&str] = &["content", "static", "templates", "themes"];

/// A running watcher and the batches it delivers.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    rx: Receiver<DebounceEventResult>,
    watching: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site folder.
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let (tx, rx) = std::sync::mpsc::channel();
        let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), tx)?;
        let mut w = Watcher {
            root: root.to_path_buf(),
            debouncer,
            rx,
            watching: Vec::new(),
        };
        w.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        w.watch_folders();
        Ok(w)
    }

    /// Watches the site's folders that exist and are not watched yet (one may be made
    /// while serving).
    fn watch_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watching.contains(&dir)
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watching.push(dir);
            }
        }
    }

    /// Waits for the next changes: one debounced batch, plus any that follow within
    /// the quiet window. Returns the changes and when the batch was complete; None when
    /// the watcher stopped.
    pub fn next_changes(&mut self) -> Option<(Changes, Instant)> {
        loop {
            let first = self.rx.recv().ok()?;
            let mut changes = self.classify(first);
            loop {
                let quiet = if changes.content.len() >= BURST_FILES {
                    BURST_QUIET
                } else {
                    QUIET
                };
                match self.rx.recv_timeout(quiet) {
                    Ok(more) => changes.merge(self.classify(more)),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if !changes.is_empty() {
                return Some((changes, Instant::now()));
            }
        }
    }

    fn classify(&mut self, batch: DebounceEventResult) -> Changes {
        let mut c = Changes::default();
        let events = match batch {
            Ok(ev) => ev,
            Err(_) => {
                // The watcher lost track (e.g. the kernel's queue overflowed): start over.
                c.config = true;
                return c;
            }
        };
        let mut new_folder = false;
        for ev in events {
            if matches!(ev.kind, EventKind::Access(_)) {
                continue;
            }
            if ev.need_rescan() {
                c.config = true;
            }
            for p in &ev.paths {
                match classify_path(&self.root, p) {
                    Some(Kind::Config) => c.config = true,
                    Some(Kind::Content) => {
                        c.content.insert(p.clone());
                    }
                    Some(Kind::Static) => c.statics = true,
                    Some(Kind::Template) => c.templates = true,
                    Some(Kind::Folder) => {
                        new_folder = true;
                        // A whole folder appearing or vanishing: start over.
                        c.config = true;
                    }
                    None => {}
                }
            }
        }
        if new_folder {
            self.watching.retain(|d| d.is_dir());
            self.watch_folders();
        }
        c
    }
}

/// What a changed path is to the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    Config,
    Content,
    Static,
    Template,
    /// One of the watched folders itself.
    Folder,
}

/// Editors' backup and swap files, never documents.
pub fn is_editor_temp(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
        || name == "4913"
}

/// Sorts a changed path; None for what the site does not read (public/, hidden files,
/// editors' swap and backup files).
pub fn classify_path(root: &Path, p: &Path) -> Option<Kind> {
    let rel = p.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.iter().any(|s| s.starts_with('.')) || is_editor_temp(p) {
        return None;
    }
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["site.yaml"] => Some(Kind::Config),
        [top] if WATCHED.contains(top) => Some(Kind::Folder),
        ["content", ..] => Some(Kind::Content),
        ["static", ..] => Some(Kind::Static),
        ["templates", ..] => Some(Kind::Template),
        ["themes", _, "static", ..] => Some(Kind::Static),
        ["themes", ..] => Some(Kind::Template),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files() {
        assert!(is_editor_temp(Path::new("/s/content/notices/.a.md.swp")));
        assert!(is_editor_temp(Path::new("/s/content/notices/a.md~")));
        assert!(is_editor_temp(Path::new("/s/content/notices/4913")));
        assert!(is_editor_temp(Path::new(
            "/s/content/notices/a.md___jb_tmp___"
        )));
        assert!(!is_editor_temp(Path::new("/s/content/notices/a.md")));
    }

    #[test]
    fn paths_are_sorted_by_what_they_change() {
        let r = Path::new("/s");
        assert_eq!(
            classify_path(r, Path::new("/s/site.yaml")),
            Some(Kind::Config)
        );
        assert_eq!(
            classify_path(r, Path::new("/s/content/notices/a.md")),
            Some(Kind::Content)
        );
        assert_eq!(
            classify_path(r, Path::new("/s/content/notices/.a.md.swp")),
            None
        );
        assert_eq!(
            classify_path(r, Path::new("/s/themes/default/static/a.css")),
            Some(Kind::Static)
        );
        assert_eq!(
            classify_path(r, Path::new("/s/themes/default/templates/base.html")),
            Some(Kind::Template)
        );
        assert_eq!(
            classify_path(r, Path::new("/s/templates/base.html")),
            Some(Kind::Template)
        );
        assert_eq!(classify_path(r, Path::new("/s/public/index.html")), None);
        assert_eq!(classify_path(r, Path::new("/s/disclosure.lock")), None);
        assert_eq!(
            classify_path(r, Path::new("/s/content")),
            Some(Kind::Folder)
        );
    }
}
