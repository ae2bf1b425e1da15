//! Writing the output folder: the new site is written into a staging folder beside it
//! and swapped in only when the whole build succeeded, so a failed build leaves the
//! previous output exactly as it was.

use std::io;
use std::path::{Path, PathBuf};

/// A staging folder that becomes the output folder on `commit`, or vanishes when dropped.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    done: bool,
}

impl Staging {
    /// Makes an empty staging folder beside `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            done: false,
        })
    }

    /// The folder being written.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes a file at a path relative to the output, making its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let p = self.dir.join(rel);
        // Most files go into a folder that exists already: try first, make it if not.
        match std::fs::write(&p, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = p.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(p, bytes)
            }
            r => r,
        }
    }

    /// Copies a file to a path relative to the output.
    pub fn copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        let p = self.dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(src, p).map(|_| ())
    }

    /// Puts the staged folder in place of the target, then removes the old one.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.done = true;
        if had_old {
            remove_dir_all_parallel(&old);
        }
        Ok(())
    }
}

/// Removes a folder tree, its sub-folders in parallel: a site has thousands of them,
/// and removing the previous output one file at a time was a tenth of a large build.
fn remove_dir_all_parallel(dir: &Path) {
    use rayon::prelude::*;
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
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
        n
    };
    let root = abs(site_root);
    let out = abs(out);
    if root.starts_with(&out) {
        return Err(format!(
            "the output folder {} would replace the site itself",
            out.display()
        ));
    }
    for keep in ["content", "static", "templates", "themes"] {
        if out.starts_with(root.join(keep)) {
            return Err(format!(
                "the output folder {} is inside the site's {keep}/ folder",
                out.display()
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
