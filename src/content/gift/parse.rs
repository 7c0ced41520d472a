//! Reading a GIFT file as Moodle does: lines, blocks, then each block's parts and kind.
//!
//! Moodle works on a copy of each block whose comment lines are blanked, lines trimmed and
//! joined. This reader does the same on a « logical » text per block, and keeps, for each of
//! its lines, where it came from in the file, so that every problem points at its byte.

use std::ops::Range;

use super::text::{
    Format, find, find_pair, formatted, is_escapable, php_number, php_trim, plain, split_format,
    trim_range, unescape,
};

/// Moodle's grade list, in percent. A weight must be within 0.00001 of one of them as a
/// fraction (0.001 in percent), or of its opposite.
pub(super) const GRADES: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// How close (in percent) a weight must be to a grade of the list.
pub(super) const GRADE_TOLERANCE: f64 = 0.001;

/// The grade of Moodle's list that `weight` stands for, if any.
pub(super) fn on_grade_list(weight: f64) -> Option<f64> {
    GRADES
        .iter()
        .map(|g| g.copysign(weight))
        .find(|g| (weight - g).abs() < GRADE_TOLERANCE)
}

/// Why Moodle refuses a file, in French, with the help conseil adds.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(super) enum GiftError {
    #[error("accolade « {{ » sans accolade fermante « }} » : Moodle ne trouve pas les réponses")]
    UnclosedBrace,
    #[error("accolade « }} » sans accolade ouvrante « {{ » : Moodle ne trouve pas les réponses")]
    UnopenedBrace,
    #[error("accolade fermante « }} » avant l’accolade ouvrante « {{ »")]
    BraceOrder,
    #[error("pas assez de réponses pour une question à choix : il en faut au moins 2 (ici {0})")]
    TooFewChoices(usize),
    #[error("pas assez de paires pour un appariement : il en faut au moins 2 (ici {0})")]
    TooFewPairs(usize),
    #[error("réponse courte sans aucune réponse acceptée")]
    NoShortAnswer,
    #[error(
        "aucune réponse ne vaut 100 % : Moodle exige qu’une réponse courte donne la note maximale"
    )]
    NoFullMark,
    #[error("aucun choix n’est juste : toutes les réponses valent 0 % ou moins")]
    NoRightChoice,
    #[error("poids de {0} % refusé par Moodle : il n’est pas dans sa liste de notes")]
    WeightOffList(String),
    #[error("paire d’appariement sans « -> » entre l’élément et sa réponse")]
    PairWithoutArrow,
    #[error("{what} « {text} » n’est pas un nombre : Moodle n’accepte que des réponses numériques")]
    NotANumber { what: &'static str, text: String },
    #[error("question numérique sans réponse : Moodle exige au moins une valeur")]
    NoNumericAnswer,
    #[error(
        "« $CATEGORY: » doit être seul dans son bloc : la suite serait lue comme le nom de la catégorie"
    )]
    CategoryNotAlone,
    #[error("identifiant [id:{id}] déjà donné ligne {line}")]
    DuplicateId { id: String, line: usize },
}

impl GiftError {
    pub(super) fn help(&self) -> &'static str {
        match self {
            GiftError::UnclosedBrace | GiftError::UnopenedBrace | GiftError::BraceOrder => {
                "les réponses s’écrivent entre accolades, Énoncé{=juste ~fausse} ; une accolade du texte s’écrit \\{ ou \\}"
            }
            GiftError::TooFewChoices(_) => "ajoutez des réponses : =juste ~fausse ~fausse",
            GiftError::TooFewPairs(_) => "écrivez au moins deux paires : =élément -> réponse",
            GiftError::NoShortAnswer => {
                "écrivez les réponses acceptées : {=réponse =autre réponse}"
            }
            GiftError::NoFullMark => {
                "écrivez au moins une réponse sans poids (=réponse) ou avec le poids %100%"
            }
            GiftError::NoRightChoice => {
                "marquez la bonne réponse par =, ou donnez un poids positif aux cases justes : ~%50%réponse"
            }
            GiftError::WeightOffList(_) => {
                "poids possibles : 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 et 0, ou leur opposé"
            }
            GiftError::PairWithoutArrow => "écrivez chaque paire ainsi : =élément -> réponse",
            GiftError::NotANumber { .. } => {
                "écrivez {#valeur}, {#valeur:tolérance} ou {#min..max}, avec un point décimal (1.5, pas 1,5)"
            }
            GiftError::NoNumericAnswer => "écrivez {#valeur}, {#valeur:tolérance} ou {#min..max}",
            GiftError::CategoryNotAlone => "laissez une ligne vide après la ligne « $CATEGORY: »",
            GiftError::DuplicateId { .. } => {
                "chaque question garde son propre identifiant : la progression est rangée par identifiant"
            }
        }
    }
}

/// What Moodle reads without complaint but is most likely a slip, or that conseil reads
/// differently.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(super) enum GiftWarning {
    #[error("titre sans « :: » fermant : Moodle lit ce bloc sans titre")]
    UnclosedTitle,
    #[error("réponse vide ignorée (Moodle l’ignore aussi)")]
    EmptyAnswer,
    #[error(
        "le joker « * » de Moodle n’est pas reconnu par conseil : la réponse sera comparée telle quelle"
    )]
    Wildcard,
    #[error("accolade non échappée hors du bloc de réponses : elle reste dans le texte")]
    StrayBrace,
    #[error("espaces remplacés par des tirets dans l’identifiant [id:{0}]")]
    IdWithSpaces(String),
}

impl GiftWarning {
    pub(super) fn help(&self) -> Option<&'static str> {
        match self {
            GiftWarning::StrayBrace => Some(
                "une question n’a qu’un bloc de réponses ; une accolade du texte s’écrit \\{ ou \\}",
            ),
            GiftWarning::UnclosedTitle => Some("un titre s’écrit ::Titre:: avant l’énoncé"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Problem {
    Error(GiftError),
    Warning(GiftWarning),
}

/// A problem at a byte range of the file, and the block it belongs to (`None`: the file).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Issue {
    pub span: Range<usize>,
    pub problem: Problem,
    pub block: Option<usize>,
}

/// How a choice was marked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    /// `=`: right, 100 %.
    Equals,
    /// `~%n%`: n %.
    Percent(f64),
    /// `~` alone: 0 %.
    Bare,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct ChoiceAnswer {
    pub text: String,
    pub feedback: Option<String>,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct ShortAnswer {
    pub text: String,
    pub feedback: Option<String>,
    /// `%n%`, or `None` for the default 100 %.
    pub weight: Option<f64>,
}

/// The accepted numbers of a numerical answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Accepted {
    Value { value: f64, tolerance: Option<f64> },
    Range { min: f64, max: f64 },
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct NumericAnswer {
    pub accepted: Accepted,
    pub weight: Option<f64>,
    pub feedback: Option<String>,
}

/// What a block holds, by kind.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Body {
    Description,
    Essay,
    Choice {
        /// An `=` in the block: one answer (radio buttons); none: check boxes.
        single: bool,
        answers: Vec<ChoiceAnswer>,
    },
    TrueFalse {
        answer: bool,
        /// Shown when the learner gave the wrong answer, then the right one.
        wrong: Option<String>,
        right: Option<String>,
    },
    Short(Vec<ShortAnswer>),
    Numeric {
        answers: Vec<NumericAnswer>,
        /// The catch-all `~#…`: feedback for any other answer.
        other: Option<String>,
    },
    Match {
        pairs: Vec<(String, String)>,
        distractors: Vec<String>,
    },
}

/// A question or description block.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Block {
    /// Where the block's text starts, after its comments: errors about the whole question
    /// point there.
    pub start: usize,
    /// Every line of the block, comments included.
    pub full: Range<usize>,
    pub title: Option<String>,
    /// The question text (with `_____` in the missing-word form), or the description.
    pub stem: String,
    pub general_feedback: Option<String>,
    /// `[id:…]` of the block's comments, and where it stands.
    pub id: Option<(String, Range<usize>)>,
    /// `[tag:…]` of the block's comments.
    pub tags: Vec<String>,
    /// The `$CATEGORY:` in force, as a label.
    pub category: Option<String>,
    /// `None` when the block has an error.
    pub body: Option<Body>,
}

/// A whole file, read.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub blocks: Vec<Block>,
    /// The label of the file's first `$CATEGORY:`.
    pub first_category: Option<String>,
    /// `[fictive_ok:…]` of any comment: values the personal-data lint lets through.
    pub fictive_ok: Vec<String>,
    pub issues: Vec<Issue>,
}

#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    comment: bool,
}

/// Reads a GIFT text whose line breaks are `\n` (a CR-only file must be turned into that
/// first; CRLF is fine, the CR is trimmed). Never panics.
pub(super) fn parse(src: &str) -> Parsed {
    let mut reader = Reader::default();
    let mut lines: Vec<Line> = Vec::new();
    let mut pos = 0;
    for raw in src.split('\n') {
        let (start, end) = trim_range(src.as_bytes(), pos, pos + raw.len());
        pos += raw.len() + 1;
        if start == end {
            reader.block(src, &lines);
            lines.clear();
        } else {
            lines.push(Line {
                start,
                end,
                comment: src[start..end].starts_with("//"),
            });
        }
    }
    reader.block(src, &lines);
    reader.parsed
}

#[derive(Default)]
struct Reader {
    parsed: Parsed,
    category: Option<String>,
    /// The logical text of the current block, and its map to the file: (logical offset,
    /// file offset) at the start of each line and of each joining line break.
    text: String,
    segs: Vec<(usize, usize)>,
    /// The block's unescaped `{ } ~ = #`, in order (see `Ctx::marks`).
    marks: Vec<(usize, u8)>,
}

impl Reader {
    fn block(&mut self, src: &str, lines: &[Line]) {
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            return;
        };
        let mut id = None;
        let mut tags = Vec::new();
        for line in lines.iter().filter(|l| l.comment) {
            let comment = &src[line.start..line.end];
            if !comment.contains('[') {
                continue;
            }
            self.parsed.fictive_ok.extend(
                tokens(comment, "[fictive_ok:", |_| false)
                    .into_iter()
                    .map(|(v, _)| v),
            );
            if id.is_none() {
                id = tokens(comment, "[id:", |c| c == '[')
                    .into_iter()
                    .next()
                    .map(|(v, r)| (v, line.start + r.start..line.start + r.end));
            }
            tags.extend(
                tokens(comment, "[tag:", |c| c == '<' || c == '>')
                    .into_iter()
                    .map(|(v, _)| v),
            );
        }
        self.text.clear();
        self.segs.clear();
        let mut previous_end = first.start;
        for line in lines {
            if !self.segs.is_empty() {
                self.segs.push((self.text.len(), previous_end));
                self.text.push('\n');
            }
            self.segs.push((self.text.len(), line.start));
            // Moodle blanks a comment line rather than removing it.
            self.text.push_str(if line.comment {
                " "
            } else {
                &src[line.start..line.end]
            });
            previous_end = line.end;
        }
        index_marks(self.text.as_bytes(), &mut self.marks);
        let mut ctx = Ctx {
            t: &self.text,
            segs: &self.segs,
            marks: &self.marks,
            issues: Vec::new(),
        };
        let (a, b) = trim_range(ctx.t.as_bytes(), 0, ctx.t.len());
        if a == b {
            // Comments only: nothing for Moodle either.
            return;
        }
        let index = self.parsed.blocks.len();
        if let Some(rest) = ctx.t[a..b].strip_prefix("$CATEGORY:") {
            let (na, nb) = trim_range(ctx.t.as_bytes(), b - rest.len(), b);
            let name = &ctx.t[na..nb];
            let name = match name.find('\n') {
                Some(nl) => {
                    ctx.error(na + nl + 1, nb, GiftError::CategoryNotAlone);
                    php_trim(&name[..nl])
                }
                None => name,
            };
            self.category = category_label(name);
            if self.parsed.first_category.is_none() {
                self.parsed.first_category.clone_from(&self.category);
            }
            let issues = std::mem::take(&mut ctx.issues);
            self.parsed
                .issues
                .extend(issues.into_iter().map(|(span, problem)| Issue {
                    span,
                    problem,
                    block: None,
                }));
            return;
        }
        let item = ctx.item(a, b);
        let issues = std::mem::take(&mut ctx.issues);
        let failed = issues.iter().any(|(_, p)| matches!(p, Problem::Error(_)));
        self.parsed
            .issues
            .extend(issues.into_iter().map(|(span, problem)| Issue {
                span,
                problem,
                block: Some(index),
            }));
        self.parsed.blocks.push(Block {
            start: ctx.src(a),
            full: first.start..last.end,
            title: item.title,
            stem: item.stem,
            general_feedback: item.general_feedback,
            id,
            tags,
            category: self.category.clone(),
            body: item.body.filter(|_| !failed),
        });
    }
}

/// The values of the `[name…]` tokens of a comment line, with their byte ranges. `\]` stands
/// for `]`; a control character or a `forbidden` one ends the token without a match, as in
/// Moodle's pattern.
fn tokens(line: &str, name: &str, forbidden: impl Fn(char) -> bool) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    // Searching for `[` alone is a fast byte search; most comments hold no token at all.
    while let Some(p) = line[from..].find('[') {
        let start = from + p;
        if !line[start..].starts_with(name) {
            from = start + 1;
            continue;
        }
        let value_start = start + name.len();
        let rest = &line[value_start..];
        let mut value = String::new();
        let mut end = None;
        let mut chars = rest.char_indices();
        while let Some((k, c)) = chars.next() {
            if c == '\\' && rest[k + 1..].starts_with(']') {
                value.push(']');
                chars.next();
            } else if c == ']' {
                end = Some(value_start + k + 1);
                break;
            } else if c.is_control() || forbidden(c) {
                break;
            } else {
                value.push(c);
            }
        }
        let value = php_trim(&value);
        match end {
            Some(end) if !value.is_empty() => {
                out.push((value.to_owned(), start..end));
                from = end;
            }
            _ => from = value_start,
        }
    }
    out
}

/// A category path as a label: `/` separates levels (`//` is a slash), and Moodle's context
/// (`$course$`) and `top` levels are dropped.
pub(super) fn category_label(path: &str) -> Option<String> {
    let mut levels = Vec::new();
    let mut current = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' {
            if chars.peek() == Some(&'/') {
                chars.next();
                current.push('/');
            } else {
                levels.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    levels.push(current);
    let levels: Vec<&str> = levels
        .iter()
        .map(|l| php_trim(l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut skip = 0;
    if levels
        .first()
        .is_some_and(|l| l.len() > 1 && l.starts_with('$') && l.ends_with('$'))
    {
        skip = 1;
    }
    if levels.get(skip) == Some(&"top") {
        skip += 1;
    }
    let label = levels.get(skip..).unwrap_or_default().join(" / ");
    (!label.is_empty()).then_some(label)
}

struct Item {
    title: Option<String>,
    stem: String,
    general_feedback: Option<String>,
    body: Option<Body>,
}

/// One block's logical text, its map to the file, and the problems found.
struct Ctx<'a> {
    t: &'a str,
    segs: &'a [(usize, usize)],
    /// Positions of the unescaped bytes that shape a block (`{ } ~ = #`), found in one pass:
    /// the many searches of a block then look at a few entries rather than at every byte.
    marks: &'a [(usize, u8)],
    issues: Vec<(Range<usize>, Problem)>,
}

/// The bytes `Ctx::marks` holds.
const fn is_mark(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'~' | b'=' | b'#')
}

/// Fills `marks` with the unescaped marks of `t`, in one pass. This is the hot loop of an
/// import: a byte that is neither a mark nor a backslash is skipped with one table look-up.
fn index_marks(t: &[u8], marks: &mut Vec<(usize, u8)>) {
    const PLAIN: u8 = 0;
    const BACKSLASH: u8 = 1;
    const MARK: u8 = 2;
    const CLASS: [u8; 256] = {
        let mut class = [PLAIN; 256];
        class[b'\\' as usize] = BACKSLASH;
        let mut i = 0;
        while i < 256 {
            if is_mark(i as u8) {
                class[i] = MARK;
            }
            i += 1;
        }
        class
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
    fn src(&self, at: usize) -> usize {
        let k = self.segs.partition_point(|s| s.0 <= at).saturating_sub(1);
        let (logical, file) = self.segs.get(k).copied().unwrap_or((0, 0));
        file + at.saturating_sub(logical)
    }

    fn span(&self, from: usize, to: usize) -> Range<usize> {
        let start = self.src(from);
        start..self.src(to).max(start)
    }

    fn error(&mut self, from: usize, to: usize, e: GiftError) {
        let span = self.span(from, to);
        self.issues.push((span, Problem::Error(e)));
    }

    fn warn(&mut self, from: usize, to: usize, w: GiftWarning) {
        let span = self.span(from, to);
        self.issues.push((span, Problem::Warning(w)));
    }

    fn has_errors(&self) -> bool {
        self.issues
            .iter()
            .any(|(_, p)| matches!(p, Problem::Error(_)))
    }

    /// A question or a description, from the trimmed logical range `a..b`.
    fn item(&mut self, a: usize, b: usize) -> Item {
        let t = self.t;
        let bytes = t.as_bytes();
        let mut rest = a;
        let mut title = None;
        if t[a..b].starts_with("::") {
            if let Some(end) = find_pair(bytes, a + 2, b, *b"::") {
                title = Some(php_trim(&unescape(&t[a + 2..end])).to_owned());
                rest = trim_range(bytes, end + 2, b).0;
            } else {
                self.warn(a, a + 2, GiftWarning::UnclosedTitle);
                rest = trim_range(bytes, a + 2, b).0;
            }
        }
        let open = self.find(rest, b, b'{');
        let close = self.find(rest, b, b'}');
        let (open, close) = match (open, close) {
            (None, None) => {
                let (_, stem) = formatted(&t[rest..b], Format::Moodle);
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
        for (i, c) in self.marks_in(close + 1, b) {
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
        let mut stem_raw = String::with_capacity(b - rest + 5);
        stem_raw.push_str(&t[rest..open]);
        if last_close + 1 != b {
            stem_raw.push_str("_____");
        }
        stem_raw.push_str(&t[close + 1..b]);
        let (format, stem) = formatted(&stem_raw, Format::Moodle);

        let (ia, ib) = trim_range(bytes, open + 1, close);
        let (answers_end, general_feedback) = match last_hashes(self.marks_in(ia, ib)) {
            Some(g) => {
                let (_, feedback) = formatted(&t[g + 4..ib], format);
                (g, Some(feedback).filter(|f| !f.is_empty()))
            }
            None => (ib, None),
        };
        let (aa, ab) = trim_range(bytes, ia, answers_end);
        let body = if aa == ab {
            Some(Body::Essay)
        } else if bytes[aa] == b'#' {
            self.numeric(aa + 1, ab, format, open)
        } else if self.find(aa, ab, b'~').is_some() {
            self.choice(aa, ab, format, open)
        } else if self.find(aa, ab, b'=').is_some() && find_pair(bytes, aa, ab, *b"->").is_some() {
            self.matching(aa, ab, format, open)
        } else if let Some(answer) = self.true_false_answer(aa, ab) {
            Some(self.true_false(aa, ab, answer, format))
        } else {
            self.short(aa, ab, format, open)
        };
        Item {
            title,
            stem,
            general_feedback,
            body: body.filter(|_| !self.has_errors()),
        }
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

    fn choice(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Option<Body> {
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
        Some(Body::Choice { single, answers })
    }

    fn short(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Option<Body> {
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
        Some(Body::Short(answers))
    }

    fn numeric(&mut self, from: usize, ab: usize, format: Format, open: usize) -> Option<Body> {
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
        Some(Body::Numeric { answers, other })
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

    fn matching(&mut self, aa: usize, ab: usize, format: Format, open: usize) -> Option<Body> {
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
        Some(Body::Match { pairs, distractors })
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

    fn one(src: &str) -> Block {
        let parsed = parse(src);
        assert_eq!(parsed.blocks.len(), 1, "{:?}", parsed.issues);
        parsed.blocks.into_iter().next().expect("one block")
    }

    #[test]
    fn grade_list() {
        assert_eq!(on_grade_list(83.3333), Some(83.33333));
        assert_eq!(on_grade_list(-50.0), Some(-50.0));
        assert_eq!(on_grade_list(33.3), None);
        assert_eq!(on_grade_list(150.0), None);
        assert_eq!(on_grade_list(0.0), Some(0.0));
    }

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

    #[test]
    fn comment_tokens() {
        let found = tokens(r"// [id:a\]b] [tag:x] [tag:<no>] [tag: y ]", "[tag:", |c| {
            c == '<' || c == '>'
        });
        let values: Vec<&str> = found.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(values, ["x", "y"]);
        let id = tokens(r"// [id:a\]b]", "[id:", |c| c == '[');
        assert_eq!(id[0].0, "a]b");
        assert_eq!(id[0].1, 3..12);
        assert!(tokens("// [id:]", "[id:", |_| false).is_empty());
    }

    #[test]
    fn categories() {
        assert_eq!(
            category_label("$course$/top/Secret médical/Peines").as_deref(),
            Some("Secret médical / Peines")
        );
        assert_eq!(category_label("a//b").as_deref(), Some("a/b"));
        assert_eq!(category_label("$course$/top"), None);
    }

    #[test]
    fn general_feedback_and_kinds() {
        let b = one("::T::Q ?{####Pourquoi.}");
        assert_eq!(b.title.as_deref(), Some("T"));
        assert_eq!(b.body, Some(Body::Essay));
        assert_eq!(b.general_feedback.as_deref(), Some("Pourquoi."));
        let b = one("Q{T#faux#vrai####général}");
        assert_eq!(
            b.body,
            Some(Body::TrueFalse {
                answer: true,
                wrong: Some("faux".into()),
                right: Some("vrai".into())
            })
        );
        let b = one("Q{TRUE}");
        assert!(matches!(b.body, Some(Body::TrueFalse { answer: true, .. })));
        // `t` is not true/false: the check is case-sensitive.
        assert!(matches!(one("Q{t}").body, Some(Body::Short(_))));
    }

    #[test]
    fn missing_word_and_positions() {
        let b = one("Le médecin {=conseil ~traitant} rend un avis.");
        assert_eq!(b.stem, "Le médecin _____ rend un avis.");
        let parsed = parse("// c\n::T::Q{=a ~b\n");
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].span, 11..12);
    }
}
