//! Remarks a learner leaves on a question (« Signaler »): a wrong answer, an outdated rule, a
//! typo. They stay in her progress, travel with `conseil progress export`, and a trainer lists
//! them with `conseil progress remarks`.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Progress, to_millis};

/// One remark on one question, with what identifies the content it was made on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remark {
    /// When it was written, to the millisecond (with the question and the text, it tells two
    /// remarks apart when progress files are merged).
    pub at: Timestamp,
    pub question_id: String,
    pub module_id: String,
    /// The module's `valid_as_of` then: the state of the rules the question was checked
    /// against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_as_of: Option<Date>,
    /// The module's `reviewed` date then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Date>,
    /// The version of conseil, whose built-in modules are part of it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conseil_version: String,
    pub text: String,
    /// Fields this version does not know, kept as they are.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Remark {
    /// The same remark, however it was read: same moment, question and text.
    fn same(&self, other: &Remark) -> bool {
        self.at == other.at && self.question_id == other.question_id && self.text == other.text
    }
}

impl Progress {
    /// The remarks left on questions, oldest first.
    pub fn remarks(&self) -> &[Remark] {
        &self.remarks
    }

    /// Keeps `remark`, its time cut to the millisecond kept on disk. Returns false for a
    /// remark without text, or one already kept.
    pub fn add_remark(&mut self, mut remark: Remark) -> bool {
        let end = remark.text.trim_end().len();
        remark.text.truncate(end);
        let start = remark.text.len() - remark.text.trim_start().len();
        remark.text.drain(..start);
        remark.at = to_millis(remark.at);
        if remark.text.is_empty() || self.remarks.iter().any(|r| r.same(&remark)) {
            return false;
        }
        let place = self.remarks.partition_point(|r| r.at <= remark.at);
        self.remarks.insert(place, remark);
        true
    }

    /// Adds the remarks of an imported progress that are not here yet; returns how many.
    pub(super) fn merge_remarks(&mut self, theirs: Vec<Remark>) -> usize {
        theirs
            .into_iter()
            .map(|r| usize::from(self.add_remark(r)))
            .sum()
    }
}

/// The remarks of a damaged file, each kept or set aside on its own.
pub(super) fn salvage(value: Value, bad: &mut Vec<(String, Value)>) -> Vec<Remark> {
    let Value::Array(list) = value else {
        bad.push(("remarks".to_owned(), value));
        return Vec::new();
    };
    list.into_iter()
        .enumerate()
        .filter_map(|(i, r)| super::migrate::keep_or_set_aside(r, format!("remarks[{i}]"), bad))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::t;
    use super::*;

    fn remark(question: &str, at: Timestamp, text: &str) -> Remark {
        Remark {
            at,
            question_id: question.into(),
            module_id: "m".into(),
            valid_as_of: None,
            reviewed: None,
            conseil_version: String::new(),
            text: text.into(),
            extra: BTreeMap::new(),
        }
    }

    #[test]
    fn remarks_are_kept_once_in_time_order() {
        let mut p = Progress::new();
        assert!(p.add_remark(remark("q2", t(20), " La date a changé. ")));
        assert!(p.add_remark(remark("q1", t(10), "Coquille")));
        assert!(!p.add_remark(remark("q1", t(10), "Coquille ")), "the same");
        assert!(!p.add_remark(remark("q1", t(30), "   ")), "empty");
        assert!(p.add_remark(remark("q1", t(10), "Autre chose")));
        let texts: Vec<&str> = p.remarks().iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Coquille", "Autre chose", "La date a changé."]);
    }

    #[test]
    fn a_merge_keeps_both_sides_remarks_once() {
        let mut here = Progress::new();
        here.add_remark(remark("q1", t(1), "Coquille"));
        here.add_remark(remark("q2", t(5), "La date a changé."));
        let mut there = Progress::new();
        there.add_remark(remark("q1", t(1), "Coquille"));
        there.add_remark(remark("q3", t(3), "Source introuvable"));
        let summary = here.merge(there.clone());
        assert_eq!(summary.remarks_added, 1);
        assert!(summary.changed());
        let texts: Vec<&str> = here.remarks().iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Coquille", "Source introuvable", "La date a changé."]
        );
        assert!(!here.merge(there).changed(), "nothing new the second time");
    }

    #[test]
    fn a_damaged_remark_is_set_aside_and_the_others_kept() {
        let json = serde_json::json!({
            "format_version": 2,
            "remarks": [{"at": "2026-12-08T09:00:00Z", "question_id": "q", "module_id": "m",
                         "text": "Coquille"},
                        {"at": "pas une date", "question_id": "q", "module_id": "m",
                         "text": "Perdue ?"}]
        });
        let (p, bad) = super::super::salvage(json).expect("salvages");
        assert_eq!(p.remarks().len(), 1);
        assert_eq!(p.remarks()[0].text, "Coquille");
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, "remarks[1]");
    }

    #[test]
    fn unknown_fields_of_a_remark_survive_a_round_trip() {
        let json = serde_json::json!({
            "format_version": 1,
            "remarks": [{"at": "2026-12-08T09:00:00Z", "question_id": "q", "module_id": "m",
                         "text": "Coquille", "priority": "haute"}]
        });
        let p = super::super::migrate(json).expect("reads");
        assert_eq!(p.remarks()[0].extra["priority"], "haute");
        let back = serde_json::to_value(&p).expect("serializes");
        assert_eq!(back["remarks"][0]["priority"], "haute");
    }
}
