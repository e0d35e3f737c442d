//! What the clean stage noticed in raw articles but would not change safely (an
//! unbalanced quote, a damaged-looking word), listed by `copydesk check` as warnings.
//!
//! The clean stage owns the analysis; this file only turns its findings into
//! [`Problem`]s. It is the one place to wire when the clean stage exposes its findings
//! per raw file (see the lead's integration notes): until then there is nothing to list.

use std::path::Path;

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

/// The clean stage's findings for each raw file of the site. The clean stage does not
/// expose them yet, so this is empty; replace the body with the call once it does.
fn findings_by_file(_site_root: &Path) -> Vec<(std::path::PathBuf, Vec<Finding>)> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

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
