//! Searching the glossary and the lessons as the learner types: close matches first, and only
//! matches worth reading.
//!
//! A hit is ranked first by where the query was found ([`Rank`]): the whole name (or the
//! acronym without its punctuation), the start of the name, words of the name, then words of
//! the text. Within a rank, the better score comes first, then the order the documents were
//! given in (alphabetical for the glossary, the course's order for the lessons), so that the
//! list never shuffles between two keystrokes.
//!
//! What keeps junk out: every word of the query must start a word where it is found (« mso »
//! is not found in « consommant »), and the typo-tolerant fuzzy match of `nucleo-matcher`
//! only counts on names, for queries of [`FUZZY_MIN_CHARS`] characters or more, and when it
//! scores at least [`FUZZY_MIN_SHARE`] of a perfect match.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::content::{GlossaryEntry, Module};
use super::text::fold;

/// The fuzzy match is tried only on queries at least this long: on fewer letters, letters
/// scattered through a long name match too easily.
pub const FUZZY_MIN_CHARS: usize = 4;
/// A fuzzy match on a name counts from this share of the score the query gets against itself.
pub const FUZZY_MIN_SHARE: f64 = 0.8;
/// The text is searched only for queries at least this long: one letter starts half the words.
const TEXT_MIN_CHARS: usize = 2;

/// Where the query was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The whole name or its other name (« MSO », « mise sous objectif », « at mp » for AT/MP).
    Exact,
    /// The start of the name or of its other name.
    Prefix,
    /// Words of the name or of its other name, or the name with a typo.
    Name,
    /// Words of the text.
    Text,
}

/// One thing to search: a glossary entry, a lesson.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// Its name: a term, a lesson's title.
    pub name: &'a str,
    /// What else names it: an acronym's expansion (may be empty).
    pub alias: &'a str,
    /// Its text: a definition, a lesson's body.
    pub text: &'a str,
}

/// A document found, with why it ranks where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Its position in the documents given to [`Index::new`].
    pub doc: usize,
    pub rank: Rank,
    /// Higher is better, within a rank.
    pub score: u32,
}

/// A document folded once (case, accents, ligatures), so that each keystroke only matches.
#[derive(Debug)]
struct Folded {
    name: String,
    alias: String,
    /// The name's letters and digits only: « atmp » for AT/MP.
    compact: String,
    /// Name, alias and text together.
    all: String,
}

/// Documents ready to be searched.
#[derive(Debug)]
pub struct Index {
    docs: Vec<Folded>,
}

impl Index {
    pub fn new<'a>(docs: impl IntoIterator<Item = Doc<'a>>) -> Index {
        let docs = docs
            .into_iter()
            .map(|d| {
                let name = fold(d.name);
                let alias = fold(d.alias);
                Folded {
                    compact: compact(&name),
                    all: format!("{name} {alias} {}", fold(d.text)),
                    name,
                    alias,
                }
            })
            .collect();
        Index { docs }
    }

    /// The documents that match `query`, best first; every document, in order, for an empty
    /// query.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        let query = fold(query);
        if query.is_empty() {
            return (0..self.docs.len())
                .map(|doc| Hit {
                    doc,
                    rank: Rank::Exact,
                    score: 0,
                })
                .collect();
        }
        let query = Query::new(&query);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits: Vec<Hit> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(doc, folded)| {
                let (rank, score) = query.rank(folded, &mut matcher)?;
                Some(Hit { doc, rank, score })
            })
            .collect();
        // A stable sort: equal hits keep the documents' order.
        hits.sort_by(|a, b| a.rank.cmp(&b.rank).then(b.score.cmp(&a.score)));
        hits
    }
}

/// A folded query, split into words, with its fuzzy matcher.
struct Query<'q> {
    text: &'q str,
    compact: String,
    words: Vec<&'q str>,
    atom: Atom,
    /// What a perfect fuzzy match scores; 0 when the query is too short to match fuzzily.
    perfect: u16,
}

impl<'q> Query<'q> {
    fn new(text: &'q str) -> Query<'q> {
        // The query is folded already: no syntax (« ^ », « ' », « ! ») is read in it.
        let atom = Atom::new(
            text,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
            false,
        );
        let perfect = if text.chars().count() >= FUZZY_MIN_CHARS {
            let mut matcher = Matcher::new(Config::DEFAULT);
            score(&atom, text, &mut matcher).unwrap_or(0)
        } else {
            0
        };
        Query {
            text,
            compact: compact(text),
            words: text.split(' ').filter(|w| !w.is_empty()).collect(),
            atom,
            perfect,
        }
    }

    /// Where `doc` matches, and how well; `None` when it does not.
    fn rank(&self, doc: &Folded, matcher: &mut Matcher) -> Option<(Rank, u32)> {
        let names = [doc.name.as_str(), doc.alias.as_str()];
        let mut name_score = || {
            names
                .iter()
                .filter_map(|n| score(&self.atom, n, matcher))
                .max()
                .map_or(0, u32::from)
        };
        let exact =
            names.contains(&self.text) || (!self.compact.is_empty() && doc.compact == self.compact);
        if exact {
            return Some((Rank::Exact, name_score()));
        }
        let prefix = names
            .iter()
            .any(|n| !n.is_empty() && n.starts_with(self.text))
            || (!self.compact.is_empty() && doc.compact.starts_with(&self.compact));
        if prefix {
            return Some((Rank::Prefix, name_score()));
        }
        let in_name = self
            .words
            .iter()
            .all(|w| names.iter().any(|n| word_starts(n, w) > 0));
        if in_name {
            return Some((Rank::Name, name_score()));
        }
        if self.perfect > 0 {
            let fuzzy = name_score();
            if f64::from(fuzzy) >= f64::from(self.perfect) * FUZZY_MIN_SHARE {
                return Some((Rank::Name, fuzzy));
            }
        }
        if self.text.chars().count() < TEXT_MIN_CHARS {
            return None;
        }
        // Every word must start a word of the text; the more often, the better.
        let mut mentions = 0;
        for w in &self.words {
            let n = word_starts(&doc.all, w);
            if n == 0 {
                return None;
            }
            mentions += n;
        }
        Some((Rank::Text, u32::try_from(mentions).unwrap_or(u32::MAX)))
    }
}

/// The fuzzy score of `atom` in `haystack`, if it matches.
fn score(atom: &Atom, haystack: &str, matcher: &mut Matcher) -> Option<u16> {
    let mut buf = Vec::new();
    atom.score(Utf32Str::new(haystack, &mut buf), matcher)
}

/// The letters and digits of `text`.
fn compact(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// How many times `needle` starts a word of `haystack` (both folded).
fn word_starts(haystack: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    haystack
        .match_indices(needle)
        .filter(|(i, _)| {
            haystack[..*i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .count()
}

/// The glossary, searched by term and expansion first, then by definition; ties in
/// alphabetical order of the terms.
#[derive(Debug)]
pub struct GlossarySearch {
    index: Index,
    /// The entry of each document of the index: the entries sorted by term.
    order: Vec<usize>,
}

impl GlossarySearch {
    pub fn new(entries: &[GlossaryEntry]) -> GlossarySearch {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_cached_key(|&i| (fold(&entries[i].term), i));
        let index = Index::new(order.iter().map(|&i| Doc {
            name: &entries[i].term,
            alias: &entries[i].expansion,
            text: &entries[i].definition,
        }));
        GlossarySearch { index, order }
    }

    /// Indices of the entries that match `query`, best first; every entry, sorted by term,
    /// for an empty query.
    pub fn find(&self, query: &str) -> Vec<usize> {
        self.index
            .find(query)
            .into_iter()
            .map(|h| self.order[h.doc])
            .collect()
    }
}

/// A lesson found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonHit {
    /// Index of the module in the catalog.
    pub module: usize,
    /// Index of the lesson in its module.
    pub lesson: usize,
    /// Its document in the index.
    doc: usize,
}

/// The lessons of every module, searched by title first, then by text; ties in the order of
/// the course.
#[derive(Debug)]
pub struct LessonSearch {
    index: Index,
    /// The module and lesson of each document, and its text without markdown.
    lessons: Vec<(usize, usize, String)>,
}

impl LessonSearch {
    pub fn new(modules: &[Module]) -> LessonSearch {
        let lessons: Vec<(usize, usize, String)> = modules
            .iter()
            .enumerate()
            .flat_map(|(m, module)| {
                module
                    .lessons
                    .iter()
                    .enumerate()
                    .map(move |(l, lesson)| (m, l, plain_text(&lesson.body)))
            })
            .collect();
        let titles: Vec<&str> = modules
            .iter()
            .flat_map(|m| m.lessons.iter().map(|l| l.title.as_str()))
            .collect();
        let index = Index::new(
            titles
                .iter()
                .zip(&lessons)
                .map(|(title, (_, _, text))| Doc {
                    name: title,
                    alias: "",
                    text,
                }),
        );
        LessonSearch { index, lessons }
    }

    /// The lessons that match `query`, best first; every lesson, in order, for an empty query.
    pub fn find(&self, query: &str) -> Vec<LessonHit> {
        self.index
            .find(query)
            .into_iter()
            .filter_map(|h| {
                let (module, lesson, _) = self.lessons.get(h.doc)?;
                Some(LessonHit {
                    module: *module,
                    lesson: *lesson,
                    doc: h.doc,
                })
            })
            .collect()
    }

    /// At most `max_chars` characters of the lesson's text around `query` (see [`excerpt`]):
    /// worked out only for the lessons shown.
    pub fn excerpt(&self, hit: LessonHit, query: &str, max_chars: usize) -> String {
        self.lessons
            .get(hit.doc)
            .map_or_else(String::new, |(_, _, text)| excerpt(text, query, max_chars))
    }
}

/// Markdown as plain words on one line: no heading, quote or list marks, no emphasis, no
/// table rules.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line
            .trim_start()
            .trim_start_matches(['#', '>'])
            .trim_start();
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .unwrap_or(line);
        if line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        // A table row reads as its cells, « · » between them.
        let line = if line.starts_with('|') {
            line.split('|')
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        } else {
            line.to_owned()
        };
        for word in line.split(' ') {
            let word: String = word.chars().filter(|c| !matches!(c, '*' | '`')).collect();
            if !word.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&word);
            }
        }
    }
    out
}

/// Words before the match shown at most, so that the match stays in view.
const EXCERPT_BEFORE_CHARS: usize = 30;

/// At most `max_chars` characters of `text` around the first word where `query` (its first
/// word) is found, « … » marking what is cut; the start of the text when it is not found.
pub fn excerpt(text: &str, query: &str, max_chars: usize) -> String {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.is_empty() || max_chars == 0 {
        return String::new();
    }
    let folded = fold(query);
    let first = folded.split(' ').next().unwrap_or_default();
    let hit = if first.is_empty() {
        0
    } else {
        words
            .iter()
            .position(|(_, w)| word_starts(&fold(w), first) > 0)
            .unwrap_or(0)
    };
    // Back a few words, within EXCERPT_BEFORE_CHARS.
    let mut from = hit;
    while from > 0 && text[words[from - 1].0..words[hit].0].chars().count() <= EXCERPT_BEFORE_CHARS
    {
        from -= 1;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut room = max_chars.saturating_sub(out.chars().count());
    for (i, (_, w)) in words.iter().enumerate().skip(from) {
        let len = w.chars().count() + usize::from(i > from);
        // After this word, a « … » must still fit, unless it ends the text.
        let needed = len + usize::from(i + 1 < words.len());
        if needed > room {
            // A first word longer than the room is shown cut rather than not at all.
            if i == from {
                out.extend(w.chars().take(room.saturating_sub(1)));
            }
            out.push('…');
            break;
        }
        if i > from {
            out.push(' ');
        }
        out.push_str(w);
        room -= len;
    }
    out
}

#[cfg(test)]
mod tests;
