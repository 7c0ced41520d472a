//! Positions inside JSON text that serde has already accepted.
//!
//! serde gives typed values but forgets where they came from. Rule errors (a duplicate id, an
//! index out of range) are found on the typed module and named by a JSON path; this small
//! scanner walks the text again to turn that path into a byte offset, only when there is an
//! error to show. The text is known to be valid JSON, so the scanner can stay simple; it still
//! never panics and gives up with `None` on anything unexpected.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

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
pub fn locate(src: &str, path: &JsonPath) -> Range<usize> {
    Locator::new(src).locate(path)
}

/// Finds the places of many paths in one text. Each object and array on the way is read
/// once, as far as a path needs it, and remembered: a file with thousands of errors is not
/// walked again from its first byte for each (that made `check` quadratic).
pub struct Locator<'a> {
    src: &'a str,
    /// The members read so far of each object or array, by the offset of its opening brace.
    members: HashMap<usize, Members<'a>>,
    /// End of each value already skipped, by its start.
    ends: HashMap<usize, Option<usize>>,
}

/// A member of an object or array: its key in an object (`None` in an array, or for a key
/// whose escapes do not decode: no path can name it), and where its value starts.
type Member<'a> = (Option<Cow<'a, str>>, usize);

/// The members of one object or array, read up to where a path needed.
struct Members<'a> {
    found: Vec<Member<'a>>,
    /// Where the next member starts, or `None` once the container is read (or found broken).
    next: Option<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator {
            src,
            members: HashMap::new(),
            ends: HashMap::new(),
        }
    }

    /// The byte range of the value at `path`: what [`locate`] gives.
    pub fn locate(&mut self, path: &JsonPath) -> Range<usize> {
        let b = self.src.as_bytes();
        let mut at = skip_ws(b, 0);
        for seg in &path.0 {
            match self.member(at, seg) {
                Some(next) => at = next,
                None => break,
            }
        }
        let end = self.end(at).unwrap_or(at).max(at);
        at.min(b.len())..end.min(b.len())
    }

    /// End (exclusive) of the value at `at`, skipped once.
    fn end(&mut self, at: usize) -> Option<usize> {
        let b = self.src.as_bytes();
        *self.ends.entry(at).or_insert_with(|| skip_value(b, at))
    }

    /// Start of the value that `seg` names in the object or array at `at`.
    fn member(&mut self, at: usize, seg: &Seg) -> Option<usize> {
        let b = self.src.as_bytes();
        let open = *b.get(at)?;
        let object = match (seg, open) {
            (Seg::Key(_), b'{') => true,
            (Seg::Index(_), b'[') => false,
            _ => return None,
        };
        self.members.entry(at).or_insert_with(|| Members {
            found: Vec::new(),
            next: Some(skip_ws(b, at + 1)),
        });
        loop {
            let members = self.members.get(&at)?;
            let hit = match seg {
                Seg::Key(key) => members
                    .found
                    .iter()
                    .find(|(k, _)| k.as_deref() == Some(*key))
                    .map(|(_, v)| *v),
                Seg::Index(n) => members.found.get(*n).map(|(_, v)| *v),
            };
            if hit.is_some() {
                return hit;
            }
            let from = members.next?;
            let read = if object {
                self.read_entry(from)
            } else {
                self.read_element(from)
            };
            let members = self.members.get_mut(&at)?;
            match read {
                Some((member, next)) => {
                    members.found.push(member);
                    members.next = next;
                }
                None => members.next = None,
            }
        }
    }

    /// The object entry starting at `i` (whitespace allowed before), and where the next one
    /// starts; `None` at the end of the object or on anything unexpected.
    fn read_entry(&mut self, i: usize) -> Option<(Member<'a>, Option<usize>)> {
        let src = self.src;
        let b = src.as_bytes();
        let i = skip_ws(b, i);
        if b.get(i)? != &b'"' {
            return None;
        }
        let end = skip_string(b, i)?;
        let raw = &src[i..end];
        let key = if raw.contains('\\') {
            serde_json::from_str::<String>(raw).ok().map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(&raw[1..raw.len() - 1]))
        };
        let colon = skip_ws(b, end);
        if b.get(colon)? != &b':' {
            return None;
        }
        let value = skip_ws(b, colon + 1);
        Some(((key, value), self.after(value)))
    }

    /// The array element starting at `i`, and where the next one starts; `None` at the end
    /// of the array.
    fn read_element(&mut self, i: usize) -> Option<(Member<'a>, Option<usize>)> {
        let b = self.src.as_bytes();
        if b.get(i)? == &b']' {
            return None;
        }
        Some(((None, i), self.after(i).map(|n| skip_ws(b, n))))
    }

    /// Just past the comma that follows the value at `value`, or `None` when none follows.
    fn after(&mut self, value: usize) -> Option<usize> {
        let b = self.src.as_bytes();
        let end = skip_ws(b, self.end(value)?);
        (b.get(end)? == &b',').then_some(end + 1)
    }
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

/// Line and column of many offsets of one text: line starts found once, and the column
/// counted on from the previous offset when it is on the same line, so that offsets given in
/// order cost one pass even on a single-line (minified) file.
pub struct Lines<'a> {
    src: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// The last offset placed, with its 0-based line and 1-based column.
    last: (usize, usize, usize),
}

impl<'a> Lines<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        Lines {
            src,
            starts,
            last: (0, 0, 1),
        }
    }

    /// 1-based line and column (in characters) of a byte offset: what [`line_col`] gives.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let src = self.src;
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (last, last_line, last_col) = self.last;
        let col = if line == last_line && last <= offset {
            last_col + src[last..offset].chars().count()
        } else {
            src[self.starts[line]..offset].chars().count() + 1
        };
        self.last = (offset, line, col);
        (line + 1, col)
    }
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

    /// Every path of a value, with the value it names.
    fn all_paths(
        v: &serde_json::Value,
        path: &JsonPath,
        out: &mut Vec<(JsonPath, serde_json::Value)>,
    ) {
        out.push((path.clone(), v.clone()));
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    let key: &'static str = Box::leak(k.clone().into_boxed_str());
                    all_paths(child, &path.key(key), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    all_paths(child, &path.index(i), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn one_locator_places_every_path_in_any_order() {
        let doc: serde_json::Value = serde_json::from_str(DOC).expect("valid");
        let mut paths = Vec::new();
        all_paths(&doc, &JsonPath::root(), &mut paths);
        assert!(paths.len() > 15);
        let mut locator = Locator::new(DOC);
        // Backwards first, so that later queries find containers already half read.
        for (path, value) in paths.iter().rev().chain(&paths) {
            let range = locator.locate(path);
            assert_eq!(range, locate(DOC, path), "{path}");
            let found: serde_json::Value =
                serde_json::from_str(&DOC[range]).expect("a whole value");
            assert_eq!(&found, value, "{path}");
        }
        // Missing members still point at the deepest value that exists.
        let q = JsonPath::root().key("questions");
        assert_eq!(&DOC[locator.locate(&q.index(7))], &DOC[locate(DOC, &q)]);
        assert!(DOC[locator.locate(&q.index(1).key("absent"))].starts_with("{\"id\": \"b"));
        assert_eq!(locator.locate(&q.key("x")), locate(DOC, &q));
    }

    #[test]
    fn lines_match_line_col_in_any_order() {
        let src = "ab\ncdé\n\nfgh€i\nj";
        let mut lines = Lines::new(src);
        let offsets: Vec<usize> = (0..=src.len() + 2).collect();
        for &o in offsets.iter().chain(offsets.iter().rev()).chain(&offsets) {
            assert_eq!(lines.line_col(o), line_col(src, o), "offset {o}");
        }
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
