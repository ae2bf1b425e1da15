//! Writing the output folder: the new site is written into a staging folder beside it
//! and swapped in only when the whole build succeeded, so a failed build leaves the
//! previous output exactly as it was.
//!
//! The output a build replaces is not deleted but kept beside it (`.public.prev`), and
//! the next build writes over it instead of into an empty folder: writing over a file
//! costs less than making it, and nothing is deleted but the files a build no longer
//! makes. Only the previous output is ever written over, never the live one.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A staging folder that becomes the output folder on `commit`; dropped before that (a
/// failed build), it is kept for the next build to write over, never published.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// The files the folder held when it was taken over from an earlier build (relative,
    /// `/`-separated); empty for a new folder.
    old_files: Vec<String>,
    /// Every file written, when `old_files` is not empty: the others are removed.
    written: Mutex<Vec<String>>,
    done: bool,
}

/// A folder beside the output folder: `.<name>.<what>`.
fn beside(target: &Path, what: &str) -> PathBuf {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent.join(format!(".{name}.{what}"))
}

/// How the output folder's content was made, kept in a file beside it (`.public.build`)
/// so that it is never published: `deploy` sends only a finished build of a live site
/// without drafts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuildMark {
    /// `building` while a build runs (left so by a build that was killed), `failed`
    /// after one that failed, `done` after one that succeeded.
    pub state: String,
    /// The build was a trial: the site is not live (see `gongkai golive`).
    pub trial: bool,
    /// The build included drafts and future-dated documents (`--drafts`).
    pub drafts: bool,
    /// The `--base-url` the build was given in place of site.yaml's, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl BuildMark {
    /// The marker file of an output folder.
    pub fn path(target: &Path) -> PathBuf {
        beside(target, "build")
    }

    /// Reads the marker of an output folder; `None` when there is none (or it cannot
    /// be read).
    pub fn read(target: &Path) -> Option<BuildMark> {
        let text = std::fs::read_to_string(Self::path(target)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the marker of an output folder.
    pub fn write(&self, target: &Path) -> io::Result<()> {
        let p = Self::path(target);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let text = serde_json::to_string(self).map_err(io::Error::other)?;
        std::fs::write(p, text + "\n")
    }
}

impl Staging {
    /// Makes the staging folder beside `target`: the previous output kept there by the
    /// last build, taken over, or else an empty folder.
    pub fn new(target: &Path) -> io::Result<Staging> {
        // The output folder is replaced by renaming: a link there would be read through
        // (and the folder it leads to emptied by a later build), so it is refused.
        if is_link(target) {
            return Err(io::Error::other(format!(
                "{} is a symbolic link: the output folder must be a real folder (give its real place with --output)",
                target.display()
            )));
        }
        let dir = beside(target, &format!("staging-{}", std::process::id()));
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // A link planted where the build keeps its own folders is removed, never
        // followed (std's remove_dir_all removes a link itself).
        if std::fs::symlink_metadata(&dir).is_ok() {
            remove_entry(&dir)?;
        }
        let prev = beside(target, "prev");
        if is_link(&prev) {
            std::fs::remove_file(&prev)?;
        }
        // Staging folders of builds that were killed: the first becomes the kept
        // previous output when there is none (after a kill just past the swap it holds
        // the old output), the others are removed.
        let prefix = beside(target, "staging-");
        let parent = prefix.parent().unwrap_or(Path::new("."));
        let prefix = prefix
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for orphan in crate::paths::orphans(parent, &prefix) {
            let keep = !is_link(&orphan)
                && std::fs::symlink_metadata(&prev).is_err()
                && std::fs::rename(&orphan, &prev).is_ok();
            if !keep {
                let _ = remove_entry(&orphan);
            }
        }
        let reuse = std::fs::symlink_metadata(&prev).is_ok_and(|m| m.is_dir())
            && std::fs::rename(&prev, &dir).is_ok();
        let old_files = if reuse {
            files_of(&dir)
        } else {
            std::fs::create_dir_all(&dir)?;
            Vec::new()
        };
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            old_files,
            written: Mutex::new(Vec::new()),
            done: false,
        })
    }

    /// The folder being written.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The place of a file relative to the output, refused when the path would lead out
    /// of it.
    fn inside(&self, rel: &str) -> io::Result<PathBuf> {
        if crate::paths::is_inside_rel(rel) {
            Ok(self.dir.join(rel.trim_start_matches('/')))
        } else {
            Err(io::Error::other(format!(
                "`{rel}` would be written outside the output folder"
            )))
        }
    }

    /// Notes a file written, in a folder taken over.
    fn note(&self, rel: &str) {
        if !self.old_files.is_empty() {
            let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
            w.push(rel.trim_start_matches('/').to_string());
        }
    }

    /// Makes way for a file in a folder taken over: whatever is where the file goes (a
    /// folder, or a file that could not be written over), and a file where one of its
    /// folders goes, is removed; then its folders are made.
    fn make_way(&self, p: &Path) -> io::Result<()> {
        if let Ok(rel) = p.strip_prefix(&self.dir) {
            let mut at = self.dir.clone();
            let parts: Vec<_> = rel.components().collect();
            for (i, c) in parts.iter().enumerate() {
                at.push(c);
                match std::fs::symlink_metadata(&at) {
                    Ok(m) if i + 1 == parts.len() && m.is_dir() => std::fs::remove_dir_all(&at)?,
                    // The file itself could not be written over (made read-only, say):
                    // it is made anew.
                    Ok(_) if i + 1 == parts.len() => std::fs::remove_file(&at)?,
                    Ok(m) if !m.is_dir() => std::fs::remove_file(&at)?,
                    _ => {}
                }
            }
        }
        match p.parent() {
            Some(parent) => std::fs::create_dir_all(parent),
            None => Ok(()),
        }
    }

    /// Writes a file at a path relative to the output, making its folders. In a folder
    /// taken over, a file that already holds these bytes is left as it is: reading it
    /// costs less than truncating and writing it again, which frees its pages and takes
    /// new ones (most of a rebuild's files come out as they were).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let p = self.inside(rel)?;
        self.note(rel);
        if !self.old_files.is_empty() && holds(&p, bytes) {
            return Ok(());
        }
        // Most files go into a folder that exists already: try first, make it if not.
        match std::fs::write(&p, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound || !self.old_files.is_empty() => {
                self.make_way(&p)?;
                std::fs::write(p, bytes)
            }
            r => r,
        }
    }

    /// Copies a file to a path relative to the output.
    pub fn copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        let p = self.inside(rel)?;
        self.note(rel);
        match std::fs::copy(src, &p) {
            Err(e) if e.kind() == io::ErrorKind::NotFound || !self.old_files.is_empty() => {
                self.make_way(&p)?;
                std::fs::copy(src, p).map(|_| ())
            }
            r => r.map(|_| ()),
        }
    }

    /// Removes what a folder taken over holds that this build did not write, then puts
    /// the staged folder in place of the target, keeping the old one for the next build.
    pub fn commit(mut self) -> io::Result<()> {
        if !self.old_files.is_empty() {
            let written: HashSet<String> =
                std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()))
                    .into_iter()
                    .collect();
            remove_stale(&self.dir, &self.old_files, &written);
        }
        let prev = beside(&self.target, "prev");
        if is_link(&self.target) {
            return Err(io::Error::other(format!(
                "{} became a symbolic link during the build: the output was not replaced",
                self.target.display()
            )));
        }
        let had_old = self.target.exists();
        if had_old && exchange(&self.dir, &self.target)? {
            // One step: the new output is in place, the old one where staging was. A
            // kill from here on leaves a complete `public/` and an orphan staging
            // folder that the next build takes over.
            self.done = true;
            if std::fs::symlink_metadata(&prev).is_ok() {
                remove_dir_all_parallel(&prev);
            }
            if std::fs::rename(&self.dir, &prev).is_err() {
                remove_dir_all_parallel(&self.dir);
            }
            return Ok(());
        }
        // Two renames where the platform has no exchange: a kill between them leaves
        // no `public/` but the old output at `.public.prev`, and the next build writes
        // a new one.
        if had_old {
            if std::fs::symlink_metadata(&prev).is_ok() {
                remove_dir_all_parallel(&prev);
            }
            std::fs::rename(&self.target, &prev)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&prev, &self.target);
            }
            return Err(e);
        }
        self.done = true;
        Ok(())
    }
}

impl crate::emit::Sink for Staging {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        Staging::write(self, rel, &bytes)
    }
    fn copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        Staging::copy(self, rel, src)
    }
}

/// Whether the regular file at `p` holds exactly `bytes` (false when it cannot be read).
fn holds(p: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Ok(f) = std::fs::File::open(p) else {
        return false;
    };
    match f.metadata() {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    BUF.with(|b| {
        let mut buf = b.borrow_mut();
        buf.clear();
        buf.reserve(bytes.len() + 1);
        // One byte more than expected is asked for, so a file that grew meanwhile is
        // not taken for the same.
        match f.take(bytes.len() as u64 + 1).read_to_end(&mut buf) {
            Ok(n) => n == bytes.len() && buf[..] == *bytes,
            Err(_) => false,
        }
    })
}

/// Swaps two folders in one step (`renameat2(RENAME_EXCHANGE)`); `Ok(false)` where
/// the platform or the file system cannot, for the caller to fall back to renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Every file under a folder, relative with `/`; anything that is neither a file nor a
/// folder (a symbolic link above all: writing through it could land outside) is removed.
fn files_of(dir: &Path) -> Vec<String> {
    use rayon::prelude::*;
    fn walk(dir: &Path, rel: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
        entries
            .par_iter()
            .flat_map_iter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let r = if rel.is_empty() {
                    name
                } else {
                    format!("{rel}/{name}")
                };
                match e.file_type() {
                    Ok(t) if t.is_dir() => walk(&e.path(), &r),
                    Ok(t) if t.is_file() => vec![r],
                    _ => {
                        let _ = std::fs::remove_file(e.path());
                        Vec::new()
                    }
                }
            })
            .collect()
    }
    walk(dir, "")
}

/// Removes the files of `old` not in `written`, and the folders that leaves empty.
fn remove_stale(dir: &Path, old: &[String], written: &HashSet<String>) {
    use rayon::prelude::*;
    let stale: Vec<&String> = old.par_iter().filter(|f| !written.contains(*f)).collect();
    stale.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(dir.join(f));
    });
    // Folders emptied, deepest first: removing one that is not empty fails, as it should.
    let mut folders: Vec<&str> = stale
        .iter()
        .flat_map(|f| {
            let mut ups = Vec::new();
            let mut f = f.as_str();
            while let Some((up, _)) = f.rsplit_once('/') {
                ups.push(up);
                f = up;
            }
            ups
        })
        .collect();
    folders.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    folders.dedup();
    for f in folders {
        let _ = std::fs::remove_dir(dir.join(f));
    }
}

/// Removes a folder tree, its sub-folders in parallel: a site has thousands of them,
/// and removing the previous output one file at a time was a tenth of a large build.
fn remove_dir_all_parallel(dir: &Path) {
    use rayon::prelude::*;
    // A link is removed itself: reading through it would empty the folder it leads to.
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        let _ = std::fs::remove_file(dir);
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        let _ = std::fs::remove_dir_all(dir);
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|e| {
        // A symbolic link is removed as a file, never followed.
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            remove_dir_all_parallel(&e.path());
        } else {
            let _ = std::fs::remove_file(e.path());
        }
    });
    if std::fs::remove_dir(dir).is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Whether `p` is a symbolic link (not what it leads to).
fn is_link(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

/// Removes a folder, a file or a link, never what a link leads to.
fn remove_entry(p: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

impl Drop for Staging {
    /// A build that failed: its folder is removed, never kept as the previous output
    /// (on a full disk it holds half-written files, and keeping it would keep the disk
    /// full for every later build).
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_entry(&self.dir);
        }
    }
}

/// Refuses an output folder that would replace the site or its sources.
pub fn check_output_dir(site_root: &Path, out: &Path) -> Result<(), String> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut n = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    n.pop();
                }
                std::path::Component::CurDir => {}
                c => n.push(c.as_os_str()),
            }
        }
        // Links resolved: the deepest part that exists is asked where it really is, so
        // a path through a link into the site is seen for what it is.
        let mut rest = Vec::new();
        let mut at = n.clone();
        loop {
            if let Ok(real) = std::fs::canonicalize(&at) {
                let mut real = real;
                for part in rest.iter().rev() {
                    real.push(part);
                }
                return real;
            }
            match (at.file_name().map(|f| f.to_os_string()), at.parent()) {
                (Some(f), Some(up)) => {
                    rest.push(f);
                    at = up.to_path_buf();
                }
                _ => return n,
            }
        }
    };
    let root = abs(site_root);
    let out = abs(out);
    if root.starts_with(&out) {
        return Err(crate::t!("output-replaces-site", dir = out.display()));
    }
    for keep in ["content", "static", "templates", "themes"] {
        if out.starts_with(root.join(keep)) {
            return Err(crate::t!(
                "output-inside-site-folder",
                dir = out.display(),
                keep = keep
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs() {
        assert!(check_output_dir(Path::new("/s"), Path::new("/s")).is_err());
        assert!(check_output_dir(Path::new("/s"), Path::new("/")).is_err());
        assert!(check_output_dir(Path::new("/s"), Path::new("/s/content/x")).is_err());
        assert!(check_output_dir(Path::new("/s"), Path::new("/s/public")).is_ok());
    }
}
