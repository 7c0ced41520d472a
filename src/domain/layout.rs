//! Where each option of a question is shown, and the label it carries: the same in every
//! front end, so that a quiz begun in one resumes in the other with the same choices under
//! the same letters.

use super::question::Question;
use super::session::QuizSession;

/// Salts of a session's permutations, one per shuffled list of a question.
const SALT_CHOICES: u64 = 1;
const SALT_ITEMS: u64 = 2;
const SALT_RIGHT: u64 = 3;

/// The letters that label options, in order. J, K and Q are left out: in the full-screen
/// app they move the cursor and leave, so an option labelled with them could not be picked.
const LETTERS: &[u8; 23] = b"ABCDEFGHILMNOPRSTUVWXYZ";

/// Where each option of a question is shown: display position → content index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Choices of `single` and `multiple`.
    pub choices: Vec<usize>,
    /// Steps of `order`, in the order first shown.
    pub items: Vec<usize>,
    /// Right-hand options of `match` (indices into `right_options()`).
    pub rights: Vec<usize>,
}

impl Layout {
    /// The layout of `question` asked at `position` of `session`: always the same for them.
    pub fn of_session(question: &Question, session: &QuizSession, position: usize) -> Layout {
        Layout::with(question, |salt, n| session.permutation(position, salt, n))
    }

    /// The layout of `question` whose lists are shuffled by `permutation(salt, n)`, a
    /// permutation of `0..n`. Steps are never shown already in order: that would give the
    /// answer away.
    pub fn with(question: &Question, permutation: impl Fn(u64, usize) -> Vec<usize>) -> Layout {
        match question {
            Question::Single(c) | Question::Multiple(c) => Layout {
                choices: permutation(SALT_CHOICES, c.choices.len()),
                ..Layout::default()
            },
            Question::Order(o) => {
                let mut items = permutation(SALT_ITEMS, o.items.len());
                if items.len() > 1 && items.windows(2).all(|w| w[0] < w[1]) {
                    items.reverse();
                }
                Layout {
                    items,
                    ..Layout::default()
                }
            }
            Question::Match(m) => Layout {
                rights: permutation(SALT_RIGHT, m.right_options().len()),
                ..Layout::default()
            },
            _ => Layout::default(),
        }
    }
}

/// The label of display position `index`: A, B… (no J, K or Q), then, past Z, its number.
pub fn label(index: usize) -> String {
    LETTERS
        .get(index)
        .map_or_else(|| (index + 1).to_string(), |&c| char::from(c).to_string())
}

/// The display position a typed letter stands for (case-insensitive), if any.
pub fn label_index(c: char) -> Option<usize> {
    let upper = u8::try_from(c.to_ascii_uppercase()).ok()?;
    LETTERS.iter().position(|&l| l == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_skip_the_letters_that_are_keys() {
        let labels: Vec<String> = (0..25).map(label).collect();
        assert_eq!(labels[..9].join(""), "ABCDEFGHI");
        assert_eq!(labels[9], "L");
        assert!(!labels.iter().any(|l| matches!(l.as_str(), "J" | "K" | "Q")));
        assert_eq!(labels[22], "Z");
        assert_eq!(labels[23], "24");
        for (i, l) in labels.iter().take(23).enumerate() {
            let c = l.chars().next().expect("a letter");
            assert_eq!(label_index(c), Some(i));
            assert_eq!(label_index(c.to_ascii_lowercase()), Some(i));
        }
        for c in ['j', 'K', 'q', '1', 'é'] {
            assert_eq!(label_index(c), None);
        }
    }
}
