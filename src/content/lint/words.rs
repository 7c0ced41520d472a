//! The French words the item-writing rules look for, matched accent- and case-blind on whole
//! words, with each word's original spelling kept (a negation in capitals is meant).

use crate::domain::text::fold;

/// Absolute words, by family: a key that says « seule » answers a wrong option that says
/// « seul ». The first spelling names the family in messages.
pub const ABSOLUTE: &[&[&str]] = &[
    &["toujours"],
    &["jamais"],
    &["aucun", "aucune", "aucuns", "aucunes"],
    &["tous", "toutes"],
    &["seul", "seule", "seuls", "seules"],
    &["uniquement"],
    &["exclusivement"],
    &["systematiquement"],
    &["obligatoirement"],
    &["forcement"],
];

/// Vague frequency words and phrases (folded): an option should say what the text says.
pub const VAGUE: &[&str] = &[
    "souvent",
    "parfois",
    "generalement",
    "habituellement",
    "frequemment",
    "rarement",
    "en principe",
    "en general",
    "la plupart du temps",
];

/// « Toutes les réponses… », « aucune des propositions… »: the start of each such phrase,
/// then the nouns that may end it.
const ALL_OR_NONE_STARTS: &[&str] = &["toutes les", "toutes ces", "aucune des", "aucune de ces"];
const ALL_OR_NONE_NOUNS: &[&str] = &["reponses", "propositions", "affirmations", "options"];
/// Phrases that point at the other options whatever the noun.
const POINTING: &[&str] = &["ci dessus", "tout ce qui precede"];

/// How many words may stand between « ne » and « pas » (« ne le lui a pas »).
const NEGATION_GAP: usize = 4;

/// One word of a text.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// As written.
    pub raw: &'a str,
    /// Folded: lower case, no accents.
    pub folded: String,
    /// Followed by an apostrophe (« n’ », « l’ »): an elided word.
    pub elided: bool,
    /// A sentence ends between the previous word and this one.
    pub new_sentence: bool,
}

impl Word<'_> {
    /// Written in capitals, as a negation that the writer wants read (« SAUF », « PAS »).
    pub fn in_capitals(&self) -> bool {
        self.raw.chars().any(char::is_uppercase) && !self.raw.chars().any(char::is_lowercase)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// The words of `text`, split at anything that is not a letter or a digit (apostrophes and
/// hyphens included: « n’est » is « n » and « est », « ci-dessus » is « ci » and « dessus »).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut since_last = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let raw = &text[s..i];
                let gap = &text[since_last..s];
                out.push(Word {
                    raw,
                    folded: fold(raw),
                    elided: matches!(c, '\'' | '’' | 'ʼ'),
                    new_sentence: !out.is_empty() && gap.contains(['.', '?', '!', ';', '\n']),
                });
                since_last = i;
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where the folded `phrase` (words separated by one space) starts in `words`, if it does.
pub fn find(words: &[Word], phrase: &str) -> Option<usize> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    (0..words.len()).find(|&i| {
        parts.len() <= words.len() - i && parts.iter().zip(&words[i..]).all(|(p, w)| *p == w.folded)
    })
}

/// The absolute-word families present in `words`, by their index in [`ABSOLUTE`].
pub fn absolute_families(words: &[Word]) -> Vec<usize> {
    ABSOLUTE
        .iter()
        .enumerate()
        .filter(|(_, family)| words.iter().any(|w| family.contains(&w.folded.as_str())))
        .map(|(i, _)| i)
        .collect()
}

/// The first vague word or phrase of `words`, as written.
pub fn vague(words: &[Word]) -> Option<String> {
    VAGUE.iter().find_map(|phrase| {
        find(words, phrase).map(|i| written(words, i, phrase.split(' ').count()))
    })
}

/// The first « toutes les réponses… » or « aucune des propositions… » of `words`, as written.
pub fn all_or_none(words: &[Word]) -> Option<String> {
    for start in ALL_OR_NONE_STARTS {
        let n = start.split(' ').count();
        let mut from = 0;
        while let Some(i) = find(&words[from..], start).map(|i| i + from) {
            if words
                .get(i + n)
                .is_some_and(|w| ALL_OR_NONE_NOUNS.contains(&w.folded.as_str()))
            {
                return Some(written(words, i, n + 1));
            }
            from = i + 1;
        }
    }
    POINTING.iter().find_map(|phrase| {
        find(words, phrase).map(|i| written(words, i, phrase.split(' ').count()))
    })
}

/// The first negation of a stem not written in capitals: « sauf », « inexact(e)(s) », or
/// « ne … pas » (« n’… pas ») within a few words of one sentence. Returned as written.
pub fn negation(words: &[Word]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        let f = w.folded.as_str();
        if (f == "sauf" || f.starts_with("inexact")) && !w.in_capitals() {
            return Some(w.raw.to_owned());
        }
        let ne = f == "ne" || (f == "n" && w.elided);
        if !ne {
            continue;
        }
        for (k, next) in words.iter().enumerate().skip(i + 1).take(NEGATION_GAP + 1) {
            if next.new_sentence {
                break;
            }
            if next.folded == "pas" {
                if next.in_capitals() {
                    break;
                }
                let apostrophe = if w.elided { "’" } else { " " };
                let between = if k > i + 1 { "… " } else { "" };
                return Some(format!("{}{apostrophe}{between}{}", w.raw, next.raw));
            }
        }
    }
    None
}

/// `n` words from `i`, as written, separated by spaces.
fn written(words: &[Word], i: usize, n: usize) -> String {
    words[i..(i + n).min(words.len())]
        .iter()
        .map(|w| w.raw)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.folded).collect()
    }

    #[test]
    fn words_are_split_folded_and_marked() {
        assert_eq!(
            folded("L’employeur n’est-il PAS « seul » ? Ci-dessus."),
            [
                "l",
                "employeur",
                "n",
                "est",
                "il",
                "pas",
                "seul",
                "ci",
                "dessus"
            ]
        );
        let w = words("n’est. Pas");
        assert!(w[0].elided && !w[1].elided);
        assert!(w[2].new_sentence && !w[1].new_sentence);
        assert!(words("SAUF")[0].in_capitals());
        assert!(!words("Sauf")[0].in_capitals());
        assert!(!words("2025")[0].in_capitals());
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let w = words("Le plus souvent, en principe.");
        assert_eq!(find(&w, "en principe"), Some(3));
        assert_eq!(vague(&w).as_deref(), Some("souvent"));
        // « toujours » inside another word is not the word.
        assert!(absolute_families(&words("Les toujoursiens")).is_empty());
        assert_eq!(
            absolute_families(&words("Seules les IJ, JAMAIS la rente")),
            [1, 4]
        );
    }

    #[test]
    fn negations() {
        assert_eq!(
            negation(&words("Quelle mesure ne s’applique pas ?")).as_deref(),
            Some("ne … pas")
        );
        assert_eq!(
            negation(&words("Qu’est-ce qui n’est pas couvert ?")).as_deref(),
            Some("n’… pas")
        );
        assert_eq!(negation(&words("Toutes SAUF une")), None);
        assert_eq!(negation(&words("Laquelle ne s’applique PAS ?")), None);
        // « ne » and « pas » of two sentences, or far apart, are no negation.
        assert_eq!(negation(&words("Il ne vient. Pas à pas.")), None);
        assert_eq!(negation(&words("Le n° 12 pas")), None);
        assert_eq!(
            negation(&words("L’affirmation inexacte")).as_deref(),
            Some("inexacte")
        );
    }
}
