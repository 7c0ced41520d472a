//! What plain mode writes and reads: events shown as plain French lines or, with `--json`, as
//! one JSON object per line; and answers read line by line.
//!
//! Not one escape sequence may reach the terminal: a screen reader would read it out and a
//! braille display would show it. Every line is stripped of control characters, whatever a
//! module or the learner typed, and JSON escapes what serde leaves raw.

use std::io::{BufRead, ErrorKind, Write};

use serde::Serialize;

use super::strings;
use crate::domain::question::{SelfGrade, Verdict};
use crate::words;

use super::answer::Labeled;

/// Standard output is closed (a pipe whose reader left): nothing more can be said.
#[derive(Debug)]
pub struct Closed;

/// One thing said to the learner or to a tool.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A session begins (or resumes): what it is, and how to answer.
    Start(Start),
    /// Something to know, in one or a few sentences.
    Notice {
        message: String,
    },
    /// The narrative of a case step, before its questions.
    Step(Step),
    Question(QuestionView),
    /// The line typed was not understood: what to type instead.
    Invalid {
        message: String,
    },
    /// The model answer of an open question, before the learner grades herself.
    ModelAnswer(ModelAnswer),
    /// The grade the key points ticked propose, before the learner grades herself.
    ProposedGrade(ProposedGrade),
    /// A remark on the question (a line that starts with « ! ») was kept.
    Remark {
        id: String,
        /// False when the profile is read-only: the remark is not written anywhere.
        saved: bool,
        message: String,
    },
    Result(ResultView),
    /// The session ends: how it went and whether it was saved.
    End(End),
    Lesson(LessonView),
}

#[derive(Debug, Serialize)]
pub struct Start {
    /// `module`, `case`, `review` or `exam`.
    pub session: &'static str,
    pub title: String,
    pub total: usize,
    /// Questions already answered (a resumed session).
    pub answered: usize,
    pub resumed: bool,
    pub read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_limit_secs: Option<u64>,
    /// The announcement in French.
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub case_id: String,
    /// From 1.
    pub step: usize,
    pub steps: usize,
    pub title: String,
    pub narrative: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exhibits: Vec<Exhibit>,
}

#[derive(Debug, Serialize)]
pub struct Exhibit {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    /// From 1.
    pub position: usize,
    pub total: usize,
    pub id: String,
    pub module_id: String,
    pub kind: &'static str,
    pub prompt: String,
    /// Choices (`single`, `multiple`, `true_false`), steps (`order`) or left items (`match`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Labeled>,
    /// Right-hand options of a `match`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Labeled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What to type.
    pub instruction: String,
    /// In a timed exam, the time left when the question is asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_left: Option<TimeLeft>,
}

#[derive(Debug, Serialize)]
pub struct TimeLeft {
    pub seconds: u64,
    /// « Il reste 12 minutes. »
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct ModelAnswer {
    pub id: String,
    pub model_answer: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<String>,
    pub instruction: String,
}

#[derive(Debug, Serialize)]
pub struct ProposedGrade {
    pub id: String,
    /// The key points ticked, numbered from 1.
    pub ticked: Vec<usize>,
    /// How many key points there are.
    pub points: usize,
    pub proposed: SelfGrade,
    pub instruction: String,
}

#[derive(Debug, Serialize)]
pub struct ResultView {
    /// From 1.
    pub position: usize,
    pub total: usize,
    pub id: String,
    /// `None` for a question left unanswered in an exam.
    pub verdict: Option<Verdict>,
    pub score: f64,
    /// The prompt again, in an exam's correction where the question is far behind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub your_answer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right_answer: Option<String>,
    /// Why the score is 0 whatever else was right: an indispensable choice left, an
    /// inacceptable one ticked (EDN rules), in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisive: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<String>,
    pub explanation: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct End {
    /// `finished`, `interrupted` or `time_up`.
    pub status: &'static str,
    pub answered: usize,
    pub total: usize,
    pub score: f64,
    pub saved: bool,
    /// For an exam: whether the pass mark was reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct LessonView {
    pub module_id: String,
    pub id: String,
    /// From 1.
    pub position: usize,
    pub total: usize,
    pub title: String,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Event {
    /// The event as plain French lines.
    fn prose(&self) -> Vec<String> {
        match self {
            Event::Start(s) => vec![s.message.clone()],
            Event::Notice { message }
            | Event::Invalid { message }
            | Event::Remark { message, .. } => vec![message.clone()],
            Event::ProposedGrade(p) => vec![p.instruction.clone()],
            Event::Step(s) => s.prose(),
            Event::Question(q) => q.prose(),
            Event::ModelAnswer(m) => m.prose(),
            Event::Result(r) => r.prose(),
            Event::End(e) => vec![String::new(), e.message.clone()],
            Event::Lesson(l) => l.prose(),
        }
    }
}

/// « Sources : » then one « – » line per source, if any.
fn sources(out: &mut Vec<String>, sources: &[String]) {
    if !sources.is_empty() {
        out.push(format!("{} :", strings::SOURCES));
        out.extend(sources.iter().map(|s| format!("– {s}")));
    }
}

impl Step {
    fn prose(&self) -> Vec<String> {
        let mut out = vec![
            String::new(),
            strings::numbered(strings::STEP, self.step, self.steps, &self.title),
            self.narrative.clone(),
        ];
        if !self.exhibits.is_empty() {
            out.push(format!("{} :", strings::EXHIBITS));
            for exhibit in &self.exhibits {
                out.push(format!("{} : {}", strings::EXHIBIT, exhibit.title));
                out.push(exhibit.body.clone());
            }
        }
        out
    }
}

impl QuestionView {
    fn prose(&self) -> Vec<String> {
        let mut out = vec![String::new()];
        if let Some(time) = &self.time_left {
            out.push(time.message.clone());
        }
        out.push(strings::question_of(self.position, self.total));
        out.push(self.prompt.clone());
        if self.kind == "match" {
            out.push(strings::MATCH_ITEMS.into());
        }
        out.extend(
            self.options
                .iter()
                .map(|o| format!("{}. {}", o.label, o.text)),
        );
        if !self.targets.is_empty() {
            out.push(strings::MATCH_TARGETS.into());
            out.extend(
                self.targets
                    .iter()
                    .map(|o| format!("{}. {}", o.label, o.text)),
            );
        }
        out.push(self.instruction.clone());
        out
    }
}

impl ModelAnswer {
    fn prose(&self) -> Vec<String> {
        let mut out = vec![format!("{} : {}", strings::MODEL_ANSWER, self.model_answer)];
        if !self.checklist.is_empty() {
            out.push(format!("{} :", strings::CHECKLIST));
            out.extend(
                self.checklist
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{}. {p}", i + 1)),
            );
        }
        out.push(self.instruction.clone());
        out
    }
}

impl ResultView {
    fn prose(&self) -> Vec<String> {
        let mut out = Vec::new();
        let verdict = match self.verdict {
            Some(Verdict::Correct) => strings::CORRECT.to_owned(),
            Some(Verdict::Incorrect) => strings::INCORRECT.to_owned(),
            Some(Verdict::Partial) => strings::partly_correct(self.score),
            None => strings::UNANSWERED.to_owned(),
        };
        if let Some(prompt) = &self.prompt {
            out.push(String::new());
            out.push(format!(
                "{} : {verdict}",
                strings::question_of(self.position, self.total)
            ));
            out.push(prompt.clone());
        } else {
            out.push(verdict);
        }
        out.extend(self.decisive.iter().cloned());
        if let Some(answer) = self
            .your_answer
            .as_ref()
            .filter(|_| self.verdict != Some(Verdict::Correct))
        {
            out.push(format!("{} : {answer}", words::QUIZ_YOUR_ANSWER));
        }
        if let Some(right) = &self.right_answer {
            out.push(format!("{} : {right}", words::QUIZ_RIGHT_ANSWER));
        }
        out.extend(self.feedback.iter().map(|f| format!("« {f} »")));
        if !self.explanation.is_empty() {
            out.push(format!("{} : {}", strings::EXPLANATION, self.explanation));
        }
        sources(&mut out, &self.sources);
        out
    }
}

impl LessonView {
    fn prose(&self) -> Vec<String> {
        let mut out = vec![
            String::new(),
            strings::numbered(strings::LESSON, self.position, self.total, &self.title),
            String::new(),
            self.text.clone(),
        ];
        if !self.sources.is_empty() {
            out.push(String::new());
            sources(&mut out, &self.sources);
        }
        out
    }
}

/// Where events go: plain lines, or JSON lines.
pub struct Out<W> {
    w: W,
    json: bool,
}

impl<W: Write> Out<W> {
    pub fn new(w: W, json: bool) -> Self {
        Out { w, json }
    }

    pub fn emit(&mut self, event: &Event) -> Result<(), Closed> {
        let text = if self.json {
            // Serializing plain data to a String cannot fail; an empty object is safe if it
            // ever does.
            let json = serde_json::to_string(event).unwrap_or_else(|_| "{}".to_owned());
            let mut line = crate::term::json(&json).into_owned();
            line.push('\n');
            line
        } else {
            let mut text = String::new();
            for line in event.prose() {
                for part in line.split('\n') {
                    text.push_str(&crate::term::clean(part));
                    text.push('\n');
                }
            }
            text
        };
        self.w.write_all(text.as_bytes()).map_err(|_| Closed)
    }

    /// Sends what was written, before waiting for the learner.
    pub fn flush(&mut self) -> Result<(), Closed> {
        self.w.flush().map_err(|_| Closed)
    }

    #[cfg(test)]
    pub fn into_inner(self) -> W {
        self.w
    }
}

/// One line read from the learner.
#[derive(Debug, PartialEq)]
pub enum Line {
    Text(String),
    /// Bytes that are not UTF-8: her terminal sends another encoding.
    Unreadable,
    /// A line longer than [`MAX_LINE`] bytes, read and dropped.
    TooLong,
}

/// The longest line read: an answer is a few words, an avis a few paragraphs. A longer line
/// is read through and dropped, so that a pasted file cannot fill the memory.
pub const MAX_LINE: usize = 64 * 1024;

/// Answers, one per line.
pub struct Input<R> {
    r: R,
}

impl<R: BufRead> Input<R> {
    pub fn new(r: R) -> Self {
        Input { r }
    }

    /// The next line, without its end, or `None` at the end of input (Ctrl-D, a closed pipe,
    /// or an input that cannot be read any more).
    pub fn line(&mut self) -> Option<Line> {
        let mut bytes = Vec::new();
        let mut too_long = false;
        loop {
            let chunk = match self.r.fill_buf() {
                Ok([]) if bytes.is_empty() && !too_long => return None,
                Ok([]) => break,
                Ok(chunk) => chunk,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => return None,
            };
            let (taken, ended) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if !too_long {
                let room = MAX_LINE.saturating_sub(bytes.len());
                if taken > room {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(&chunk[..taken]);
                }
            }
            self.r.consume(taken);
            if ended {
                break;
            }
        }
        if too_long {
            return Some(Line::TooLong);
        }
        Some(match String::from_utf8(bytes) {
            Ok(text) => Line::Text(clean_typed(&text)),
            Err(_) => Line::Unreadable,
        })
    }
}

/// A typed line without its end and without what a key other than a character sends on a
/// terminal that does not interpret it (an arrow gives `ESC [ A`).
fn clean_typed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // A CSI sequence ends with a letter or ~; SS3 (ESC O) with one more character.
            match chars.next() {
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some('O') => {
                    chars.next();
                }
                _ => {}
            }
        } else if !c.is_control() || c == '\t' {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that drive a terminal or change how a line reads.
    fn steers(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
    }

    /// Random text with many of the characters that matter here.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(String::from),
            Just("\u{1b}]52;c;cGF5bG9hZA==\u{7}".to_owned()),
            Just("\u{1b}[2J".to_owned()),
            Just("\u{9b}31m".to_owned()),
            Just("\u{202e}".to_owned()),
            Just("\u{2067}".to_owned()),
            Just("\u{200b}".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("\r\n".to_owned()),
        ];
        prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn no_event_line_can_steer_the_terminal(text in hostile()) {
            for json in [false, true] {
                let mut out = Out::new(Vec::new(), json);
                out.emit(&Event::Notice { message: text.clone() }).expect("writes");
                let written = String::from_utf8(out.into_inner()).expect("UTF-8");
                prop_assert!(!written.chars().any(steers), "{:?}", written);
            }
        }
    }

    #[test]
    fn a_line_too_long_is_dropped_whole_and_the_next_one_read() {
        let mut typed = vec![b'a'; MAX_LINE + 10];
        typed.extend_from_slice(b"\nB\n");
        let mut input = Input::new(&typed[..]);
        assert_eq!(input.line(), Some(Line::TooLong));
        assert_eq!(input.line(), Some(Line::Text("B".into())));
        assert_eq!(input.line(), None);
        // Just under the bound, a line is read whole; the last one may lack its end.
        let mut typed = vec![b'a'; MAX_LINE - 1];
        typed.push(b'\n');
        typed.extend_from_slice(b"fin");
        let mut input = Input::new(&typed[..]);
        assert!(matches!(input.line(), Some(Line::Text(t)) if t.len() == MAX_LINE - 1));
        assert_eq!(input.line(), Some(Line::Text("fin".into())));
    }

    #[test]
    fn prose_has_no_control_character() {
        let mut out = Out::new(Vec::new(), false);
        out.emit(&Event::Notice {
            message: "Un \u{1b}[31mpiège\u{7}\r\nsur deux lignes\u{9b}".into(),
        })
        .expect("writes");
        let text = String::from_utf8(out.into_inner()).expect("UTF-8");
        assert_eq!(text, "Un [31mpiège\nsur deux lignes\n");
    }

    #[test]
    fn json_lines_escape_every_control_character() {
        let mut out = Out::new(Vec::new(), true);
        out.emit(&Event::Invalid {
            message: "a\u{1b}b\u{9b}c\u{7f}".into(),
        })
        .expect("writes");
        let bytes = out.into_inner();
        assert!(!bytes.contains(&0x1b));
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).expect("JSON");
        assert_eq!(value["type"], "invalid");
        assert_eq!(value["message"], "a\u{1b}b\u{9b}c\u{7f}");
    }

    #[test]
    fn input_lines_are_cleaned_and_end_at_eof() {
        let mut input = Input::new(&b"A\r\nun \x1b[Dmot\x1bOA\n\xff\nfin"[..]);
        assert_eq!(input.line(), Some(Line::Text("A".into())));
        assert_eq!(input.line(), Some(Line::Text("un mot".into())));
        assert_eq!(input.line(), Some(Line::Unreadable));
        assert_eq!(input.line(), Some(Line::Text("fin".into())));
        assert_eq!(input.line(), None);
    }

    #[test]
    fn a_closed_output_is_reported() {
        struct Gone;
        impl Write for Gone {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(ErrorKind::BrokenPipe.into())
            }
        }
        let mut out = Out::new(Gone, false);
        assert!(
            out.emit(&Event::Notice {
                message: "x".into()
            })
            .is_err()
        );
        assert!(out.flush().is_err());
    }
}
