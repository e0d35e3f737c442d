//! What the clean stage noticed in raw articles but would not change safely (an
//! unbalanced quote, a damaged-looking word), listed by `copydesk check` as warnings.
//!
//! The clean stage owns the analysis: this file re-runs it over `content/raw/` (it is
//! fast and writes nothing) and turns its findings into [`Problem`]s.

use std::path::{Path, PathBuf};

use super::{Problem, ProblemKind};
use crate::clean::Finding;
use crate::diagnostic::Diagnostic;

/// The unrepaired defects of every raw article of the site, as warnings.
pub fn unrepaired_defects(site_root: &Path) -> Vec<Problem> {
    findings_by_file(site_root)
        .into_iter()
        .flat_map(|(path, findings)| {
            findings
                .into_iter()
                .map(move |finding| as_problem(&path, finding))
        })
        .collect()
}

/// Turns one finding in the raw file `path` into a warning that quotes the text.
pub fn as_problem(path: &Path, finding: Finding) -> Problem {
    let message = format!(
        "left as it is: `{}` ({}; {})",
        finding.text, finding.reason, finding.pass
    );
    Problem {
        kind: ProblemKind::Unrepaired,
        diagnostic: Diagnostic::warning(path, finding.position, message),
    }
}

/// The clean stage's findings for each raw file of the site, with paths relative to the
/// site root. A site without `content/raw/` has none; a raw file the clean stage cannot
/// read at all is reported by the build, not here.
fn findings_by_file(site_root: &Path) -> Vec<(PathBuf, Vec<Finding>)> {
    let raw_folder = site_root.join("content").join("raw");
    if !raw_folder.is_dir() {
        return Vec::new();
    }
    let Ok(files) = crate::clean::site_run::raw_files_in(&raw_folder) else {
        return Vec::new();
    };
    let context = crate::clean::site_words::site_word_context(site_root).unwrap_or_default();
    files
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let shown = path.strip_prefix(site_root).unwrap_or(&path).to_path_buf();
            let cleaned = crate::clean::clean_text(&bytes, &shown, &context).ok()?;
            Some((shown, cleaned.findings))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    #[test]
    fn unbalanced_quotes_in_raw_articles_are_listed_with_their_raw_position() {
        let site = tempfile::tempdir().unwrap();
        let raw = site.path().join("content/raw");
        std::fs::create_dir_all(&raw).unwrap();
        std::fs::write(
            raw.join("quote.txt"),
            "A headline\n\nThe mayor spoke at length.\n\nShe said the budget was fine.” Then she left.\n",
        )
        .unwrap();
        let problems = unrepaired_defects(site.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0].diagnostic;
        assert_eq!(d.path, Path::new("content/raw/quote.txt"));
        assert_eq!(d.position.line, 5);
        assert!(d.message.contains("budget was fine"), "{}", d.message);
        assert!(unrepaired_defects(&site.path().join("nowhere")).is_empty());
    }

    #[test]
    fn a_finding_becomes_a_warning_at_its_place() {
        let finding = Finding {
            pass: "quotes",
            position: Position::new(4, 12),
            text: "“Never again,".into(),
            reason: "an opening quote is never closed".into(),
        };
        let problem = as_problem(Path::new("content/raw/a.txt"), finding);
        assert_eq!(problem.kind, ProblemKind::Unrepaired);
        assert!(!problem.diagnostic.is_error());
        assert_eq!(
            problem.diagnostic.to_string(),
            "content/raw/a.txt:4:12: warning: left as it is: `“Never again,` \
             (an opening quote is never closed; quotes)"
        );
    }
}
