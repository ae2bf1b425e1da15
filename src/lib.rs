//! gongkai (公开): a static site generator for public-disclosure sites.
//!
//! The stages, each in its own module: [`config`] and [`content`] load the site,
//! [`site`] indexes it, [`pages`] plans the pages, [`render`] renders one page at a
//! time, [`output`] writes the result aside and swaps it in; [`pipeline`] runs them.

pub mod attach;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod deploy;
pub mod diagnostics;
pub mod disclosure;
pub mod emit;
pub mod i18n;
pub mod import;
pub mod init;
pub mod kind;
pub mod output;
pub mod pages;
pub mod paths;
pub mod pipeline;
pub mod recognise;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod yaml;

/// The most items one parallel task takes from a list of documents or pages. Rayon
/// splits a list into as few pieces as there are threads unless a thread steals; here
/// the pages are split while the other thread is busy writing sources and the search
/// index, and it then found nothing left to take but one thread's half: it stood idle
/// for the last 0.2 s of a 10k build. Small pieces leave work to take to the end.
pub const PAR_PIECE: usize = 16;
