//! Home: the modules with their progress, the tools, the first-run welcome and load problems.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::next::{Next, NextStep};
use crate::domain::path::minutes;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings;
use crate::tui::strings::keys;
use crate::tui::widgets::{Hint, block, ellipsize, hit_at, text_gauge, width_of};

/// An entry of the home list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// The next useful step, first.
    Continue,
    /// A session left unfinished, by its rank in the list (the one worked on last first).
    Resume(usize),
    Review,
    Module(usize),
    Glossary,
    Exam,
    Stats,
    Group,
    Settings,
    Profile,
    Help,
}

#[derive(Debug, Default)]
pub struct HomeScreen {
    pub selected: usize,
    /// Where each entry was drawn, for mouse clicks.
    hits: std::cell::RefCell<Vec<(Rect, usize)>>,
}

impl HomeScreen {
    fn entries(ctx: &Ctx) -> Vec<Entry> {
        let mut entries = Vec::new();
        if ctx.progress.next.is_some() {
            entries.push(Entry::Continue);
        }
        entries.extend((0..ctx.progress.in_progress.len()).map(Entry::Resume));
        if ctx.progress.due > 0 {
            entries.push(Entry::Review);
        }
        entries.extend((0..ctx.catalog.modules.len()).map(Entry::Module));
        entries.push(Entry::Glossary);
        entries.push(Entry::Exam);
        entries.push(Entry::Stats);
        entries.push(Entry::Group);
        entries.push(Entry::Settings);
        if ctx.progress.profile.is_some() {
            entries.push(Entry::Profile);
        }
        entries.push(Entry::Help);
        entries
    }

    pub fn hints(&self) -> Vec<Hint> {
        vec![
            keys::CHOISIR,
            keys::OUVRIR,
            keys::CONTINUER,
            keys::GLOSSAIRE,
            keys::QUITTER,
        ]
    }

    fn activate(&self, ctx: &Ctx) -> Option<Action> {
        match Self::entries(ctx).get(self.selected)? {
            Entry::Continue => continue_action(ctx),
            Entry::Resume(i) => Some(Action::Resume(
                ctx.progress.in_progress.get(*i)?.activity.clone(),
            )),
            Entry::Review => Some(Action::StartReview),
            Entry::Module(m) => Some(Action::OpenModule(*m)),
            Entry::Glossary => Some(Action::OpenGlossary),
            Entry::Exam => Some(Action::OpenExam),
            Entry::Stats => Some(Action::OpenStats),
            Entry::Group => Some(Action::OpenGroup),
            Entry::Settings => Some(Action::OpenSettings),
            Entry::Profile => Some(Action::OpenProfiles),
            Entry::Help => Some(Action::ToggleHelp),
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        let count = Self::entries(ctx).len();
        self.selected = self.selected.min(count - 1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.checked_sub(1).unwrap_or(count - 1);
                None
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.selected = (self.selected + 1) % count;
                None
            }
            KeyCode::Home => {
                self.selected = 0;
                None
            }
            KeyCode::End => {
                self.selected = count - 1;
                None
            }
            KeyCode::Enter | KeyCode::Right | KeyCode::Char(' ') => self.activate(ctx),
            KeyCode::Char('g') => Some(Action::OpenGlossary),
            KeyCode::Char('e') => Some(Action::OpenExam),
            KeyCode::Char('s') => Some(Action::OpenStats),
            KeyCode::Char('r') if ctx.progress.due > 0 => Some(Action::StartReview),
            KeyCode::Char('c') => continue_action(ctx),
            KeyCode::Char('p') if ctx.progress.profile.is_some() => Some(Action::OpenProfiles),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        }
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        let count = Self::entries(ctx).len();
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                self.selected = hit;
                self.activate(ctx)
            }
            MouseEventKind::ScrollDown => {
                self.selected = (self.selected + 1).min(count - 1);
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
        let problems = warning_lines(ctx);
        let show_welcome = ctx.first_run && area.height >= 20;
        let [header, welcome, warnings, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(if show_welcome { 3 } else { 0 }),
            Constraint::Length(u16::try_from(problems.len().min(3)).unwrap_or(3)),
            Constraint::Fill(1),
        ])
        .areas(area);
        render_header(ctx, header, buf);
        if show_welcome {
            Paragraph::new(Text::from(
                strings::WELCOME
                    .iter()
                    .map(|l| Line::raw(*l))
                    .collect::<Vec<_>>(),
            ))
            .wrap(Wrap { trim: true })
            .style(theme.base)
            .render(welcome.inner(ratatui::layout::Margin::new(1, 0)), buf);
        }
        Paragraph::new(problems)
            .wrap(Wrap { trim: true })
            .render(warnings, buf);
        self.render_entries(ctx, list, buf);
    }

    /// The list of modules and tools, scrolled so that the selection stays visible.
    fn render_entries(&self, ctx: &Ctx, list: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let entries = Self::entries(ctx);
        let outer = block(format!(" {} ", strings::HOME_MODULES), theme).title_bottom(
            Line::styled(format!(" {} ", strings::HOME_MASTERED_LEGEND), theme.muted),
        );
        let inner = outer.inner(list);
        outer.render(list, buf);
        // Two rows a module (title, then summary and progress), one a tool.
        let rows: Vec<u16> = entries
            .iter()
            .map(|e| {
                if matches!(e, Entry::Module(_) | Entry::Resume(_) | Entry::Continue) {
                    2
                } else {
                    1
                }
            })
            .collect();
        let mut first = 0;
        while rows[first..=self.selected.min(rows.len() - 1)]
            .iter()
            .sum::<u16>()
            > inner.height
            && first < self.selected
        {
            first += 1;
        }
        let mut y = inner.y;
        let mut hits = self.hits.borrow_mut();
        hits.clear();
        if ctx.catalog.modules.is_empty() {
            Paragraph::new(Line::styled(strings::HOME_NO_MODULE, theme.warning))
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
            y += 1;
        }
        for (i, entry) in entries.iter().enumerate().skip(first) {
            let h = rows[i];
            if y + h > inner.bottom() {
                break;
            }
            let rect = Rect::new(inner.x, y, inner.width, h);
            hits.push((rect, i));
            render_entry(ctx, entry, i == self.selected, rect, buf);
            y += h;
        }
    }
}

/// The read-only and other notices, then the content files left out for errors.
fn warning_lines<'a>(ctx: &'a Ctx) -> Vec<Line<'a>> {
    let theme = ctx.theme;
    let mut lines: Vec<Line> = Vec::new();
    if ctx.progress.read_only {
        lines.push(Line::styled(
            format!("⚠ {}", strings::HOME_READ_ONLY),
            theme.warning,
        ));
    }
    if let Some(notice) = &ctx.progress.notice {
        lines.push(Line::styled(format!("⚠ {notice}"), theme.warning));
    }
    lines.extend(
        ctx.catalog
            .problems
            .iter()
            .filter(|p| p.has_errors())
            .map(|p| {
                // A file name and a message about content: either may hold anything.
                let file = crate::term::clean(&p.file).into_owned();
                let first = p.diagnostics.first().map_or(String::new(), |d| {
                    let message = crate::term::clean(&d.message);
                    format!(" — {}:{} {message}", d.line, d.column)
                });
                Line::from(vec![
                    Span::styled("⚠ ", theme.warning),
                    Span::styled(
                        format!("{file} {}", strings::HOME_LOAD_PROBLEMS),
                        theme.warning,
                    ),
                    Span::raw(first),
                    Span::styled(strings::check_hint(&file), theme.muted),
                ])
            }),
    );
    lines
}

/// The app's name and tagline on the left, the profile, countdown and reviews due on the
/// right.
fn render_header(ctx: &Ctx, header: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let mut status = Vec::new();
    if let Some(profile) = &ctx.progress.profile {
        status.push(format!("{} : {profile}", strings::HOME_PROFILE));
    }
    if let Some(days) = ctx.progress.countdown {
        status.push(strings::stage_countdown(days));
    }
    if ctx.progress.due > 0 {
        status.push(strings::due(ctx.progress.due));
    }
    let status = status.join(" · ");
    let tagline_room = header
        .width
        .saturating_sub(width_of(strings::APP_NAME) + width_of(&status) + 4);
    Paragraph::new(Line::from(vec![
        Span::styled(strings::APP_NAME, theme.title),
        Span::styled(
            format!(" — {}", ellipsize(strings::APP_TAGLINE, tagline_room)),
            theme.muted,
        ),
    ]))
    .render(header, buf);
    Paragraph::new(Line::styled(status, theme.key))
        .alignment(ratatui::layout::Alignment::Right)
        .render(header, buf);
}

/// One entry of the list in `rect`.
fn render_entry(ctx: &Ctx, entry: &Entry, selected: bool, rect: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let marker = if selected { "▶ " } else { "  " };
    let style = if selected { theme.selected } else { theme.base };
    match entry {
        Entry::Module(m) => render_module(ctx, *m, selected, rect, buf),
        Entry::Continue => render_continue(ctx, selected, rect, buf),
        Entry::Resume(i) => {
            let Some(session) = ctx.progress.in_progress.get(*i) else {
                return;
            };
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled(marker, style),
                    Span::styled(
                        format!("{} : {}", strings::HOME_RESUME, session.title),
                        style,
                    ),
                ]),
                Line::styled(format!("    {}", session.position), theme.muted),
            ])
            .render(rect, buf);
        }
        _ => {
            Paragraph::new(Line::from(vec![
                Span::styled(marker, style),
                Span::styled(tool_label(ctx, entry), style),
            ]))
            .render(rect, buf);
        }
    }
}

/// What « Continuer » does: the step the domain picked, which resumes its session left
/// unfinished if there is one (a quiz, a case and the review are started that way).
fn continue_action(ctx: &Ctx) -> Option<Action> {
    let step = ctx.progress.next.as_ref()?;
    Some(match step.next {
        Next::Review { .. } => Action::StartReview,
        Next::Lesson { module, lesson } => Action::OpenLesson { module, lesson },
        Next::LessonQuiz { module, lesson, .. } => Action::StartLessonQuiz { module, lesson },
        Next::Quiz { module, .. } | Next::Weakest { module, .. } => Action::StartQuiz {
            module,
            restart: false,
        },
        Next::Case { module, case } => Action::StartCase {
            module,
            case,
            restart: false,
        },
    })
}

/// « Continuer » says what it does in words: « Continuer : leçon 3 du module … (≈ 6 min)
/// (c) », and below, the lesson's title, the questions, or where the session stopped.
fn render_continue(ctx: &Ctx, selected: bool, rect: Rect, buf: &mut Buffer) {
    let Some(step) = &ctx.progress.next else {
        return;
    };
    let theme = ctx.theme;
    let marker = if selected { "▶ " } else { "  " };
    let style = if selected { theme.selected } else { theme.base };
    let (what, about) = describe(ctx, step);
    let head = format!("{} : ", strings::HOME_CONTINUE);
    let tail = format!(" ({}) (c)", strings::about_minutes(minutes(step.seconds)));
    let room = rect
        .width
        .saturating_sub(width_of(marker) + width_of(&head) + width_of(&tail));
    let about = match step.resumes {
        Some(r) => format!("{} · {about}", strings::next::resume_at(r.position, r.len)),
        None => about,
    };
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(marker, style),
            Span::styled(format!("{head}{}{tail}", ellipsize(&what, room)), style),
        ]),
        Line::styled(
            format!("    {}", ellipsize(&about, rect.width.saturating_sub(4))),
            theme.muted,
        ),
    ])
    .render(rect, buf);
}

/// The step in a phrase (« quiz du module … »), and what it holds (« 5 questions sur … »).
fn describe(ctx: &Ctx, step: &NextStep) -> (String, String) {
    use strings::next;
    let title = |m: usize| ctx.module(m).map_or("", |m| m.title.as_str());
    let lesson = |m: usize, l: usize| {
        ctx.module(m)
            .and_then(|m| m.lessons.get(l))
            .map_or("", |l| l.title.as_str())
    };
    let resumed = |what: String| match step.resumes {
        Some(_) => next::resume(&what),
        None => what,
    };
    match step.next {
        Next::Review { questions } => (
            match step.resumes {
                Some(_) => next::REVIEW_RESUME.to_owned(),
                None => next::review(questions),
            },
            strings::due(ctx.progress.due),
        ),
        Next::Lesson { module, lesson: l } => {
            (next::lesson(l, title(module)), lesson(module, l).to_owned())
        }
        Next::LessonQuiz {
            module,
            lesson: l,
            questions,
        } => (
            resumed(next::lesson_quiz(l, title(module))),
            next::lesson_quiz_about(step.resumes.map_or(questions, |r| r.len), lesson(module, l)),
        ),
        Next::Quiz { module, unanswered } => (
            resumed(next::quiz(title(module))),
            next::quiz_about(
                ctx.module(module).map_or(0, |m| m.questions.len()),
                unanswered,
            ),
        ),
        Next::Case { module, case } => (
            resumed(next::case(title(module))),
            ctx.module(module)
                .and_then(|m| m.cases.get(case))
                .map_or_else(String::new, |c| c.title.clone()),
        ),
        Next::Weakest {
            module,
            mastered,
            questions,
        } => (
            match step.resumes {
                Some(_) => next::resume(&next::quiz(title(module))),
                None => next::weakest(title(module)),
            },
            next::weakest_about(mastered, questions),
        ),
    }
}

/// A module: its title, its path and its mastery on the first row; the time its path still
/// takes, its summary and last score below.
fn render_module(ctx: &Ctx, m: usize, selected: bool, rect: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let marker = if selected { "▶ " } else { "  " };
    let style = if selected { theme.selected } else { theme.base };
    let module = &ctx.catalog.modules[m];
    let count = module.question_count();
    let p = ctx.progress.module(m);
    let path = ctx.progress.path(m).filter(|p| !p.is_empty());
    let gauge = text_gauge(p.mastered, count, if rect.width >= 100 { 10 } else { 5 });
    let right = match path {
        Some(path) => format!(
            "{} · {gauge} {}",
            strings::path_steps(path.done(), path.len()),
            strings::HOME_MASTERED
        ),
        None => format!("{gauge} {}", strings::HOME_MASTERED),
    };
    let title_w = rect.width.saturating_sub(width_of(&right) + 3);
    let title = ellipsize(&module.title, title_w);
    let used = width_of(marker)
        .saturating_add(width_of(&title))
        .saturating_add(width_of(&right));
    let pad = usize::from(rect.width.saturating_sub(used));
    Paragraph::new(Line::from(vec![
        Span::styled(marker, style),
        Span::styled(title, style),
        Span::styled(" ".repeat(pad), style),
        Span::styled(right, if selected { style } else { theme.gauge }),
    ]))
    .render(Rect::new(rect.x, rect.y, rect.width, 1), buf);
    let last = p.last_score.map_or_else(String::new, strings::last_score);
    let left = match path {
        Some(path) if path.done() == path.len() => format!("{} · ", strings::PATH_DONE),
        Some(path) => format!("{} · ", strings::path_left(minutes(path.seconds_left()))),
        None => String::new(),
    };
    let summary = ellipsize(
        &format!("{left}{}{last}", module.summary),
        rect.width.saturating_sub(4),
    );
    Paragraph::new(Line::from(vec![
        Span::raw("    "),
        Span::styled(summary, theme.muted),
    ]))
    .render(Rect::new(rect.x, rect.y + 1, rect.width, 1), buf);
}

/// The label of a tool entry, with its key.
fn tool_label(ctx: &Ctx, entry: &Entry) -> String {
    match entry {
        Entry::Review => format!(
            "{} — {} (r)",
            strings::HOME_REVIEW,
            strings::due(ctx.progress.due)
        ),
        Entry::Glossary => format!("{} (g)", strings::HOME_GLOSSARY),
        Entry::Exam => format!("{} (e)", strings::EXAM),
        Entry::Stats => format!("{} (s)", strings::HOME_STATS),
        Entry::Group => strings::HOME_GROUP.to_owned(),
        Entry::Settings => strings::HOME_SETTINGS.to_owned(),
        Entry::Profile => format!(
            "{} : {} (p)",
            strings::HOME_PROFILE,
            ctx.progress.profile.as_deref().unwrap_or_default()
        ),
        _ => strings::HOME_HELP.to_owned(),
    }
}
