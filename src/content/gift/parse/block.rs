//! One block's own text, as Moodle reads it: its title, its question text, and between the
//! braces its answers, whose form tells the kind.
//!
//! Every search looks at the block's unescaped marks (`{ } ~ = #`), indexed once, rather
//! than at every byte.

use std::ops::Range;

use super::{
    Accepted, Body, ChoiceAnswer, GRADE_TOLERANCE, GiftError, GiftWarning, Mark, NumericAnswer,
    Problem, ShortAnswer, on_grade_list,
};
use crate::content::gift::text::{
    Format, IMAGE_DROPPED, find, find_pair, formatted, is_escapable, php_number, php_trim, plain,
    split_format, trim_range, unescape,
};

/// What a block holds once read: a question or a description, `body` `None` on an error.
pub(super) struct Item {
    pub(super) title: Option<String>,
    pub(super) stem: String,
    pub(super) general_feedback: Option<String>,
    pub(super) body: Option<Body>,
}

/// One block's logical text, its map to the file, and the problems found.
pub(super) struct Ctx<'a> {
    pub(super) t: &'a str,
    pub(super) segs: &'a [(usize, usize)],
    /// Positions of the unescaped bytes that shape a block (`{ } ~ = #`), found in one pass:
    /// the many searches of a block then look at a few entries rather than at every byte.
    pub(super) marks: &'a [(usize, u8)],
    pub(super) issues: Vec<(Range<usize>, Problem)>,
}

/// The bytes `Ctx::marks` holds.
const fn is_mark(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'~' | b'=' | b'#')
}

/// Fills `marks` with the unescaped marks of `t`, in one pass. This is the hot loop of an
/// import: a byte that is neither a mark nor a backslash is skipped with one table look-up.
pub(super) fn index_marks(t: &[u8], marks: &mut Vec<(usize, u8)>) {
    const PLAIN: u8 = 0;
    const BACKSLASH: u8 = 1;
    const MARK: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut class = [PLAIN; 256];
        class[b'\\' as usize] = BACKSLASH;
        let mut b = u8::MAX;
        loop {
            if is_mark(b) {
                class[b as usize] = MARK;
            }
            if b == 0 {
                break class;
            }
            b -= 1;
        }
    };
    marks.clear();
    let mut i = 0;
    while i < t.len() {
        match CLASS[usize::from(t[i])] {
            PLAIN => i += 1,
            MARK => {
                marks.push((i, t[i]));
                i += 1;
            }
            _ => {
                i += if t.get(i + 1).is_some_and(|&n| is_escapable(n)) {
                    2
                } else {
                    1
                }
            }
        }
    }
}

impl<'a> Ctx<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.t.as_bytes()
    }

    /// The marks within `from..to`.
    fn marks_in(&self, from: usize, to: usize) -> impl Iterator<Item = (usize, u8)> + 'a {
        let start = self.marks.partition_point(|m| m.0 < from);
        self.marks[start..]
            .iter()
            .copied()
            .take_while(move |m| m.0 < to)
    }

    /// Position of the first unescaped `byte` (one of the marks) in `from..to`.
    fn find(&self, from: usize, to: usize, byte: u8) -> Option<usize> {
        self.marks_in(from, to).find(|m| m.1 == byte).map(|m| m.0)
    }

    /// The file offset of a logical offset.
    pub(super) fn src(&self, at: usize) -> usize {
        let k = self.segs.partition_point(|s| s.0 <= at).saturating_sub(1);
        let (logical, file) = self.segs.get(k).copied().unwrap_or((0, 0));
        file + at.saturating_sub(logical)
    }

    fn span(&self, from: usize, to: usize) -> Range<usize> {
        let start = self.src(from);
        start..self.src(to).max(start)
    }

    pub(super) fn error(&mut self, from: usize, to: usize, e: GiftError) {
        let span = self.span(from, to);
        self.issues.push((span, Problem::Error(e)));
    }

    fn warn(&mut self, from: usize, to: usize, w: GiftWarning) {
        let span = self.span(from, to);
        self.issues.push((span, Problem::Warning(w)));
    }

    pub(super) fn has_errors(&self) -> bool {
        self.issues
            .iter()
            .any(|(_, p)| matches!(p, Problem::Error(_)))
    }

    /// A question or a description, from the trimmed logical range `from..to`.
    pub(super) fn item(&mut self, from: usize, to: usize) -> Item {
        let t = self.t;
        let bytes = t.as_bytes();
        let mut rest = from;
        let mut title = None;
        if t[from..to].starts_with("::") {
            if let Some(end) = find_pair(bytes, from + 2, to, *b"::") {
                title = Some(php_trim(&unescape(&t[from + 2..end])).to_owned());
                rest = trim_range(bytes, end + 2, to).0;
            } else {
                self.warn(from, from + 2, GiftWarning::UnclosedTitle);
                rest = trim_range(bytes, from + 2, to).0;
            }
        }
        let open = self.find(rest, to, b'{');
        let close = self.find(rest, to, b'}');
        let (open, close) = match (open, close) {
            (None, None) => {
                let (_, stem) = formatted(&t[rest..to], Format::Moodle);
                if stem.contains(IMAGE_DROPPED) {
                    self.warn(rest, to, GiftWarning::ImageDropped);
                }
                return Item {
                    title,
                    stem,
                    general_feedback: None,
                    body: Some(Body::Description),
                };
            }
            (Some(o), Some(c)) if o < c => (o, c),
            (Some(o), None) => {
                self.error(o, o + 1, GiftError::UnclosedBrace);
                return self.broken(title, rest, o);
            }
            (None, Some(c)) => {
                self.error(c, c + 1, GiftError::UnopenedBrace);
                return self.broken(title, rest, c);
            }
            (Some(_), Some(c)) => {
                self.error(c, c + 1, GiftError::BraceOrder);
                return self.broken(title, rest, c);
            }
        };
        if let Some(stray) = self.find(open + 1, close, b'{') {
            self.warn(stray, stray + 1, GiftWarning::StrayBrace);
        }
        let mut last_close = close;
        let mut warned = false;
        for (i, c) in self.marks_in(close + 1, to) {
            if c == b'{' || c == b'}' {
                if !warned {
                    self.warn(i, i + 1, GiftWarning::StrayBrace);
                    warned = true;
                }
                if c == b'}' {
                    last_close = i;
                }
            }
        }
        // Text after the block makes it the missing-word form: the block becomes a blank.
        let mut stem_raw = String::with_capacity(to - rest + 5);
        stem_raw.push_str(&t[rest..open]);
        if last_close + 1 != to {
            stem_raw.push_str("_____");
        }
        stem_raw.push_str(&t[close + 1..to]);
        let (format, stem) = formatted(&stem_raw, Format::Moodle);
        if stem.contains(IMAGE_DROPPED) {
            self.warn(rest, open, GiftWarning::ImageDropped);
        }
        let (general_feedback, body) = self.answers(open, close, format);
        Item {
            title,
            stem,
            general_feedback,
            body: Some(body).filter(|_| !self.has_errors()),
        }
    }

    /// The general feedback (after `####`) and the answers between the braces at `open` and
    /// `close`, whose form tells the kind.
    fn answers(&mut self, open: usize, close: usize, format: Format) -> (Option<String>, Body) {
        let bytes = self.bytes();
        let (ia, ib) = trim_range(bytes, open + 1, close);
        let (answers_end, general_feedback) = match last_hashes(self.marks_in(ia, ib)) {
            Some(g) => {
                let (_, feedback) = formatted(&self.t[g + 4..ib], format);
                (g, Some(feedback).filter(|f| !f.is_empty()))
            }
            None => (ib, None),
        };
        let (aa, ab) = trim_range(bytes, ia, answers_end);
        let body = if aa == ab {
            Body::Essay
        } else if bytes[aa] == b'#' {
            self.numeric(aa + 1, ab, format, open)
        } else if self.find(aa, ab, b'~').is_some() {
            self.choice(aa, ab, format, open)
        } else if self.find(aa, ab, b'=').is_some() && find_pair(bytes, aa, ab, *b"->").is_some() {
            self.matching(aa, ab, format, open)
        } else if let Some(answer) = self.true_false_answer(aa, ab) {
            self.true_false(aa, ab, answer, format)
        } else {
            self.short(aa, ab, format, open)
        };
        (general_feedback, body)
    }

    /// A block whose answers cannot be found: its text up to the brace, kept so that the
    /// block still has a name.
    fn broken(&self, title: Option<String>, from: usize, to: usize) -> Item {
        let (_, stem) = formatted(&self.t[from..to.max(from)], Format::Moodle);
        Item {
            title,
            stem,
            general_feedback: None,
            body: None,
        }
    }

    /// Splits `from..to` at each unescaped byte of `marks`: the part before the first mark
    /// (with no mark), then each mark's part.
    fn parts(&self, from: usize, to: usize, marks: &[u8]) -> Vec<(Option<u8>, usize, usize)> {
        let mut out = Vec::new();
        let mut start = from;
        let mut mark = None;
        for (i, c) in self.marks_in(from, to) {
            if marks.contains(&c) {
                out.push((mark, start, i));
                mark = Some(c);
                start = i + 1;
            }
        }
        out.push((mark, start, to));
        out
    }

    /// `%n%` at `at`, as Moodle's pattern `^%-*[0-9]{1,2}\.?[0-9]*%` reads it: the weight,
    /// and where the text after it starts.
    fn weight(&mut self, at: usize, to: usize) -> Option<(f64, usize)> {
        let b = self.bytes();
        if b.get(at) != Some(&b'%') {
            return None;
        }
        let mut i = at + 1;
        let mut negative = false;
        while i < to && b[i] == b'-' {
            negative = true;
            i += 1;
        }
        let digits_start = i;
        let lead = b[i..to]
            .iter()
            .take(2)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if lead == 0 {
            return None;
        }
        i += lead;
        if i < to && b[i] == b'.' {
            i += 1;
        }
        i += b[i..to].iter().take_while(|c| c.is_ascii_digit()).count();
        if i >= to || b[i] != b'%' {
            return None;
        }
        let magnitude: f64 = self.t[digits_start..i].parse().ok()?;
        let weight = if negative { -magnitude } else { magnitude };
        if on_grade_list(weight).is_none() {
            let shown = self.t[at + 1..i].to_owned();
            self.error(at, i + 1, GiftError::WeightOffList(shown));
        }
        Some((weight, i + 1))
    }

    /// The answer of a true/false block, if it is one: the text before the first `#` is
    /// exactly `T`, `TRUE`, `F` or `FALSE`.
    fn true_false_answer(&self, aa: usize, ab: usize) -> Option<bool> {
        let check = match self.find(aa, ab, b'#') {
            Some(h) if h > aa => php_trim(&self.t[aa..h]),
            _ => &self.t[aa..ab],
        };
        match check {
            "T" | "TRUE" => Some(true),
            "F" | "FALSE" => Some(false),
            _ => None,
        }
    }

    fn true_false(&mut self, aa: usize, ab: usize, answer: bool, format: Format) -> Body {
        let feedback = |from: usize, to: usize| {
            let (_, f) = formatted(&self.t[from..to], format);
            Some(f).filter(|f| !f.is_empty())
        };
        let (wrong, right) = match self.find(aa, ab, b'#') {
            None => (None, None),
            Some(h1) => match self.find(h1 + 1, ab, b'#') {
                None => (feedback(h1 + 1, ab), None),
                Some(h2) => (feedback(h1 + 1, h2), feedback(h2 + 1, ab)),
            },
        };
        Body::TrueFalse {
            answer,
            wrong,
            right,
        }
    }

    /// The answer text and feedback of a part `from..to`, split at its first `#`.
    fn split_feedback(&self, from: usize, to: usize, format: Format) -> (usize, Option<String>) {
        match self.find(from, to, b'#') {
            Some(h) => {
                let (_, f) = formatted(&self.t[h + 1..to], format);
                (h, Some(f).filter(|f| !f.is_empty()))
            }
            None => (to, None),
        }
    }

    fn choice(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Body {
        let single = self.find(aa, ab, b'=').is_some();
        let mut answers = Vec::new();
        for (mark, from, to) in self.parts(aa, ab, b"~=") {
            let (pa, pb) = trim_range(self.bytes(), from, to);
            if pa == pb {
                if mark.is_some() {
                    self.warn(from - 1, from, GiftWarning::EmptyAnswer);
                }
                continue;
            }
            let (mark, text_start) = if mark == Some(b'=') {
                (Mark::Equals, pa)
            } else {
                match self.weight(pa, pb) {
                    Some((w, after)) => (Mark::Percent(w), after),
                    None => (Mark::Bare, pa),
                }
            };
            let (text_end, feedback) = self.split_feedback(text_start, pb, format);
            let (_, text) = formatted(&self.t[text_start..text_end], format);
            if text.is_empty() {
                self.warn(pa, pb, GiftWarning::EmptyAnswer);
                continue;
            }
            answers.push(ChoiceAnswer {
                text,
                feedback,
                mark,
            });
        }
        if answers.len() < 2 {
            self.error(open, open + 1, GiftError::TooFewChoices(answers.len()));
        } else if !single
            && !answers
                .iter()
                .any(|a| matches!(a.mark, Mark::Percent(w) if w > 0.0))
        {
            self.error(open, open + 1, GiftError::NoRightChoice);
        }
        Body::Choice { single, answers }
    }

    fn short(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Body {
        let mut answers = Vec::new();
        for (mark, from, to) in self.parts(aa, ab, b"=") {
            let (pa, pb) = trim_range(self.bytes(), from, to);
            if pa == pb {
                if mark.is_some() {
                    self.warn(from - 1, from, GiftWarning::EmptyAnswer);
                }
                continue;
            }
            let (weight, text_start) = match self.weight(pa, pb) {
                Some((w, after)) => (Some(w), after),
                None => (None, pa),
            };
            let (text_end, feedback) = self.split_feedback(text_start, pb, format);
            let text = plain(&self.t[text_start..text_end]);
            if text.is_empty() {
                self.warn(pa, pb, GiftWarning::EmptyAnswer);
                continue;
            }
            if text.contains('*') {
                self.warn(pa, pb, GiftWarning::Wildcard);
            }
            answers.push(ShortAnswer {
                text,
                feedback,
                weight,
            });
        }
        if answers.is_empty() {
            self.error(open, open + 1, GiftError::NoShortAnswer);
        } else if !answers
            .iter()
            .any(|a| a.weight.unwrap_or(100.0) >= 100.0 - GRADE_TOLERANCE)
        {
            self.error(open, open + 1, GiftError::NoFullMark);
        }
        Body::Short(answers)
    }

    fn numeric(&mut self, from: usize, ab: usize, format: Format, open: usize) -> Body {
        let (na, nb) = trim_range(self.bytes(), from, ab);
        let (content_end, other) = match self.find(na, nb, b'~') {
            Some(tilde) => {
                let (_, feedback) = self.split_feedback(tilde + 1, nb, format);
                (tilde, feedback)
            }
            None => (nb, None),
        };
        let mut answers = Vec::new();
        for (_, from, to) in self.parts(na, content_end, b"=") {
            let (pa, pb) = trim_range(self.bytes(), from, to);
            if pa == pb {
                continue;
            }
            let (weight, value_start) = match self.weight(pa, pb) {
                Some((w, after)) => (Some(w), after),
                None => (None, pa),
            };
            let (value_end, feedback) = self.split_feedback(value_start, pb, format);
            let (mut va, vb) = trim_range(self.bytes(), value_start, value_end);
            if let (Some(_), rest) = split_format(&self.t[va..vb]) {
                va = vb - rest.len();
            }
            if let Some(accepted) = self.accepted(va, vb) {
                answers.push(NumericAnswer {
                    accepted,
                    weight,
                    feedback,
                });
            }
        }
        if answers.is_empty() && !self.has_errors() {
            self.error(open, open + 1, GiftError::NoNumericAnswer);
        }
        Body::Numeric { answers, other }
    }

    /// `min..max`, `value:tolerance` or `value`, each part a number.
    fn accepted(&mut self, va: usize, vb: usize) -> Option<Accepted> {
        let bytes = self.bytes();
        if let Some(dots) = find_pair(bytes, va, vb, *b"..").filter(|&p| p > va) {
            let min = self.number(va, dots, "le minimum");
            let max = self.number(dots + 2, vb, "le maximum");
            let (min, max) = (min?, max?);
            return Some(Accepted::Range {
                min: min.min(max),
                max: min.max(max),
            });
        }
        if let Some(colon) = find(bytes, va, vb, b':').filter(|&p| p > va) {
            let value = self.number(va, colon, "la valeur");
            let tolerance = self.number(colon + 1, vb, "la tolérance");
            return Some(Accepted::Value {
                value: value?,
                tolerance: Some(tolerance?.abs()),
            });
        }
        Some(Accepted::Value {
            value: self.number(va, vb, "la valeur")?,
            tolerance: None,
        })
    }

    fn number(&mut self, from: usize, to: usize, what: &'static str) -> Option<f64> {
        let (a, b) = trim_range(self.bytes(), from, to);
        let text = unescape(&self.t[a..b]).into_owned();
        let n = php_number(&text);
        if n.is_none() {
            let (a, b) = if a == b { (from, to) } else { (a, b) };
            self.error(a, b, GiftError::NotANumber { what, text });
        }
        n
    }

    fn matching(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Body {
        let mut pairs = Vec::new();
        let mut distractors = Vec::new();
        for (mark, from, to) in self.parts(aa, ab, b"=") {
            let (pa, pb) = trim_range(self.bytes(), from, to);
            if pa == pb {
                if mark.is_some() {
                    self.warn(from - 1, from, GiftWarning::EmptyAnswer);
                }
                continue;
            }
            let Some(arrow) = find_pair(self.bytes(), pa, pb, *b"->") else {
                self.error(pa, pb, GiftError::PairWithoutArrow);
                continue;
            };
            let (_, left) = formatted(&self.t[pa..arrow], format);
            let right = php_trim(&unescape(&self.t[arrow + 2..pb])).to_owned();
            match (left.is_empty(), right.is_empty()) {
                (true, true) => self.warn(pa, pb, GiftWarning::EmptyAnswer),
                (true, false) => distractors.push(right),
                (false, _) => pairs.push((left, right)),
            }
        }
        if pairs.len() < 2 {
            self.error(open, open + 1, GiftError::TooFewPairs(pairs.len()));
        }
        Body::Match { pairs, distractors }
    }
}

/// Start of the last run of four unescaped `#` among `marks`.
fn last_hashes(marks: impl Iterator<Item = (usize, u8)>) -> Option<usize> {
    let mut found = None;
    let mut run = 0;
    let mut previous = None;
    for (i, c) in marks {
        if c != b'#' {
            run = 0;
            continue;
        }
        run = if previous.is_some_and(|p| p + 1 == i) && run > 0 {
            run + 1
        } else {
            1
        };
        previous = Some(i);
        if run >= 4 {
            found = Some(i - 3);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_skip_escapes() {
        let mut marks = Vec::new();
        index_marks(br"a\{b{c\\}d\~~\", &mut marks);
        assert_eq!(marks, [(4, b'{'), (8, b'}'), (12, b'~')]);
    }

    #[test]
    fn hashes_run() {
        let hashes = |t: &[u8]| {
            let mut marks = Vec::new();
            index_marks(t, &mut marks);
            last_hashes(marks.into_iter())
        };
        assert_eq!(hashes(b"a####b####c"), Some(6));
        assert_eq!(hashes(b"a#####b"), Some(2));
        assert_eq!(hashes(br"a##\###b"), None);
        assert_eq!(hashes(b"a##=##b"), None);
        assert_eq!(hashes(b"###"), None);
    }
}
