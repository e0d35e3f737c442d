//! # copydesk
//!
//! Editors paste article text copied out of e-papers, PDFs and news pages; copydesk turns
//! that damaged text into faithful, clean Markdown and renders it as a themed static news
//! site.
//!
//! ```text
//! content/raw/*.txt --clean--> content/articles/*.md --build--> output/ --serve / publish-->
//! ```
//!
//! * [`clean`] is stage one: a sequence of small named passes (decode, characters, layout,
//!   masthead, words, pull-quotes, emit) that repairs copying defects and records every
//!   change as an [`clean::Edit`] with its reason.
//! * [`article`] is the contract between the stages: [`article::Article`] and its
//!   [`article::FrontMatter`], written by `clean` and read by `build`.
//! * [`site`] is stage two: load the site, render Markdown, assemble pages, feeds and
//!   sitemap, apply the theme's templates and swap the result into `output/`.
//! * [`serve`] previews the site with live reload; [`publish`] puts it online;
//!   [`scaffold`] creates a new site; [`check`] verifies one; [`scratch`] keeps
//!   interrupted runs from leaving temporary trees behind.
//!
//! The `copydesk` binary is a thin command-line shell over these modules.

pub mod article;
pub mod atomic;
pub mod check;
pub mod clean;
pub mod diagnostic;
pub mod progress;
pub mod publish;
pub mod scaffold;
pub mod scratch;
pub mod serve;
pub mod site;
