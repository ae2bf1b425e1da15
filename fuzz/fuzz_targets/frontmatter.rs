//! A document's text through the whole single-document load: front matter split and
//! parse, body checks, Markdown with link rewriting; then the plan-schedule reader.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn site() -> &'static (tempfile_dir::Dir, gongkai::config::Config) {
    static SITE: OnceLock<(tempfile_dir::Dir, gongkai::config::Config)> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile_dir::Dir::new();
        std::fs::write(
            dir.0.join("site.yaml"),
            "title: 模糊测试\nbase_url: https://e.org/\ncontact: 办公室\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.0.join("content/notices")).unwrap();
        let config = gongkai::config::Config::load(&dir.0).unwrap();
        (dir, config)
    })
}

mod tempfile_dir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!("gongkai-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (dir, config) = site();
    let path = dir.0.join("content/notices/x.md");
    let _ = gongkai::content::from_text(config, &path, text.to_string(), None);
    let _ = gongkai::content::schedule::from_markdown(text);
});
