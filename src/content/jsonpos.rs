//! Positions inside JSON text that serde has already accepted.
//!
//! serde gives typed values but forgets where they came from. Rule errors (a duplicate id, an
//! index out of range) are found on the typed module and named by a JSON path; this small
//! scanner walks the text again to turn that path into a byte offset, only when there is an
//! error to show. The text is known to be valid JSON, so the scanner can stay simple; it still
//! never panics and gives up with `None` on anything unexpected.

use std::fmt;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A path from the document root to a value, e.g. `questions[3].correct[0]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path followed by a key.
    pub fn key(&self, key: &'static str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key));
        JsonPath(segs)
    }

    /// This path followed by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        JsonPath(segs)
    }
}

/// A path built on the stack while walking a module: free to extend, turned into a
/// [`JsonPath`] only when a rule is broken, so that validating a large bank allocates no path.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    Root,
    Key(&'a At<'a>, &'static str),
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    pub fn key(&'a self, key: &'static str) -> At<'a> {
        At::Key(self, key)
    }

    pub fn index(&'a self, index: usize) -> At<'a> {
        At::Index(self, index)
    }

    pub fn path(&self) -> JsonPath {
        let mut segs = Vec::new();
        let mut at = self;
        loop {
            match at {
                At::Root => break,
                At::Key(parent, k) => {
                    segs.push(Seg::Key(k));
                    at = parent;
                }
                At::Index(parent, i) => {
                    segs.push(Seg::Index(*i));
                    at = parent;
                }
            }
        }
        segs.reverse();
        JsonPath(segs)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Byte range of the value at `path`, or of the deepest value on the way that exists (a
/// missing key points at its object), so that an error always has a place to show.
pub fn locate(src: &str, path: &JsonPath) -> std::ops::Range<usize> {
    let b = src.as_bytes();
    let mut at = skip_ws(b, 0);
    for seg in &path.0 {
        let found = match seg {
            Seg::Key(key) => find_key(src, at, key),
            Seg::Index(n) => find_index(b, at, *n),
        };
        match found {
            Some(next) => at = next,
            None => break,
        }
    }
    let end = skip_value(b, at).unwrap_or(at).max(at);
    at.min(b.len())..end.min(b.len())
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End (exclusive) of the string starting at `i` (on its opening quote).
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        // Jumps straight to the next quote or backslash: strings are most of a module's bytes.
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[j] == b'\\' {
            j += 2;
        } else {
            return Some(j + 1);
        }
    }
}

/// End (exclusive) of the value starting at `i`. Iterative, so depth costs no stack.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

fn find_key(src: &str, at: usize, key: &str) -> Option<usize> {
    let b = src.as_bytes();
    if b.get(at) != Some(&b'{') {
        return None;
    }
    let mut i = at + 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i)? != &b'"' {
            return None;
        }
        let end = skip_string(b, i)?;
        let raw = &src[i..end];
        let matches = if raw.contains('\\') {
            serde_json::from_str::<String>(raw).is_ok_and(|k| k == key)
        } else {
            &raw[1..raw.len() - 1] == key
        };
        i = skip_ws(b, end);
        if b.get(i)? != &b':' {
            return None;
        }
        i = skip_ws(b, i + 1);
        if matches {
            return Some(i);
        }
        i = skip_ws(b, skip_value(b, i)?);
        match b.get(i)? {
            b',' => i += 1,
            _ => return None,
        }
    }
}

fn find_index(b: &[u8], at: usize, n: usize) -> Option<usize> {
    if b.get(at) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(b, at + 1);
    for _ in 0..n {
        i = skip_ws(b, skip_value(b, i)?);
        if b.get(i)? != &b',' {
            return None;
        }
        i = skip_ws(b, i + 1);
    }
    if b.get(i)? == &b']' { None } else { Some(i) }
}

/// Every string literal of the document (keys included) as (byte range of the literal,
/// decoded text).
pub fn strings(
    src: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, std::borrow::Cow<'_, str>)> {
    let b = src.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + memchr::memchr(b'"', b.get(i..)?)?;
        let end = skip_string(b, start)?;
        i = end;
        let raw = &src[start..end];
        let text = if raw.contains('\\') {
            std::borrow::Cow::Owned(serde_json::from_str::<String>(raw).ok()?)
        } else {
            std::borrow::Cow::Borrowed(&raw[1..raw.len() - 1])
        };
        Some((start..end, text))
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let col = src[line_start..offset].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and column, the column counted in bytes (as serde_json
/// counts it).
pub fn offset_of(src: &str, line: usize, byte_col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        src.match_indices('\n')
            .nth(line - 2)
            .map_or(src.len(), |(p, _)| p + 1)
    };
    if byte_col == 0 {
        // serde_json's column 0 is the line break that ends the previous line.
        return line_start.saturating_sub(1).min(src.len());
    }
    (line_start + byte_col - 1).min(src.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "id": "m",
  "questions": [
    {"id": "a", "correct": [0, 5]},
    {"id": "b\"c", "nested": {"x": [1, [2, 3]]}, "correct": [7]}
  ]
}"#;

    fn at(path: &JsonPath) -> &'static str {
        &DOC[locate(DOC, path)]
    }

    #[test]
    fn locates_keys_and_indices() {
        let q = JsonPath::root().key("questions");
        assert_eq!(at(&q.index(0).key("correct").index(1)), "5");
        assert_eq!(at(&q.index(1).key("correct")), "[7]");
        assert_eq!(at(&q.index(1).key("id")), r#""b\"c""#);
        assert_eq!(at(&JsonPath::root().key("id")), r#""m""#);
    }

    #[test]
    fn missing_parts_point_at_the_deepest_existing_value() {
        let q = JsonPath::root().key("questions").index(0);
        assert_eq!(
            at(&q.key("explanation")),
            r#"{"id": "a", "correct": [0, 5]}"#
        );
        assert!(at(&JsonPath::root().key("questions").index(9)).starts_with('['));
    }

    #[test]
    fn stack_paths_match_built_paths() {
        let root = At::Root;
        let qs = root.key("questions");
        let q = qs.index(3);
        assert_eq!(
            q.key("correct").path(),
            JsonPath::root().key("questions").index(3).key("correct")
        );
        assert_eq!(At::Root.path(), JsonPath::root());
    }

    #[test]
    fn path_display() {
        let p = JsonPath::root()
            .key("questions")
            .index(3)
            .key("correct")
            .index(0);
        assert_eq!(p.to_string(), "questions[3].correct[0]");
    }

    #[test]
    fn strings_are_decoded() {
        let all: Vec<String> = strings(DOC).map(|(_, s)| s.into_owned()).collect();
        assert!(all.contains(&"b\"c".to_string()));
        assert_eq!(all.len(), 11);
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncdé\nf", 7), (2, 4));
        assert_eq!(line_col("é", 1), (1, 1));
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("ab", 9, 9), 2);
        assert_eq!(offset_of("ab\ncd", 2, 0), 2);
    }
}
