//! The mock exam around its quiz: the setup (modules, number of questions, time, extra time,
//! pass mark) and the results (passed or not, per module, every question explained).

use std::cell::RefCell;
use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::exam::{
    DEFAULT_MINUTES, DEFAULT_PASS_MARK, DEFAULT_QUESTIONS, ExamConfig, ExamReport, TIME_FACTORS,
    available, examinable_count, time_limit_secs,
};
use crate::domain::question::{Verdict, grade};
use crate::domain::session::QuizSession;
use crate::tui::action::Action;
use crate::tui::screens::Ctx;
use crate::tui::strings::{self, keys};
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    Hint, Scroll, block, cells, ellipsize, hit_at, ratio_bar, round_cells, wrapped_height,
};
use crate::words;

/// The durations offered, in minutes; `None` is « sans limite ».
const DURATIONS: [Option<u32>; 6] = [Some(10), Some(20), Some(30), Some(45), Some(60), None];
/// Pass marks offered, in percent, by steps of 5.
const PASS_MARKS: (u32, u32) = (50, 100);
/// From this inner width on, the modules and the settings sit side by side.
const SIDE_BY_SIDE: u16 = 120;
/// Width of the settings beside the modules: their longest line and the borders.
const SETTINGS_WIDTH: u16 = 66;
/// Width of the setting names.
const LABEL_WIDTH: usize = 22;

/// A line of the setup that the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    All,
    Module(usize),
    Questions,
    Duration,
    ExtraTime,
    PassMark,
    Start,
}

/// The exam setup. Every module is ticked at first, with the default settings, so that
/// Entrée alone starts a 20-question, 20-minute exam on everything.
#[derive(Debug)]
pub struct ExamSetupScreen {
    pub cursor: usize,
    /// Modules left out, by catalog index.
    excluded: BTreeSet<usize>,
    /// Questions asked for (fewer are drawn when the ticked modules have fewer).
    pub questions: usize,
    /// Index in [`DURATIONS`].
    duration: usize,
    /// Index in [`TIME_FACTORS`].
    factor: usize,
    /// In percent.
    pub pass_mark: u32,
    message: Option<&'static str>,
    hits: RefCell<Vec<(Rect, usize)>>,
}

impl Default for ExamSetupScreen {
    fn default() -> Self {
        ExamSetupScreen {
            cursor: 0,
            excluded: BTreeSet::new(),
            questions: usize::from(DEFAULT_QUESTIONS),
            duration: DURATIONS
                .iter()
                .position(|d| *d == Some(DEFAULT_MINUTES))
                .unwrap_or(0),
            factor: 0,
            pass_mark: u32::try_from(round_cells(DEFAULT_PASS_MARK * 100.0)).unwrap_or(80),
            message: None,
            hits: RefCell::default(),
        }
    }
}

impl ExamSetupScreen {
    fn rows(ctx: &Ctx) -> Vec<Row> {
        let mut rows = vec![Row::All];
        rows.extend((0..ctx.catalog.modules.len()).map(Row::Module));
        rows.extend([
            Row::Questions,
            Row::Duration,
            Row::ExtraTime,
            Row::PassMark,
            Row::Start,
        ]);
        rows
    }

    /// Indices of the ticked modules.
    fn chosen(&self, ctx: &Ctx) -> Vec<usize> {
        (0..ctx.catalog.modules.len())
            .filter(|m| !self.excluded.contains(m))
            .collect()
    }

    /// Questions the ticked modules can give.
    fn pool(&self, ctx: &Ctx) -> usize {
        self.chosen(ctx)
            .iter()
            .filter_map(|m| ctx.module(*m))
            .map(examinable_count)
            .sum()
    }

    /// The number of questions that will be drawn.
    fn effective_questions(&self, ctx: &Ctx) -> usize {
        self.questions.min(self.pool(ctx)).max(1)
    }

    /// The exam as set on screen.
    pub fn config(&self, ctx: &Ctx) -> ExamConfig {
        let modules = if self.excluded.is_empty() {
            Vec::new()
        } else {
            self.chosen(ctx)
                .iter()
                .filter_map(|m| ctx.module(*m))
                .map(|m| m.id.clone())
                .collect()
        };
        ExamConfig {
            modules,
            questions: self.effective_questions(ctx),
            minutes: DURATIONS.get(self.duration).copied().flatten(),
            time_factor: TIME_FACTORS.get(self.factor).copied().unwrap_or(1.0),
            pass_mark: f64::from(self.pass_mark) / 100.0,
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        vec![
            keys::CHOISIR,
            keys::COCHER_ESPACE,
            keys::REGLER,
            keys::COMMENCER,
            keys::RETOUR,
        ]
    }

    fn start(&mut self, ctx: &Ctx) -> Option<Action> {
        if self.pool(ctx) == 0 {
            self.message = Some(strings::EXAM_NO_QUESTION);
            return None;
        }
        Some(Action::StartExam {
            config: self.config(ctx),
            restart: true,
        })
    }

    fn toggle(&mut self, row: Row, ctx: &Ctx) {
        match row {
            Row::All if self.excluded.is_empty() => {
                self.excluded = (0..ctx.catalog.modules.len()).collect();
            }
            Row::All => self.excluded.clear(),
            Row::Module(m) => {
                if self.excluded.contains(&m) {
                    self.excluded.remove(&m);
                } else {
                    self.excluded.insert(m);
                }
            }
            _ => {}
        }
    }

    /// Moves the setting on `row` one step up (`up`) or down; `fine` steps the number of
    /// questions by one instead of five.
    fn adjust(&mut self, row: Row, up: bool, fine: bool, ctx: &Ctx) {
        match row {
            Row::Questions => {
                let max = self.pool(ctx).max(1);
                let now = self.effective_questions(ctx);
                self.questions = match (up, fine) {
                    (true, true) => now + 1,
                    (false, true) => now.saturating_sub(1),
                    // By fives, landing on multiples of five.
                    (true, false) => (now / 5 + 1) * 5,
                    (false, false) => now.saturating_sub(1) / 5 * 5,
                }
                .clamp(1, max);
            }
            Row::Duration => self.duration = step(self.duration, up, DURATIONS.len()),
            Row::ExtraTime => self.factor = step(self.factor, up, TIME_FACTORS.len()),
            Row::PassMark => {
                let (low, high) = PASS_MARKS;
                self.pass_mark = if up {
                    self.pass_mark + 5
                } else {
                    self.pass_mark.saturating_sub(5)
                }
                .clamp(low, high);
            }
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Option<Action> {
        self.message = None;
        let rows = Self::rows(ctx);
        let row = rows.get(self.cursor).copied().unwrap_or(Row::Start);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                self.cursor = self.cursor.checked_sub(1).unwrap_or(rows.len() - 1);
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.cursor = (self.cursor + 1) % rows.len();
            }
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = rows.len() - 1,
            KeyCode::Char(' ') if row == Row::Start => return self.start(ctx),
            KeyCode::Char(' ') => self.toggle(row, ctx),
            KeyCode::Right | KeyCode::Char('l') => self.adjust(row, true, false, ctx),
            KeyCode::Left | KeyCode::Char('h') => self.adjust(row, false, false, ctx),
            KeyCode::Char('+') => self.adjust(row, true, row == Row::Questions, ctx),
            KeyCode::Char('-') => self.adjust(row, false, row == Row::Questions, ctx),
            KeyCode::Enter => return self.start(ctx),
            KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent, ctx: &Ctx) -> Option<Action> {
        let rows = Self::rows(ctx);
        match mouse.kind {
            MouseEventKind::Down(_) => {
                let hit = hit_at(&self.hits, mouse.column, mouse.row)?;
                self.message = None;
                self.cursor = hit;
                match rows.get(hit)? {
                    Row::Start => return self.start(ctx),
                    row @ (Row::All | Row::Module(_)) => self.toggle(*row, ctx),
                    _ => {}
                }
            }
            MouseEventKind::ScrollDown => self.cursor = (self.cursor + 1).min(rows.len() - 1),
            MouseEventKind::ScrollUp => self.cursor = self.cursor.saturating_sub(1),
            _ => {}
        }
        None
    }

    /// « ▶ » and the selection style on the cursor's row.
    fn marker(&self, index: usize, theme: &Theme) -> (&'static str, ratatui::style::Style) {
        if index == self.cursor {
            ("▶ ", theme.selected)
        } else {
            ("  ", theme.base)
        }
    }

    fn render_modules(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::EXAM_MODULES), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let count = ctx.catalog.modules.len();
        let all_box = match self.excluded.len() {
            0 => "[x]",
            n if n >= count => "[ ]",
            _ => "[-]",
        };
        let mut entries = vec![(
            0,
            all_box,
            strings::EXAM_ALL_MODULES.to_owned(),
            strings::exam_pool(Self::pool_all(ctx)),
        )];
        for (m, module) in ctx.catalog.modules.iter().enumerate() {
            let tick = if self.excluded.contains(&m) {
                "[ ]"
            } else {
                "[x]"
            };
            entries.push((
                m + 1,
                tick,
                module.title.clone(),
                strings::exam_pool(examinable_count(module)),
            ));
        }
        // Keep the cursor in view when it is in the list.
        let height = usize::from(inner.height);
        let first = self
            .cursor
            .min(count)
            .saturating_sub(height.saturating_sub(1));
        let mut hits = self.hits.borrow_mut();
        for (y, (index, tick, title, pool)) in
            entries.into_iter().skip(first).take(height).enumerate()
        {
            let rect = Rect::new(inner.x, inner.y + cells(y), inner.width, 1);
            hits.push((rect, index));
            let (marker, style) = self.marker(index, theme);
            let suffix = format!(" · {pool}");
            let room = usize::from(inner.width)
                .saturating_sub(marker.chars().count() + 4 + suffix.chars().count());
            Paragraph::new(Line::from(vec![
                Span::styled(format!("{marker}{tick} "), style),
                Span::styled(ellipsize(&title, u16::try_from(room).unwrap_or(0)), style),
                Span::styled(suffix, theme.muted),
            ]))
            .render(rect, buf);
        }
    }

    /// Questions of all the modules, ticked or not, for « Tous les modules ».
    fn pool_all(ctx: &Ctx) -> usize {
        available(&ctx.catalog.modules, &[])
    }

    /// The four settings and the start button, one line each with its row index, then the
    /// exam in a sentence or two.
    fn settings_text(&self, ctx: &Ctx) -> (Vec<(usize, Line<'static>)>, Text<'static>) {
        let theme = ctx.theme;
        let config = self.config(ctx);
        let first = ctx.catalog.modules.len() + 1;
        let limit = time_limit_secs(&config);
        let duration = config
            .minutes
            .map_or(strings::EXAM_UNTIMED.to_owned(), |m| {
                strings::minutes(u64::from(m))
            });
        let extra_note = match limit {
            Some(secs) => strings::exam_total_time(secs),
            None => strings::EXAM_EXTRA_UNUSED.to_owned(),
        };
        let settings = [
            (
                strings::EXAM_QUESTIONS,
                config.questions.to_string(),
                strings::exam_questions_note(self.pool(ctx)),
            ),
            (strings::EXAM_DURATION, duration.clone(), String::new()),
            (
                strings::EXAM_EXTRA_TIME,
                strings::time_factor(config.time_factor),
                extra_note,
            ),
            (
                strings::EXAM_PASS_MARK,
                words::percent(config.pass_mark),
                String::new(),
            ),
        ];
        let mut rows = Vec::new();
        for (i, (label, value, note)) in settings.into_iter().enumerate() {
            let (marker, style) = self.marker(first + i, theme);
            rows.push((
                first + i,
                Line::from(vec![
                    Span::styled(format!("{marker}{label:<LABEL_WIDTH$}◀ {value} ▶"), style),
                    Span::styled(format!("  {note}"), theme.muted),
                ]),
            ));
        }
        let (marker, style) = self.marker(first + 4, theme);
        rows.push((
            first + 4,
            Line::styled(
                format!("{marker}{}", strings::EXAM_START),
                style.patch(theme.focus),
            ),
        ));

        let time = match limit {
            Some(secs) if config.time_factor > 1.0 => strings::exam_total_time(secs),
            _ => duration,
        };
        let mut summary = vec![
            Line::raw(format!(
                "{} · {time} · {}.",
                strings::exam_draw(config.questions, self.chosen(ctx).len()),
                strings::exam_pass_from(config.pass_mark)
            )),
            Line::styled(strings::EXAM_NO_FEEDBACK, theme.muted),
        ];
        if let Some(message) = self.message {
            summary.push(Line::styled(message, theme.warning));
        }
        (rows, Text::from(summary))
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::EXAM_SETUP_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        self.hits.borrow_mut().clear();
        let (rows, summary) = self.settings_text(ctx);
        // The setting lines, a blank line, the summary, and the borders.
        let rows_height = cells(rows.len()) + 1;
        let [modules_area, settings_area] = if inner.width >= SIDE_BY_SIDE {
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(SETTINGS_WIDTH)])
                .areas(inner)
        } else {
            let height = rows_height + wrapped_height(&summary, inner.width.saturating_sub(2)) + 2;
            Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(inner)
        };
        self.render_modules(ctx, modules_area, buf);
        let frame = block(format!(" {} ", strings::EXAM_SETTINGS), theme);
        let settings = frame.inner(settings_area);
        frame.render(settings_area, buf);
        let [rows_area, summary_area] =
            Layout::vertical([Constraint::Length(rows_height), Constraint::Fill(1)])
                .areas(settings);
        let mut hits = self.hits.borrow_mut();
        for (y, (row, line)) in rows.into_iter().enumerate() {
            let rect = Rect::new(rows_area.x, rows_area.y + cells(y), rows_area.width, 1)
                .intersection(rows_area);
            hits.push((rect, row));
            Paragraph::new(line).render(rect, buf);
        }
        Paragraph::new(summary)
            .wrap(Wrap { trim: false })
            .render(summary_area, buf);
    }
}

/// `index` one step up or down in `0..len`, stopping at the ends.
fn step(index: usize, up: bool, len: usize) -> usize {
    if up {
        (index + 1).min(len.saturating_sub(1))
    } else {
        index.saturating_sub(1)
    }
}

/// `text` cut into lines at spaces: `first` columns on the first line, `rest` on the others; a
/// word longer than a line is cut.
fn wrap_words(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut room = first.max(1);
    for word in text.split_whitespace() {
        let mut word = word;
        while !word.is_empty() {
            let line = lines
                .last_mut()
                .unwrap_or_else(|| unreachable!("never empty"));
            let used = line.chars().count();
            let needed = word.chars().count() + usize::from(used > 0);
            if used + needed <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(word);
                word = "";
            } else {
                if used == 0 {
                    let cut = word.char_indices().nth(room).map_or(word.len(), |(i, _)| i);
                    line.push_str(&word[..cut]);
                    word = &word[cut..];
                }
                lines.push(String::new());
                room = rest.max(1);
            }
        }
    }
    lines
}

/// « Votre réponse : … » under a question of the results, wrapped at the indent.
fn labeled_lines(
    label: &str,
    text: &str,
    style: ratatui::style::Style,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let indent = " ".repeat(INDENT);
    let label = format!("{label} : ");
    let mut wrapped =
        wrap_words(text, width.saturating_sub(label.chars().count()), width).into_iter();
    lines.push(Line::from(vec![
        Span::styled(format!("{indent}{label}"), style),
        Span::raw(wrapped.next().unwrap_or_default()),
    ]));
    lines.extend(wrapped.map(|l| Line::raw(format!("{indent}{l}"))));
}

/// The results of an exam: passed or not, the score against the pass mark, each module, then
/// each question with its verdict and its explanation.
#[derive(Debug)]
pub struct ExamResultsScreen {
    pub report: ExamReport,
    pub session: QuizSession,
    pub scroll: Scroll,
}

/// Indent of the lines under a question's first line.
const INDENT: usize = 5;

impl ExamResultsScreen {
    pub fn new(report: ExamReport, session: QuizSession) -> Self {
        ExamResultsScreen {
            report,
            session,
            scroll: Scroll::default(),
        }
    }

    pub fn hints(&self) -> Vec<Hint> {
        let mut hints = vec![keys::DEFILER];
        if !self.session.mistakes().is_empty() {
            hints.push(keys::REFAIRE_LES_ERREURS);
        }
        hints.extend([keys::ACCUEIL, keys::RETOUR]);
        hints
    }

    pub fn on_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Action> {
        if self.scroll.on_key(key.code) {
            return None;
        }
        match key.code {
            KeyCode::Char('r') if !self.session.mistakes().is_empty() => {
                return Some(Action::RetryMistakes);
            }
            KeyCode::Enter => return Some(Action::Home),
            KeyCode::Char('q') | KeyCode::Esc => return Some(Action::Back),
            _ => {}
        }
        None
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Action> {
        self.scroll.on_mouse(mouse.kind);
        None
    }

    fn summary(&self, theme: &Theme, width: usize, lines: &mut Vec<Line<'static>>) {
        let r = &self.report;
        let (verdict, style) = if r.passed {
            (strings::EXAM_PASSED, theme.correct)
        } else {
            (strings::EXAM_FAILED, theme.wrong)
        };
        lines.push(Line::from(vec![
            Span::styled(verdict, style),
            Span::styled(" — ", theme.muted),
            Span::styled(
                strings::exam_score(r.score, r.out_of, r.ratio, r.pass_mark),
                theme.title,
            ),
        ]));
        lines.push(Line::from(vec![
            Span::styled(ratio_bar(r.ratio, width.clamp(10, 40)), theme.gauge),
            Span::raw(format!(" {}", words::percent(r.ratio))),
        ]));
        if r.unanswered > 0 {
            lines.push(Line::styled(
                strings::exam_unanswered(r.unanswered),
                theme.warning,
            ));
        }
        lines.push(Line::raw(""));
    }

    fn per_module(&self, theme: &Theme, width: usize, lines: &mut Vec<Line<'static>>) {
        lines.push(Line::styled(strings::EXAM_PER_MODULE, theme.heading));
        // « 12,5/20 · 100 % » is at most 18 columns.
        let figures = 18;
        let bar_width = (width.saturating_sub(figures) / 3).clamp(8, 30);
        let name_width = width.saturating_sub(figures + bar_width + 1);
        for m in &self.report.per_module {
            let name = ellipsize(&m.title, u16::try_from(name_width).unwrap_or(u16::MAX));
            lines.push(Line::from(vec![
                Span::raw(format!("{name:<name_width$} ")),
                Span::styled(ratio_bar(m.ratio(), bar_width), theme.gauge),
                Span::raw(format!(
                    " {}/{} · {}",
                    words::decimal(m.score),
                    m.out_of,
                    words::percent(m.ratio())
                )),
            ]));
        }
        lines.push(Line::raw(""));
    }

    fn questions(&self, ctx: &Ctx, width: usize, lines: &mut Vec<Line<'static>>) {
        let theme = ctx.theme;
        lines.push(Line::styled(strings::EXAM_QUESTION_LIST, theme.heading));
        let indent = " ".repeat(INDENT);
        let rest = width.saturating_sub(INDENT);
        for (i, id) in self.session.question_ids.iter().enumerate() {
            let answer = self.session.answers.get(i).filter(|a| a.question_id == *id);
            let (verdict, style) = match answer.map(|a| a.verdict) {
                Some(Verdict::Correct) => (strings::EXAM_RIGHT, theme.correct),
                Some(Verdict::Partial) => (strings::EXAM_PARTIAL, theme.partial),
                Some(Verdict::Incorrect) => (strings::EXAM_WRONG, theme.wrong),
                None => (strings::EXAM_UNANSWERED, theme.wrong),
            };
            let question = ctx.index.get(id);
            let prompt = question.map_or(id.as_str(), |q| q.prompt());
            let head = format!("{:>3}. {verdict} · ", i + 1);
            let mut wrapped =
                wrap_words(prompt, width.saturating_sub(head.chars().count()), rest).into_iter();
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::styled(wrapped.next().unwrap_or_default(), theme.title),
            ]));
            lines.extend(wrapped.map(|l| Line::styled(format!("{indent}{l}"), theme.title)));
            if let Some(q) = question {
                // Her answer with the labels she saw, and the right one beside it when hers
                // was not.
                let layout = crate::domain::layout::Layout::of_session(q, &self.session, i);
                let yours = answer
                    .and_then(|a| words::answer::describe(q, &layout, &a.response))
                    .unwrap_or_else(|| words::answer::NO_ANSWER.to_owned());
                labeled_lines(words::QUIZ_YOUR_ANSWER, &yours, theme.muted, rest, lines);
                // A choice that decided the score alone, with why (EDN rules).
                let decisive = answer.map(|a| grade(q, &a.response).decisive);
                for d in decisive.unwrap_or_default() {
                    let said = words::decisive(q, d);
                    lines.extend(
                        wrap_words(&said, rest, rest)
                            .into_iter()
                            .map(|l| Line::styled(format!("{indent}{l}"), theme.wrong)),
                    );
                }
                if answer.is_none_or(|a| a.verdict != Verdict::Correct)
                    && let Some(right) = words::answer::right_answer(q, &layout)
                {
                    labeled_lines(words::QUIZ_RIGHT_ANSWER, &right, theme.correct, rest, lines);
                }
                labeled_lines(
                    strings::QUIZ_EXPLANATION,
                    q.explanation(),
                    theme.heading,
                    rest,
                    lines,
                );
            }
            lines.push(Line::raw(""));
        }
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let outer = block(format!(" {} ", strings::EXAM_RESULTS_TITLE), theme);
        let inner = outer.inner(area);
        outer.render(area, buf);
        let width = usize::from(inner.width);
        let mut lines = Vec::new();
        self.summary(theme, width, &mut lines);
        self.per_module(theme, width, &mut lines);
        self.questions(ctx, width, &mut lines);
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        self.scroll.set_extent(height, inner.height);
        Paragraph::new(lines)
            .scroll((self.scroll.offset(), 0))
            .render(inner, buf);
        self.scroll.draw_percent(area, theme, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(
            wrap_words("un deux trois quatre", 8, 10),
            ["un deux", "trois", "quatre"]
        );
        assert_eq!(wrap_words("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("", 4, 4), [""]);
        assert_eq!(wrap_words("é à", 0, 0), ["é", "à"]);
    }

    #[test]
    fn steps_stop_at_the_ends() {
        assert_eq!(step(0, false, 3), 0);
        assert_eq!(step(2, true, 3), 2);
        assert_eq!(step(1, true, 3), 2);
    }
}
