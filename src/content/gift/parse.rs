//! Reading a GIFT file as Moodle does: lines, blocks, then each block's parts and kind.
//!
//! Moodle works on a copy of each block whose comment lines are blanked, lines trimmed and
//! joined. This reader does the same on a « logical » text per block, and keeps, for each of
//! its lines, where it came from in the file, so that every problem points at its byte. Here
//! the file is cut into blocks, comments and categories; `block` reads each block's own parts.

mod block;

use std::ops::Range;

use self::block::{Ctx, index_marks};
use super::text::{php_trim, trim_range};
use crate::content::code::Code;

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
    pub(super) fn code(&self) -> Code {
        match self {
            GiftError::UnclosedBrace => Code::GiftUnclosedBrace,
            GiftError::UnopenedBrace => Code::GiftUnopenedBrace,
            GiftError::BraceOrder => Code::GiftBraceOrder,
            GiftError::TooFewChoices(_) => Code::TooFewChoices,
            GiftError::TooFewPairs(_) => Code::TooFewPairs,
            GiftError::NoShortAnswer => Code::NoAcceptedAnswer,
            GiftError::NoFullMark => Code::NoFullMark,
            GiftError::NoRightChoice => Code::NoKey,
            GiftError::WeightOffList(_) => Code::GiftWeightOffList,
            GiftError::PairWithoutArrow => Code::GiftPairWithoutArrow,
            GiftError::NotANumber { .. } => Code::GiftNotANumber,
            GiftError::NoNumericAnswer => Code::NoNumericAnswer,
            GiftError::CategoryNotAlone => Code::GiftCategoryNotAlone,
            GiftError::DuplicateId { .. } => Code::DuplicateQuestionId,
        }
    }

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
    #[error("image non reprise : conseil n’affiche pas les images ; la question le dit à sa place")]
    ImageDropped,
}

impl GiftWarning {
    pub(super) fn code(&self) -> Code {
        match self {
            GiftWarning::UnclosedTitle => Code::GiftUnclosedTitle,
            GiftWarning::EmptyAnswer => Code::GiftEmptyAnswer,
            GiftWarning::Wildcard => Code::GiftWildcard,
            GiftWarning::StrayBrace => Code::GiftStrayBrace,
            GiftWarning::IdWithSpaces(_) => Code::GiftIdWithSpaces,
            GiftWarning::ImageDropped => Code::GiftImage,
        }
    }

    pub(super) fn help(&self) -> Option<&'static str> {
        match self {
            GiftWarning::StrayBrace => Some(
                "une question n’a qu’un bloc de réponses ; une accolade du texte s’écrit \\{ ou \\}",
            ),
            GiftWarning::UnclosedTitle => Some("un titre s’écrit ::Titre:: avant l’énoncé"),
            GiftWarning::ImageDropped => Some(
                "décrivez l’image dans le texte si la question en a besoin, ou retirez la question",
            ),
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
        let (id, tags) = self.comments(src, lines);
        self.join(src, lines);
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
        if let Some(rest) = ctx.t[a..b].strip_prefix("$CATEGORY:") {
            let name = category_name(&mut ctx, b - rest.len(), b);
            self.category = category_label(name);
            if self.parsed.first_category.is_none() {
                self.parsed.first_category.clone_from(&self.category);
            }
            self.parsed.issues.extend(issues(&mut ctx, None));
            return;
        }
        let index = self.parsed.blocks.len();
        let item = ctx.item(a, b);
        let failed = ctx.has_errors();
        let start = ctx.src(a);
        self.parsed.issues.extend(issues(&mut ctx, Some(index)));
        self.parsed.blocks.push(Block {
            start,
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

    /// The `[id:…]` (the first one) and `[tag:…]` of the block's comment lines; their
    /// `[fictive_ok:…]` go to the whole file's list.
    fn comments(
        &mut self,
        src: &str,
        lines: &[Line],
    ) -> (Option<(String, Range<usize>)>, Vec<String>) {
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
        (id, tags)
    }

    /// Joins the block's lines into its logical text, comment lines blanked, and maps it to
    /// the file.
    fn join(&mut self, src: &str, lines: &[Line]) {
        self.text.clear();
        self.segs.clear();
        let mut previous_end = lines.first().map_or(0, |l| l.start);
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
    }
}

/// The name of a `$CATEGORY:` block, from `from..to`: its first line, the rest being an
/// error.
fn category_name<'a>(ctx: &mut Ctx<'a>, from: usize, to: usize) -> &'a str {
    let (na, nb) = trim_range(ctx.t.as_bytes(), from, to);
    let name = &ctx.t[na..nb];
    match name.find('\n') {
        Some(nl) => {
            ctx.error(na + nl + 1, nb, GiftError::CategoryNotAlone);
            php_trim(&name[..nl])
        }
        None => name,
    }
}

/// The problems `ctx` found, as issues of `block` (`None`: of the file).
fn issues(ctx: &mut Ctx, block: Option<usize>) -> impl Iterator<Item = Issue> {
    std::mem::take(&mut ctx.issues)
        .into_iter()
        .map(move |(span, problem)| Issue {
            span,
            problem,
            block,
        })
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
