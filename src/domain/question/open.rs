//! Open questions: the key points a learner ticks against her own answer, and the grade her
//! ticks propose. The learner still decides; both front ends offer the same proposal.

use super::{OpenQuestion, SelfGrade};

impl OpenQuestion {
    /// The points the learner checks her answer against: the `checklist` when the content
    /// gives one; otherwise the items of the model answer's bullet lists (lines that start
    /// with « - », « * », « + » or a number and « . » or « ) »), the usual way an avis
    /// lists what it must say; otherwise none, and the learner grades without a proposal.
    pub fn key_points(&self) -> Vec<&str> {
        let listed: Vec<&str> = self
            .checklist
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        if !listed.is_empty() {
            return listed;
        }
        self.model_answer.lines().filter_map(bullet_item).collect()
    }
}

/// The text of a markdown list item, without its marker.
fn bullet_item(line: &str) -> Option<&str> {
    let line = line.trim();
    let rest = if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        rest
    } else {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 3 {
            return None;
        }
        line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "))?
    };
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// The grade that `ticked` key points out of `total` propose: every point, « juste »; none,
/// « à revoir »; some, « en partie ». `None` without key points: nothing to propose from.
pub fn proposed_grade(ticked: usize, total: usize) -> Option<SelfGrade> {
    match (ticked.min(total), total) {
        (_, 0) => None,
        (t, n) if t == n => Some(SelfGrade::Right),
        (0, _) => Some(SelfGrade::Wrong),
        _ => Some(SelfGrade::Partly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(model_answer: &str, checklist: &[&str]) -> OpenQuestion {
        OpenQuestion {
            id: "q".into(),
            prompt: "?".into(),
            explanation: String::new(),
            sources: vec![],
            tags: vec![],
            difficulty: None,
            model_answer: model_answer.into(),
            checklist: checklist.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn the_checklist_comes_first() {
        let q = open("- ignoré", &["Refuser", "  ", "Expliquer le secret "]);
        assert_eq!(q.key_points(), vec!["Refuser", "Expliquer le secret"]);
    }

    #[test]
    fn without_a_checklist_the_bullets_of_the_model_answer() {
        let q = open(
            "Je refuse poliment :\n\n- je ne dis rien du motif ;\n  * j’explique le secret\n1. je propose le médecin du travail\n2) je note l’appel\n-sans espace\n2026. Une année\n- \n",
            &[],
        );
        assert_eq!(
            q.key_points(),
            vec![
                "je ne dis rien du motif ;",
                "j’explique le secret",
                "je propose le médecin du travail",
                "je note l’appel",
            ]
        );
        assert!(
            open("Je refuse, en une phrase.", &[])
                .key_points()
                .is_empty()
        );
    }

    #[test]
    fn ticks_propose_a_grade() {
        assert_eq!(proposed_grade(0, 0), None);
        assert_eq!(proposed_grade(3, 3), Some(SelfGrade::Right));
        assert_eq!(proposed_grade(9, 3), Some(SelfGrade::Right));
        assert_eq!(proposed_grade(1, 3), Some(SelfGrade::Partly));
        assert_eq!(proposed_grade(2, 3), Some(SelfGrade::Partly));
        assert_eq!(proposed_grade(0, 3), Some(SelfGrade::Wrong));
    }
}
