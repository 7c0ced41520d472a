//! Plain mode's longer dialogues: an open answer over several lines, its model answer, the
//! key points the learner ticks by number and the grade they propose; and a remark on any
//! question, a line that starts with « ! ».

use std::io::{BufRead, Write};

use crate::domain::content::Module;
use crate::domain::question::{Question, Response, proposed_grade};
use crate::study::Remarked;

use super::answer;
use super::out::{self, Event, MAX_LINE};
use super::session::{Halt, Plain};
use super::strings;
use crate::words::markdown;

/// True for the line that ends an open answer: an empty one, or a lone « . ».
fn ends_open_answer(line: &str) -> bool {
    matches!(line.trim(), "" | ".")
}

impl<R: BufRead, W: Write> Plain<'_, R, W> {
    /// The next line answering `question` of `module`, `None` at the end of input. A line
    /// that starts with « ! » is a remark on the question: it is kept for a trainer, said,
    /// and the next line is read.
    pub(super) fn answer_line(
        &mut self,
        module: &Module,
        question: &Question,
    ) -> Result<Option<String>, Halt> {
        loop {
            let Some(line) = self.read()? else {
                return Ok(None);
            };
            if line.trim() == "=" {
                self.accept_last()?;
                continue;
            }
            let Some(remark) = line.trim_start().strip_prefix('!') else {
                return Ok(Some(line));
            };
            let (saved, message) = match self.study.remark(module, question.id(), remark) {
                Remarked::Saved => {
                    self.remarked = true;
                    (true, strings::REMARK_SAVED)
                }
                Remarked::NotSaved => (false, strings::REMARK_NOT_SAVED),
                Remarked::Empty => {
                    self.out.emit(&Event::Invalid {
                        message: strings::REMARK_EMPTY.into(),
                    })?;
                    continue;
                }
            };
            self.saved()?;
            self.out.emit(&Event::Remark {
                id: question.id().to_owned(),
                saved,
                message: message.into(),
            })?;
        }
    }

    /// « = » alone on a line: the short answer just marked wrong counts as right (a typo the
    /// grading did not forgive, « j’avais juste »).
    fn accept_last(&mut self) -> Result<(), Halt> {
        let last = self
            .study
            .playing()
            .and_then(|s| s.answers.last())
            .and_then(|a| self.index.get(a.question_id.as_str()))
            .map(|(_, q)| *q);
        if last.is_some_and(|q| self.study.accept_last_answer(q)) {
            self.saved()?;
            self.notice(crate::words::ACCEPTED)?;
        } else {
            self.out.emit(&Event::Invalid {
                message: strings::NOTHING_TO_ACCEPT.into(),
            })?;
        }
        Ok(())
    }

    /// After the session's last question, a short answer marked wrong: one more line, « = »
    /// to count it right before the summary, or anything else (Entrée) to go on. Without it
    /// the session would end before « = » could be typed.
    pub(super) fn offer_last_accept(&mut self) -> Result<(), Halt> {
        self.notice(strings::TYPO_HINT_LAST)?;
        if self.read()?.is_some_and(|line| line.trim() == "=") {
            self.accept_last()?;
        }
        Ok(())
    }

    /// The rest of an open answer whose first line is `first`, up to an empty line or a
    /// lone « . »; then its model answer, the key points the learner covered, and her grade.
    pub(super) fn open_answer(
        &mut self,
        module: &Module,
        question: &Question,
        first: String,
    ) -> Result<Option<Response>, Halt> {
        let Question::Open(open) = question else {
            return Ok(None);
        };
        let mut size = first.len();
        let mut lines = vec![first];
        let mut too_long = false;
        loop {
            let Some(line) = self.answer_line(module, question)? else {
                return Ok(None);
            };
            if ends_open_answer(&line) {
                break;
            }
            size += line.len() + 1;
            // A pasted file must not fill the memory: the bound of one line holds for all.
            if size > MAX_LINE {
                if !std::mem::replace(&mut too_long, true) {
                    self.out.emit(&Event::Invalid {
                        message: strings::OPEN_TOO_LONG.into(),
                    })?;
                }
                continue;
            }
            lines.push(line.trim_end().to_owned());
        }
        let text = lines.join("\n");
        let points = open.key_points();
        self.out.emit(&Event::ModelAnswer(out::ModelAnswer {
            id: open.id.clone(),
            model_answer: markdown::to_lines(&open.model_answer).join("\n"),
            checklist: points.iter().map(|p| markdown::to_line(p)).collect(),
            instruction: if points.is_empty() {
                strings::SELF_GRADE_INSTRUCTION.into()
            } else {
                strings::tick_points(points.len())
            },
        }))?;
        let mut ticked = Vec::new();
        if !points.is_empty() {
            loop {
                let Some(line) = self.answer_line(module, question)? else {
                    return Ok(None);
                };
                if let Some(t) = answer::parse_ticks(&line, points.len()) {
                    ticked = t;
                    break;
                }
                self.out.emit(&Event::Invalid {
                    message: strings::not_ticks(points.len()),
                })?;
            }
        }
        let proposed = proposed_grade(ticked.len(), points.len());
        if let Some(grade) = proposed {
            self.out.emit(&Event::ProposedGrade(out::ProposedGrade {
                id: open.id.clone(),
                ticked: ticked.iter().map(|i| i + 1).collect(),
                points: points.len(),
                proposed: grade,
                instruction: strings::proposed_grade(grade, ticked.len(), points.len()),
            }))?;
        }
        loop {
            let Some(line) = self.answer_line(module, question)? else {
                return Ok(None);
            };
            let grade = if line.trim().is_empty() {
                proposed
            } else {
                answer::parse_self_grade(&line)
            };
            if let Some(grade) = grade {
                return Ok(Some(Response::SelfGraded {
                    text,
                    grade,
                    ticked,
                }));
            }
            self.out.emit(&Event::Invalid {
                message: if proposed.is_some() {
                    strings::SELF_GRADE_INVALID_PROPOSED
                } else {
                    strings::SELF_GRADE_INVALID
                }
                .into(),
            })?;
        }
    }
}
