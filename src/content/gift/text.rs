//! Text rules of GIFT: PHP's trim, backslash escapes, text format prefixes, and HTML made
//! into clean text.

use std::borrow::Cow;

/// PHP's `trim` set. Moodle trims every line and every part with it, and it holds ASCII white
/// space and NUL only: a no-break space (U+00A0) is text, which Rust's `str::trim` would drop.
pub(super) fn is_php_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0B')
}

/// `s` without PHP white space at either end. The set is ASCII, so a byte scan finds the
/// same ends as a char scan, and every end is a char boundary.
pub(super) fn php_trim(s: &str) -> &str {
    let (from, to) = trim_range(s.as_bytes(), 0, s.len());
    &s[from..to]
}

/// The range `from..to` of `t` without PHP white space at either end.
pub(super) fn trim_range(t: &[u8], mut from: usize, mut to: usize) -> (usize, usize) {
    while from < to && is_php_space(t[from]) {
        from += 1;
    }
    while to > from && is_php_space(t[to - 1]) {
        to -= 1;
    }
    (from, to)
}

/// Characters a backslash escapes: `\\ \: \# \= \{ \} \~`, and `\n` for a line break. A
/// backslash before anything else is a plain backslash.
pub(super) fn is_escapable(b: u8) -> bool {
    matches!(b, b'\\' | b':' | b'#' | b'=' | b'{' | b'}' | b'~' | b'n')
}

/// The unescaped special bytes of `t[from..to]`, with their positions. `from` must not fall
/// inside an escape, which holds for every position this module scans from: the start of a
/// block and the byte after an unescaped special character.
pub(super) fn unescaped(t: &[u8], from: usize, to: usize) -> Unescaped<'_> {
    Unescaped { t, i: from, to }
}

pub(super) struct Unescaped<'a> {
    t: &'a [u8],
    i: usize,
    to: usize,
}

impl Iterator for Unescaped<'_> {
    type Item = (usize, u8);

    fn next(&mut self) -> Option<(usize, u8)> {
        while self.i < self.to {
            let at = self.i;
            let b = self.t[at];
            if b == b'\\' && at + 1 < self.to && is_escapable(self.t[at + 1]) {
                self.i += 2;
                continue;
            }
            self.i += 1;
            if b != b'\\' {
                return Some((at, b));
            }
        }
        None
    }
}

/// Position of the first unescaped `byte` in `t[from..to]`.
pub(super) fn find(t: &[u8], from: usize, to: usize, byte: u8) -> Option<usize> {
    unescaped(t, from, to)
        .find(|&(_, b)| b == byte)
        .map(|(i, _)| i)
}

/// Position of the first unescaped two-byte sequence `pair` (`::`, `->`, `..`) in
/// `t[from..to]`. The second byte is never a backslash, so it is unescaped too.
pub(super) fn find_pair(t: &[u8], from: usize, to: usize, pair: [u8; 2]) -> Option<usize> {
    unescaped(t, from, to)
        .find(|&(i, b)| b == pair[0] && i + 1 < to && t[i + 1] == pair[1])
        .map(|(i, _)| i)
}

/// The text of an escaped part: `\X` gives X, `\n` a line break, and a backslash before
/// anything else stays.
pub(super) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut plain = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() && is_escapable(b[i + 1]) {
            out.push_str(&s[plain..i]);
            out.push(if b[i + 1] == b'n' {
                '\n'
            } else {
                b[i + 1] as char
            });
            i += 2;
            plain = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[plain..]);
    Cow::Owned(out)
}

/// `text` written so that GIFT reads it back unchanged: special characters escaped, line
/// breaks as `\n`. A carriage return has no GIFT form (Moodle drops it too).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The text format a part is written in, from its `[…]` prefix or the question text's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// Moodle's own « auto-format »: HTML allowed, line breaks kept. The default.
    Moodle,
    Html,
    Plain,
    Markdown,
}

/// Splits a known format prefix off a trimmed part, as Moodle does: the part must start with
/// `[`, and the name runs to the first `]`. An unknown name stays in the text.
pub(super) fn split_format(s: &str) -> (Option<Format>, &str) {
    let Some(rest) = s.strip_prefix('[') else {
        return (None, s);
    };
    let Some(end) = rest.find(']') else {
        return (None, s);
    };
    let format = match &rest[..end] {
        "moodle" => Format::Moodle,
        "html" => Format::Html,
        "plain" => Format::Plain,
        "markdown" => Format::Markdown,
        _ => return (None, s),
    };
    (Some(format), &rest[end + 1..])
}

/// A formatted part (question text, choice, feedback) as conseil shows it: the prefix taken
/// off, escapes read, and HTML made into clean text. Returns the part's format, the default
/// of the parts that follow when this is the question text.
pub(super) fn formatted(raw: &str, default: Format) -> (Format, String) {
    let (prefix, rest) = split_format(php_trim(raw));
    let format = prefix.unwrap_or(default);
    // One allocation in the common case: the unescaped text is the result.
    let text = match unescape(rest) {
        Cow::Borrowed(text) => php_trim(text).to_owned(),
        Cow::Owned(text) if php_trim(&text).len() == text.len() => text,
        Cow::Owned(text) => php_trim(&text).to_owned(),
    };
    let text = match format {
        Format::Markdown | Format::Plain => text,
        Format::Moodle if !text.bytes().any(|b| b == b'<' || b == b'&') => text,
        Format::Html => html_to_text(&text, false),
        Format::Moodle => html_to_text(&text, true),
    };
    (format, text)
}

/// A part that Moodle stores as a plain string (a short answer, a number): the prefix taken
/// off, escapes read, trimmed.
pub(super) fn plain(raw: &str) -> String {
    let (_, rest) = split_format(php_trim(raw));
    php_trim(&unescape(rest)).to_owned()
}

/// HTML made into clean text: tags dropped (blocks and line breaks kept as line breaks, list
/// items as « - »), entities read. `keep_newlines` is Moodle's auto-format, where a line break
/// of the source is a line break of the text; in HTML it is a space.
pub(super) fn html_to_text(s: &str, keep_newlines: bool) -> String {
    if keep_newlines && !s.bytes().any(|b| b == b'<' || b == b'&') {
        // The common case of a GIFT file with no format prefix: nothing to clean.
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    let mut plain = 0;
    while i < b.len() {
        let c = b[i];
        let skip = match c {
            b'<' => tag_at(s, i).map(|(end, tag)| {
                out.push_str(&s[plain..i]);
                match tag {
                    Tag::Image => out.push_str(IMAGE_DROPPED),
                    Tag::Break => out.push('\n'),
                    Tag::Block => out.push_str("\n\n"),
                    Tag::Item => out.push_str("\n- "),
                    Tag::Cell => out.push(' '),
                    Tag::Inline => {}
                }
                end
            }),
            b'&' => entity_at(s, i).map(|(end, decoded)| {
                out.push_str(&s[plain..i]);
                out.push(decoded);
                end
            }),
            b'\n' | b'\t' | b'\r' if !keep_newlines => {
                out.push_str(&s[plain..i]);
                out.push(' ');
                Some(i + 1)
            }
            _ => None,
        };
        match skip {
            Some(end) => {
                i = end;
                plain = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&s[plain..]);
    tidy(&out, keep_newlines)
}

/// What stands in the text for an image, which conseil cannot show: the learner is told
/// something is missing rather than left to guess.
pub(crate) const IMAGE_DROPPED: &str = "[image non reprise]";

enum Tag {
    /// An image: replaced by [`IMAGE_DROPPED`].
    Image,
    Break,
    Block,
    Item,
    Cell,
    Inline,
}

/// The tag (or comment) starting at `s[i] == '<'`: where it ends and what it stands for.
/// `<` followed by anything but a letter, `/` or `!` is text (« a < b »).
fn tag_at(s: &str, i: usize) -> Option<(usize, Tag)> {
    let rest = &s[i + 1..];
    if let Some(comment) = rest.strip_prefix("!--") {
        let end = comment.find("-->").map_or(s.len(), |p| i + 4 + p + 3);
        return Some((end, Tag::Inline));
    }
    let first = rest.bytes().next()?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!') {
        return None;
    }
    let end = i + 1 + rest.find('>')? + 1;
    let name: String = rest
        .trim_start_matches('/')
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    let closing = first == b'/';
    let tag = match name.as_str() {
        "br" => Tag::Break,
        "img" => Tag::Image,
        "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "ul"
        | "ol" | "table" | "section" | "article" | "hr" => Tag::Block,
        "tr" => Tag::Break,
        "li" if !closing => Tag::Item,
        "td" | "th" => Tag::Cell,
        "script" | "style" if !closing => {
            // Their content is code, not text.
            let close = format!("</{name}");
            let after = s[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(s.len(), |p| end + p);
            let stop = s[after..].find('>').map_or(s.len(), |p| after + p + 1);
            return Some((stop, Tag::Inline));
        }
        _ => Tag::Inline,
    };
    Some((end, tag))
}

/// The entity starting at `s[i] == '&'`: where it ends and the character it stands for.
/// Unknown names stay as text.
fn entity_at(s: &str, i: usize) -> Option<(usize, char)> {
    let rest = &s[i + 1..];
    let semi = rest.bytes().take(12).position(|b| b == b';')?;
    let name = &rest[..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(name)?
    };
    Some((i + 1 + semi + 1, c))
}

fn named_entity(name: &str) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("laquo", '«'),
        ("raquo", '»'),
        ("lsquo", '‘'),
        ("rsquo", '’'),
        ("ldquo", '“'),
        ("rdquo", '”'),
        ("hellip", '…'),
        ("ndash", '–'),
        ("mdash", '—'),
        ("euro", '€'),
        ("deg", '°'),
        ("middot", '·'),
        ("times", '×'),
        ("sect", '§'),
        ("copy", '©'),
        ("agrave", 'à'),
        ("Agrave", 'À'),
        ("acirc", 'â'),
        ("Acirc", 'Â'),
        ("auml", 'ä'),
        ("ccedil", 'ç'),
        ("Ccedil", 'Ç'),
        ("eacute", 'é'),
        ("Eacute", 'É'),
        ("egrave", 'è'),
        ("Egrave", 'È'),
        ("ecirc", 'ê'),
        ("Ecirc", 'Ê'),
        ("euml", 'ë'),
        ("icirc", 'î'),
        ("iuml", 'ï'),
        ("ocirc", 'ô'),
        ("Ocirc", 'Ô'),
        ("ouml", 'ö'),
        ("ugrave", 'ù'),
        ("ucirc", 'û'),
        ("uuml", 'ü'),
        ("oelig", 'œ'),
        ("OElig", 'Œ'),
        ("aelig", 'æ'),
    ];
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Spaces collapsed, no space at either end of a line, at most one blank line in a row.
fn tidy(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.split('\n') {
        let line = if keep_newlines {
            line.trim_matches(|c| c == ' ' || c == '\t' || c == '\r')
                .to_owned()
        } else {
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}

/// A number as PHP's `is_numeric` reads it: optional sign, digits with an optional point
/// (or a point then digits), optional exponent; surrounding white space allowed. « 1,5 » is
/// not a number for Moodle.
pub(super) fn php_number(s: &str) -> Option<f64> {
    let s = php_trim(s);
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac;
    }
    if int + frac == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp = b[j.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if exp == 0 {
            return None;
        }
        j += exp;
        i = j;
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn php_trim_keeps_no_break_spaces() {
        assert_eq!(php_trim(" \t\r\n\0\x0Ba b\n"), "a b");
        assert_eq!(php_trim("\u{a0}x\u{a0}"), "\u{a0}x\u{a0}");
        assert_eq!(trim_range(b"  ab ", 0, 5), (2, 4));
        assert_eq!(trim_range(b"   ", 0, 3), (3, 3));
    }

    #[test]
    fn escapes_are_read_once_left_to_right() {
        assert_eq!(
            unescape(r"a\:b\#c\=d\{e\}f\~g\\h\ni"),
            "a:b#c=d{e}f~g\\h\ni"
        );
        // A backslash before any other character stays, and `\\n` is a backslash then n.
        assert_eq!(unescape(r"\a \\n \"), "\\a \\n \\");
        assert_eq!(unescape(r"\\\~"), "\\~");
    }

    #[test]
    fn escape_then_unescape_is_identity() {
        let text = "a:b#c=d{e}f~g\\h\nl’œil \\n %50% [html] ->";
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(escape("a\r\nb"), "a\\nb");
    }

    #[test]
    fn scanning_skips_escapes() {
        let t = br"a\{b{c\\}d}";
        assert_eq!(find(t, 0, t.len(), b'{'), Some(4));
        // `\\` is a backslash: the brace after it is a real one.
        assert_eq!(find(t, 0, t.len(), b'}'), Some(8));
        // `\::` is an escaped colon then a lone one: the title ends at the next pair.
        let t = br"x\::y::z";
        assert_eq!(find_pair(t, 0, t.len(), *b"::"), Some(5));
        let t = br"a\-> b";
        assert_eq!(find_pair(t, 0, t.len(), *b"->"), Some(2));
    }

    #[test]
    fn format_prefixes() {
        assert_eq!(
            split_format("[html]<b>x</b>"),
            (Some(Format::Html), "<b>x</b>")
        );
        assert_eq!(
            split_format("[markdown]*x*"),
            (Some(Format::Markdown), "*x*")
        );
        assert_eq!(split_format("[plain]x"), (Some(Format::Plain), "x"));
        assert_eq!(split_format("[moodle]x"), (Some(Format::Moodle), "x"));
        assert_eq!(split_format("[note] x"), (None, "[note] x"));
        assert_eq!(split_format("[html x"), (None, "[html x"));
        assert_eq!(
            formatted("[markdown]**gras** \\: <b>", Format::Moodle),
            (Format::Markdown, "**gras** : <b>".to_owned())
        );
        assert_eq!(
            formatted(" a\\nb ", Format::Plain),
            (Format::Plain, "a\nb".to_owned())
        );
    }

    #[test]
    fn html_becomes_clean_text() {
        assert_eq!(
            html_to_text(
                "<p>Le <b>secret</b>&nbsp;m&eacute;dical</p><p>Art.&#160;226-13</p>",
                false
            ),
            "Le secret\u{a0}médical\n\nArt.\u{a0}226-13"
        );
        assert_eq!(
            html_to_text("<ul><li>un</li>\n<li>deux</li></ul>", false),
            "- un\n- deux"
        );
        assert_eq!(html_to_text("a<br/>b<br>c", false), "a\nb\nc");
        assert_eq!(
            html_to_text("Voir <IMG src=\"@@PLUGINFILE@@/a.png\" alt=\"x\"> :", false),
            "Voir [image non reprise] :"
        );
        assert_eq!(html_to_text("a  \n  b", false), "a b");
        assert_eq!(html_to_text("a\nb", true), "a\nb");
        // Not tags, not entities: text.
        assert_eq!(
            html_to_text("taux < 50 % & R&D", false),
            "taux < 50 % & R&D"
        );
        assert_eq!(html_to_text("x <!-- note --> y", false), "x y");
        assert_eq!(html_to_text("a<script>if (x<y) {}</script>b", false), "ab");
        assert_eq!(
            html_to_text("&#0; &#xD800; &bogus;", false),
            "&#0; &#xD800; &bogus;"
        );
        assert_eq!(html_to_text("<", false), "<");
        assert_eq!(html_to_text("<b", false), "<b");
    }

    #[test]
    fn numbers_as_php_reads_them() {
        assert_eq!(php_number("15000"), Some(15000.0));
        assert_eq!(php_number(" -1.5 "), Some(-1.5));
        assert_eq!(php_number(".5"), Some(0.5));
        assert_eq!(php_number("5."), Some(5.0));
        assert_eq!(php_number("+2e3"), Some(2000.0));
        for bad in [
            "", "1,5", "abc", "1e", "inf", "NaN", "0x1A", "1 000", ".", "-", "1e999",
        ] {
            assert_eq!(php_number(bad), None, "{bad}");
        }
    }
}
