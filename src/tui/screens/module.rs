//! A module's page: its summary, its lessons, its quiz and its cases.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::content::{Audience, Module};
use crate::domain::path::{StepKind, minutes};
use crate::domain::session::SessionKind;
use crate::tui::action::Action;
use crate::tui::screens::{Ctx, InProgress};
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, cells, ellipsize, hit_at, width_of};
use crate::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Lesson(usize),
    Quiz,
    Case(usize),
}

#[derive(Debug)]
pub struct ModuleScreen {
    pub module: usize,
    pub selected: usize,
    hits: std::cell::RefCell<Vec<(Rect, usize)>>,
    /// Whether the selected entry was drawn as left unfinished, for the key hints.
    selected_in_progress: std::cell::Cell<bool>,
}

impl ModuleScreen {
    pub fn new(module: usize) -> Self {
        ModuleScreen {
            module,
            selected: 0,
            hits: std::cell::RefCell::default(),
            selected_in_progress: std::cell::Cell::new(false),
        }
    }

    fn entries(&self, ctx: &Ctx) -> Vec<Entry> {
        let Some(m) = ctx.module(self.module) else {
            return Vec::new();
        };
        let mut entries: Vec<Entry> = (0..m.lessons.len()).map(Entry::Lesson).collect();
        if !m.questions.is_empty() {
            entries.push(Entry::Quiz);
        }
        entries.extend((0..m.cases.len()).map(Entry::Case));
        entries
    }

    pub fn hints(&self) -> Vec<Hint> {
        if self.selected_in_progress.get() {
            vec![
                keys::CHOISIR,
                keys::ENTREE_REPRENDRE,
                keys::RECOMMENCER,
                keys::RETOUR,
            ]
        } else {
            vec![
                keys::CHOISIR,
                keys::OUVRIR,
                keys::LANCER_LE_QUIZ,
                keys::RETOUR,
            ]
        }
    }

    /// Opens the selected entry; a quiz or a case left unfinished resumes, unless `restart`.
    fn activate(&self, ctx: &Ctx, restart: bool) -> Option<Action> {
        let module = self.module;
        Some(match self.entries(ctx).get(self.selected)? {
            Entry::Lesson(lesson) => Action::OpenLesson {
                module,
                lesson: *lesson,
            },
            Entry::Quiz => Action::StartQuiz { module, restart },
            Entry::Case(case) => Action::StartCase {
                module,
                case: *case,
                restart,
            },
        })
    }

    /// The session of `entry` left unfinished.
    fn in_progress<'a>(ctx: &'a Ctx, module: &Module, entry: Entry) -> Option<&'a InProgress> {
        let kind = match entry {
            Entry::Lesson(_) => return None,
            Entry::Quiz => SessionKind::Module {
                module_id: module.id.clone(),
            },
            Entry::Case(c) => SessionKind::Case {
                module_id: module.id.clone(),
                case_id: module.cases.get(c)?.id.clone(),
            },
        };
        ctx.progress.in_progress(&kind.activity())
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let count = self.entries(ctx).len().max(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.checked_sub(1).unwrap_or(count - 1);
                None
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.selected = (self.selected + 1) % count;
                None
            }
            KeyCode::Enter | KeyCode::Right | KeyCode::Char(' ') => self.activate(ctx, false),
            KeyCode::Char('n') => self.activate(ctx, true),
            KeyCode::Char('z') => Some(Action::StartQuiz {
                module: self.module,
                restart: false,
            }),
            KeyCode::Char('q') | KeyCode::Esc | KeyCode::Left => Some(Action::Back),
            _ => None,
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                self.selected = hit;
                self.activate(ctx, false)
            }
            MouseEventKind::ScrollDown => {
                self.selected = (self.selected + 1).min(self.entries(ctx).len().saturating_sub(1));
                None
            }
            MouseEventKind::ScrollUp => {
                self.selected = self.selected.saturating_sub(1);
                None
            }
            _ => None,
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let Some(m) = ctx.module(self.module) else {
            return;
        };
        let head = Paragraph::new(vec![
            Line::styled(m.summary.as_str(), theme.base),
            Line::styled(about(m), theme.muted),
        ])
        .wrap(Wrap { trim: true });
        // The summary and the line under it, then a blank row; a long summary leaves the
        // list two thirds of the screen.
        let head_rows = u16::try_from(head.line_count(area.width))
            .unwrap_or(u16::MAX)
            .saturating_add(1)
            .min(area.height / 3);
        let [head_area, list] =
            Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(area);
        head.render(head_area, buf);
        let outer = block(format!(" {} ", m.title), theme).title_bottom(Line::styled(
            format!(" {} ", strings::PATH_LEGEND),
            theme.muted,
        ));
        let inner = outer.inner(list);
        outer.render(list, buf);
        let path = ctx.progress.path(self.module);
        if let Some(path) = path.filter(|p| !p.is_empty()) {
            let left = path.seconds_left();
            let line =
                strings::path_line(path.done(), path.len(), (left > 0).then(|| minutes(left)));
            Paragraph::new(Line::styled(line, theme.muted)).render(
                Rect::new(inner.x, inner.y, inner.width, 1.min(inner.height)),
                buf,
            );
        }
        let rows = Rect::new(
            inner.x,
            inner.y.saturating_add(1),
            inner.width,
            inner.height.saturating_sub(1),
        );
        self.render_entries(ctx, m, rows, buf);
    }

    /// One row per lesson, quiz and case, with the minutes it takes and whether it is done,
    /// scrolled so that the selection stays visible.
    fn render_entries(&self, ctx: &Ctx, m: &Module, inner: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let mut hits = self.hits.borrow_mut();
        hits.clear();
        self.selected_in_progress.set(false);
        let entries = self.entries(ctx);
        let first = self
            .selected
            .saturating_sub(inner.height.saturating_sub(1) as usize);
        for (row, (i, entry)) in entries.iter().enumerate().skip(first).enumerate() {
            if cells(row) >= inner.height {
                break;
            }
            let rect = Rect::new(inner.x, inner.y + cells(row), inner.width, 1);
            hits.push((rect, i));
            let selected = i == self.selected;
            let style = if selected { theme.selected } else { theme.base };
            let marker = if selected { "▶ " } else { "  " };
            let (kind, label) = match entry {
                Entry::Lesson(l) => (
                    format!("{} {}", strings::MODULE_LESSON, l + 1),
                    m.lessons[*l].title.clone(),
                ),
                Entry::Quiz => (
                    strings::MODULE_QUIZ.to_owned(),
                    words::questions(m.questions.len()),
                ),
                Entry::Case(c) => (words::CASE_FICTIVE.to_owned(), m.cases[*c].title.clone()),
            };
            let in_progress = Self::in_progress(ctx, m, *entry);
            if selected {
                self.selected_in_progress.set(in_progress.is_some());
            }
            let label = match in_progress {
                Some(session) => format!("{label} — {}", strings::in_progress(&session.position)),
                None => label,
            };
            let step = ctx
                .progress
                .path(self.module)
                .and_then(|p| p.step(entry.step()));
            let right = step.map_or_else(String::new, |s| {
                let mark = match (s.done, entry) {
                    (false, _) => "",
                    (true, Entry::Lesson(_)) => strings::PATH_LESSON_READ,
                    (true, _) => strings::PATH_STEP_DONE,
                };
                let time = strings::about_minutes(minutes(s.seconds));
                if mark.is_empty() {
                    format!(" {time}")
                } else {
                    format!(" {time} · {mark}")
                }
            });
            let head = format!("{kind} · ");
            let room = rect
                .width
                .saturating_sub(width_of(marker) + width_of(&head) + width_of(&right));
            let label = ellipsize(&label, room);
            let pad = usize::from(room.saturating_sub(width_of(&label)));
            Paragraph::new(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(head, if selected { style } else { theme.muted }),
                Span::styled(label, style),
                Span::styled(" ".repeat(pad), style),
                Span::styled(right, if selected { style } else { theme.muted }),
            ]))
            .render(rect, buf);
        }
    }
}

impl Entry {
    /// The step of the module's path this entry is.
    fn step(self) -> StepKind {
        match self {
            Entry::Lesson(l) => StepKind::Lesson(l),
            Entry::Quiz => StepKind::Quiz,
            Entry::Case(c) => StepKind::Case(c),
        }
    }
}

/// « 2 leçons · 10 questions · pour les internes · à jour au 01/11/2026 ».
fn about(m: &Module) -> String {
    let audience: Vec<&str> = m
        .audience
        .iter()
        .map(|a| match a {
            Audience::Interne => strings::AUDIENCE_INTERNS,
            Audience::Fipc => strings::AUDIENCE_FIPC,
            Audience::Formateur => strings::AUDIENCE_TRAINERS,
        })
        .collect();
    let mut about = format!(
        "{} · {}",
        words::plural(m.lessons.len(), "leçon", "leçons"),
        words::questions(m.question_count())
    );
    if !audience.is_empty() {
        about.push_str(&strings::for_audience(&audience));
    }
    if let Some(date) = m.valid_as_of {
        about.push_str(&strings::up_to_date(date));
    }
    about
}
