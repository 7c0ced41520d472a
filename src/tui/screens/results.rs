//! Results of a finished session: the score, each question with its verdict and time, and
//! « refaire les erreurs ».

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::question::Verdict;
use crate::domain::session::QuizSession;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, cells, ellipsize, text_gauge};
use crate::words;

#[derive(Debug)]
pub struct ResultsScreen {
    pub title: String,
    pub session: QuizSession,
    pub scroll: usize,
}

impl ResultsScreen {
    pub fn new(title: String, session: QuizSession) -> Self {
        ResultsScreen {
            title,
            session,
            scroll: 0,
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        let mut hints = vec![keys::DEFILER];
        if !self.session.mistakes().is_empty() {
            hints.push(keys::REFAIRE_LES_ERREURS);
        }
        hints.push(keys::ACCUEIL);
        hints.push(keys::RETOUR);
        hints
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.scroll = (self.scroll + 1).min(self.session.answers.len().saturating_sub(1));
                None
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.scroll = self.scroll.saturating_sub(1);
                None
            }
            KeyCode::Char('r') if !self.session.mistakes().is_empty() => {
                Some(Action::RetryMistakes)
            }
            KeyCode::Enter => Some(Action::Home),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Back),
            _ => None,
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                self.scroll = (self.scroll + 1).min(self.session.answers.len().saturating_sub(1));
            }
            MouseEventKind::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
        None
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        // Each question counts once, by its first answer; those missed and asked again are
        // listed below, but practice.
        let answered = self.session.answered();
        let score = self.session.score();
        let ratio = if answered == 0 {
            0.0
        } else {
            score / answered as f64
        };
        let total_ms: u64 = self.session.answers.iter().map(|a| a.duration_ms).sum();
        let outer = block(
            format!(" {} — {} ", strings::RESULTS_TITLE, self.title),
            theme,
        );
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [summary, list] =
            Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(inner);
        let right = self.session.right();
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(format!("{} ", strings::score(score, answered)), theme.title),
                Span::styled(format!("({})", words::percent(ratio)), theme.title),
            ]),
            Line::raw(strings::results_line(
                &text_gauge(right, answered, 20),
                right,
                answered,
                total_ms,
            )),
            if self.session.mistakes().is_empty() {
                Line::styled(strings::RESULTS_NO_MISTAKE, theme.correct)
            } else {
                Line::styled(
                    strings::retry_hint(self.session.mistakes().len()),
                    theme.muted,
                )
            },
        ])
        .render(summary, buf);
        let lines: Vec<Line> = self
            .session
            .answers
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(list.height as usize)
            .map(|(i, a)| {
                let (mark, word, style) = match a.verdict {
                    Verdict::Correct => ("✓", strings::VERDICT_RIGHT, theme.correct),
                    Verdict::Partial => ("◐", strings::VERDICT_PARTLY, theme.partial),
                    Verdict::Incorrect => ("✗", strings::VERDICT_WRONG, theme.wrong),
                };
                let prompt = ctx
                    .index
                    .get(&a.question_id)
                    .map_or(a.question_id.as_str(), |q| q.prompt());
                let prompt = if self.session.comes_back(i) {
                    format!("{}{prompt}", strings::RESULTS_ASKED_AGAIN)
                } else {
                    prompt.to_owned()
                };
                let time = words::duration(a.duration_ms);
                let room = (list.width as usize).saturating_sub(24 + time.chars().count());
                let short = ellipsize(&prompt, cells(room));
                Line::from(vec![
                    Span::styled(format!("{:>3}. {mark} {word:<9}", i + 1), style),
                    Span::raw(format!("{short:<room$}")),
                    Span::styled(format!("  {time}"), theme.muted),
                ])
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}
