//! What a document is: a plan, a notice or a summary. A leaf module, used by the
//! configuration, the content, the templates and the command line alike.

/// What a document is: its kind decides the metadata shown and some checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Kind {
    Plan,
    Notice,
    Summary,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "plan" => Some(Kind::Plan),
            "notice" => Some(Kind::Notice),
            "summary" => Some(Kind::Summary),
            _ => None,
        }
    }

    /// The kind a top folder implies.
    pub fn from_section(section: &str) -> Option<Kind> {
        match section {
            "plans" => Some(Kind::Plan),
            "notices" => Some(Kind::Notice),
            "summaries" => Some(Kind::Summary),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Notice => "notice",
            Kind::Summary => "summary",
        }
    }
}
