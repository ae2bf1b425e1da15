//! Issue 10: the top-level modules of `src/` use each other without a cycle, so that each
//! stage can be read, tested and changed on its own (leaf modules such as `text`, `kind`
//! and `paths` at the bottom, the command line at the top).
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`, with the top-level module it belongs to.
fn files(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            files(&path, Some(top.unwrap_or(&name)), out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let module = top.unwrap_or(stem).to_string();
            out.push((module, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The modules a file names as `crate::<module>` (in paths and in `use crate::{…}`).
fn named(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let m = part.trim().split("::").next().unwrap_or("").trim();
                if modules.contains(m) {
                    found.insert(m.to_string());
                }
            }
        } else {
            let m: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&m) {
                found.insert(m);
            }
        }
    }
    found
}

#[test]
fn the_modules_use_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, None, &mut all);
    let modules: BTreeSet<String> = all
        .iter()
        .map(|(m, _)| m.clone())
        .filter(|m| m != "main" && m != "lib")
        .collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, text) in &all {
        if !modules.contains(m) {
            continue;
        }
        let entry = uses.entry(m.clone()).or_default();
        entry.extend(named(text, &modules).into_iter().filter(|n| n != m));
    }
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        m: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, bool>,
        path: &mut Vec<String>,
        cycles: &mut Vec<String>,
    ) {
        state.insert(m.to_string(), false);
        path.push(m.to_string());
        for n in uses.get(m).into_iter().flatten() {
            match state.get(n) {
                Some(false) => {
                    let at = path.iter().position(|p| p == n).unwrap_or(0);
                    cycles.push(format!("{} → {n}", path[at..].join(" → ")));
                }
                Some(true) => {}
                None => visit(n, uses, state, path, cycles),
            }
        }
        path.pop();
        state.insert(m.to_string(), true);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for m in uses.keys() {
        if !state.contains_key(m) {
            visit(m, &uses, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that use each other: {cycles:#?}"
    );
    // The check sees real uses: the command line stands on the pipeline.
    assert!(uses["cli"].contains("pipeline"), "{uses:?}");
}
