//! Diagnostics: what is wrong in a content file, where, and how to show it.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::code::Code;
use super::jsonpos::{JsonPath, Lines, Locator, line_col};

/// How serious a diagnostic is. Errors keep a module from loading; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in a content file, with its position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What kind of problem, stable for tools (see `content::code`).
    pub code: Code,
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// JSON path of the offending value, when the problem is a rule on a parsed value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Byte range in the file, for the snippet.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A rule broken by a parsed value, named by its JSON path until it is given a position.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub path: JsonPath,
    pub message: String,
    pub help: Option<String>,
    /// Byte range inside the value's text (for a lint hit inside a long string).
    pub span: Option<Range<usize>>,
}

impl Finding {
    pub fn error(code: Code, path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            code,
            path,
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub fn warning(code: Code, path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, path, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Gives the finding its place in `src`.
    pub fn locate(self, file: &str, src: &str) -> Diagnostic {
        let span = self
            .span
            .clone()
            .unwrap_or_else(|| Locator::new(src).locate(&self.path));
        let place = line_col(src, span.start);
        self.placed(file, span, place)
    }

    /// The diagnostic of this finding at `span`, which starts at (line, column).
    fn placed(self, file: &str, span: Range<usize>, (line, column): (usize, usize)) -> Diagnostic {
        Diagnostic {
            severity: self.severity,
            code: self.code,
            file: file.to_owned(),
            line,
            column,
            message: self.message,
            help: self.help,
            path: Some(self.path.to_string()).filter(|p| !p.is_empty()),
            span,
        }
    }
}

/// Gives each finding its place in `src`, in the order given. The text is read once for all
/// of them (see [`Locator`] and [`Lines`]): a file with many errors costs no more to place
/// than to read.
pub fn locate_all(findings: Vec<Finding>, file: &str, src: &str) -> Vec<Diagnostic> {
    let mut locator = Locator::new(src);
    let spans: Vec<Range<usize>> = findings
        .iter()
        .map(|f| f.span.clone().unwrap_or_else(|| locator.locate(&f.path)))
        .collect();
    // Columns are counted on from one offset to the next: in file order, that is one pass.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut lines = Lines::new(src);
    let mut places = vec![(1, 1); spans.len()];
    for i in order {
        places[i] = lines.line_col(spans[i].start);
    }
    findings
        .into_iter()
        .zip(spans)
        .zip(places)
        .map(|((f, span), place)| f.placed(file, span, place))
        .collect()
}

impl Diagnostic {
    /// A diagnostic at a byte range of `src`.
    pub fn at(
        code: Code,
        severity: Severity,
        file: &str,
        src: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_col(src, span.start);
        Diagnostic {
            severity,
            code,
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
            path: None,
            span,
        }
    }

    /// A diagnostic about a whole file that has no usable text (unreadable, too big).
    pub fn whole_file(code: Code, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_owned(),
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            path: None,
            span: 0..0,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col: erreur : message`, the form editors and terminals link to.
    pub fn headline(&self) -> String {
        let level = match self.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        };
        format!(
            "{}:{}:{}: {level} : {}",
            self.file, self.line, self.column, self.message
        )
    }

    /// The headline, then the offending line with the value underlined (rustc style), then
    /// the help. `src` is the file's text when it could be read.
    pub fn render(&self, src: Option<&str>) -> String {
        let mut out = self.headline();
        out.push('\n');
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name(Some("erreur")),
            Severity::Warning => Level::WARNING.with_name(Some("avertissement")),
        };
        let mut group = Group::with_level(level.clone());
        if let Some(src) = src {
            let (excerpt, span) = excerpt(src, self.span.clone());
            group = group.element(
                Snippet::source(excerpt)
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.with_name(Some("aide")).message(help.as_str()));
        }
        if !group.is_empty() {
            let rendered = Renderer::plain().render(&[group]);
            out.push_str(&rendered);
            out.push('\n');
        }
        out
    }
}

/// The line holding `span.start`, cut to a window around it when the line is very long (a
/// minified or binary file), with the span moved into the excerpt.
fn excerpt(src: &str, span: Range<usize>) -> (&str, Range<usize>) {
    const WINDOW: usize = 120;
    let start = span.start.min(src.len());
    let b = src.as_bytes();
    // Line breaks are looked for within the window only: a long line is not read whole for
    // each of its errors.
    let (lo, at, hi) = (
        start.saturating_sub(WINDOW),
        floor(src, start),
        (start + WINDOW).min(src.len()),
    );
    let from = memchr::memrchr(b'\n', &b[lo..at]).map_or(floor(src, lo), |p| lo + p + 1);
    let to = memchr::memchr(b'\n', &b[at..hi]).map_or(floor(src, hi), |p| at + p);
    let to = to.max(from);
    let text = &src[from..to];
    let s = floor(src, start) - from;
    let mut e = span.end.clamp(start, to) - from;
    // Underline at least one character, even at the end of the file.
    if e <= s {
        e = text[s..].chars().next().map_or(s, |c| s + c.len_utf8());
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    (text, s..e)
}

fn floor(src: &str, mut i: usize) -> usize {
    i = i.min(src.len());
    while !src.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// serde_json's syntax errors, word for word, in French.
const SYNTAX_MESSAGES: &[(&str, &str)] = &[
    (
        "EOF while parsing an object",
        "fin du fichier au milieu d'un objet : une accolade « } » manque",
    ),
    (
        "EOF while parsing a list",
        "fin du fichier au milieu d'une liste : un crochet « ] » manque",
    ),
    (
        "EOF while parsing a string",
        "fin du fichier au milieu d'une chaîne : un guillemet « \" » manque",
    ),
    (
        "EOF while parsing a value",
        "fin du fichier : une valeur était attendue (fichier vide ou tronqué ?)",
    ),
    (
        "expected `:`",
        "deux-points « : » attendu après le nom du champ",
    ),
    (
        "expected `,` or `]`",
        "virgule « , » ou crochet fermant « ] » attendu",
    ),
    (
        "expected `,` or `}`",
        "virgule « , » ou accolade fermante « } » attendue",
    ),
    (
        "expected ident",
        "mot-clé inconnu (true, false ou null attendu)",
    ),
    ("expected value", "valeur JSON attendue"),
    ("expected `\"`", "guillemet « \" » attendu"),
    (
        "invalid escape",
        "séquence d'échappement invalide dans une chaîne",
    ),
    ("invalid number", "nombre invalide"),
    ("number out of range", "nombre hors limites"),
    (
        "invalid unicode code point",
        "point de code Unicode invalide",
    ),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "caractère de contrôle dans une chaîne : un saut de ligne s'écrit \\n",
    ),
    (
        "key must be a string",
        "un nom de champ doit être une chaîne entre guillemets",
    ),
    (
        "lone leading surrogate in hex escape",
        "échappement Unicode invalide (demi-caractère seul)",
    ),
    ("trailing comma", "virgule en trop avant la fermeture"),
    (
        "trailing characters",
        "caractères en trop après la fin du document JSON",
    ),
    (
        "unexpected end of hex escape",
        "échappement Unicode incomplet",
    ),
    (
        "recursion limit exceeded",
        "imbrication trop profonde (plus de 128 niveaux)",
    ),
];

/// serde_json's English message in French, without its trailing position.
pub fn french_json_message(err: &serde_json::Error) -> String {
    let raw = err.to_string();
    let msg = raw
        .rsplit_once(" at line ")
        .map_or(raw.as_str(), |(m, _)| m);
    if let Some(french) = french_data_message(msg) {
        return french;
    }
    SYNTAX_MESSAGES
        .iter()
        .find(|(en, _)| msg == *en)
        .map_or_else(
            || format!("JSON invalide : {msg}"),
            |(_, fr)| (*fr).to_owned(),
        )
}

/// A message about the data (a field, a value, a type), in French; `None` for a syntax error.
fn french_data_message(msg: &str) -> Option<String> {
    let tick = |s: &str| s.replace('`', "");
    let rest = |prefix: &str| msg.strip_prefix(prefix);
    if let Some(field) = rest("missing field ") {
        return Some(format!("champ obligatoire manquant : {}", quote(field)));
    }
    if let Some(r) = rest("unknown field ") {
        let (field, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        return Some(format!(
            "champ inconnu {} (champs possibles : {})",
            quote(field),
            tick_list(expected)
        ));
    }
    if let Some(r) = rest("unknown variant ") {
        let (variant, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        return Some(format!(
            "valeur inconnue {} (valeurs possibles : {})",
            quote(variant),
            tick_list(expected)
        ));
    }
    if let Some(r) = rest("invalid type: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, "?"));
        return Some(format!(
            "type inattendu : {} trouvé, {} attendu",
            french_kind(found),
            french_kind(expected)
        ));
    }
    if let Some(r) = rest("invalid value: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, "?"));
        return Some(format!(
            "valeur invalide : {} ({} attendu)",
            french_kind(found),
            french_kind(expected)
        ));
    }
    if let Some(r) = rest("invalid length ") {
        return Some(format!("longueur invalide : {}", tick(r)));
    }
    rest("duplicate field ").map(|r| format!("champ en double : {}", quote(r)))
}

fn quote(s: &str) -> String {
    format!("« {} »", s.trim_matches('`'))
}

fn tick_list(s: &str) -> String {
    s.replace("one of ", "")
        .replace(" or ", ", ")
        .split(", ")
        .filter(|p| !p.is_empty())
        .map(quote)
        .collect::<Vec<_>>()
        .join(", ")
}

fn french_kind(s: &str) -> String {
    let s = s.trim();
    let table: &[(&str, &str)] = &[
        ("a string", "une chaîne"),
        ("a boolean", "un booléen (true ou false)"),
        ("a sequence", "une liste [ … ]"),
        ("sequence", "une liste [ … ]"),
        ("a map", "un objet { … }"),
        ("map", "un objet { … }"),
        ("null", "null"),
        ("u32", "un entier positif"),
        ("usize", "un entier positif"),
        ("f64", "un nombre"),
        ("a date in YYYY-MM-DD format", "une date AAAA-MM-JJ"),
    ];
    for (en, fr) in table {
        if s == *en {
            return (*fr).to_owned();
        }
    }
    if let Some(v) = s.strip_prefix("string ") {
        return format!("la chaîne {v}");
    }
    if let Some(v) = s.strip_prefix("integer ") {
        return format!("l'entier {}", v.trim_matches('`'));
    }
    if let Some(v) = s.strip_prefix("floating point ") {
        return format!("le nombre {}", v.trim_matches('`'));
    }
    if let Some(v) = s.strip_prefix("boolean ") {
        return format!("le booléen {}", v.trim_matches('`'));
    }
    if s.starts_with("internally tagged enum") || s.starts_with("struct ") {
        return "un objet { … }".to_owned();
    }
    s.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(json: &str) -> String {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: bool,
            #[serde(default)]
            b: Vec<u32>,
        }
        french_json_message(&serde_json::from_str::<T>(json).expect_err("invalid"))
    }

    #[test]
    fn serde_messages_are_french() {
        assert_eq!(msg("{}"), "champ obligatoire manquant : « a »");
        assert_eq!(
            msg(r#"{"a": true, "c": 1}"#),
            "champ inconnu « c » (champs possibles : « a », « b »)"
        );
        assert_eq!(
            msg(r#"{"a": "oui"}"#),
            "type inattendu : la chaîne \"oui\" trouvé, un booléen (true ou false) attendu"
        );
        assert_eq!(
            msg(r#"{"a": true"#),
            "fin du fichier au milieu d'un objet : une accolade « } » manque"
        );
        assert_eq!(msg(r#"{"a": true,}"#), "virgule en trop avant la fermeture");
        assert_eq!(
            msg(""),
            "fin du fichier : une valeur était attendue (fichier vide ou tronqué ?)"
        );
    }

    #[test]
    fn placing_many_findings_at_once_places_each_as_alone() {
        let src = "{\n  \"id\": \"m\",\n  \"questions\": [\n    {\"id\": \"a\", \"explanation\": \"\"},\n    {\"id\": \"é\", \"correct\": [0, 9]}\n  ]\n}";
        let q = JsonPath::root().key("questions");
        let findings = vec![
            Finding::error(
                Code::KeyOutOfRange,
                q.index(1).key("correct").index(1),
                "hors limites",
            ),
            Finding::error(Code::NoExplanation, q.index(0).key("explanation"), "vide")
                .with_help("expliquez"),
            Finding::warning(
                Code::NeverReviewed,
                JsonPath::root().key("reviewed"),
                "jamais relu",
            ),
            Finding::error(Code::InvalidId, q.index(5), "absente"),
            Finding {
                span: Some(40..41),
                ..Finding::error(Code::PersonalData, JsonPath::root(), "donnée")
            },
            Finding::error(Code::DuplicateQuestionId, q.index(1).key("id"), "en double"),
        ];
        let alone: Vec<Diagnostic> = findings
            .iter()
            .map(|f| f.clone().locate("m.json", src))
            .collect();
        assert_eq!(locate_all(findings, "m.json", src), alone);
        let places: Vec<(usize, usize)> = alone.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(5, 32), (4, 32), (1, 1), (3, 16), (4, 9), (5, 12)]);
    }

    #[test]
    fn render_shows_the_line_and_underlines() {
        let src = "{\n  \"a\": tru\n}";
        let d = Diagnostic::at(
            Code::JsonSyntax,
            Severity::Error,
            "m.json",
            src,
            9..12,
            "mot-clé inconnu",
        );
        let out = d.render(Some(src));
        assert!(
            out.starts_with("m.json:2:8: erreur : mot-clé inconnu\n"),
            "{out}"
        );
        assert!(out.contains("\"a\": tru"), "{out}");
        assert!(out.contains("^^^"), "{out}");
    }

    #[test]
    fn render_survives_huge_lines_and_odd_spans() {
        let src = "x".repeat(1_000_000);
        let d = Diagnostic::at(
            Code::JsonSyntax,
            Severity::Error,
            "big.json",
            &src,
            500_000..500_001,
            "m",
        );
        let out = d.render(Some(&src));
        assert!(out.len() < 2_000);
        let d = Diagnostic::at(
            Code::JsonSyntax,
            Severity::Error,
            "e.json",
            "",
            5..5,
            "vide",
        );
        assert!(d.render(Some("")).starts_with("e.json:1:1: erreur : vide"));
        // A span ending inside a multi-byte character (a replaced invalid byte).
        let src = "{\"id\": \"x\u{fffd}\"}";
        let d = Diagnostic::at(
            Code::NotUtf8,
            Severity::Error,
            "u.json",
            src,
            10..11,
            "utf8",
        );
        assert!(d.render(Some(src)).contains('^'));
    }
}
