//! `[indispensable:N]` and `[inacceptable:N]` in a question's comments: the N-th answer of
//! the block (from 1) decides the score alone, as the EDN's QRM rules have it.
//!
//! Moodle has no such rule. conseil's export writes an inacceptable answer at −100 %, which
//! in Moodle too brings the mark to 0, and an indispensable one as any right answer; these
//! comments, which Moodle ignores as any comment, carry both flags back to conseil exactly.

use std::ops::Range;

use crate::domain::question::Question;

/// Which flag a comment sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flag {
    Indispensable,
    Inacceptable,
}

impl Flag {
    pub(super) fn name(self) -> &'static str {
        match self {
            Flag::Indispensable => "indispensable",
            Flag::Inacceptable => "inacceptable",
        }
    }
}

/// One `[flag:N]` of a comment.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub flag: Flag,
    /// The value as written.
    pub value: String,
    /// Where the token stands in the file.
    pub span: Range<usize>,
}

impl Token {
    /// The answer it names, from 0; `None` when the value is not a number from 1.
    fn answer(&self) -> Option<usize> {
        self.value.trim().parse::<usize>().ok()?.checked_sub(1)
    }
}

/// The flag tokens of the comment lines of `text[block]`.
pub(super) fn tokens(text: &str, block: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    let Some(lines) = text.get(block.clone()) else {
        return out;
    };
    let mut at = block.start;
    for line in lines.split('\n') {
        let start = at;
        at += line.len() + 1;
        if !line.trim_start().starts_with("//") {
            continue;
        }
        for flag in [Flag::Indispensable, Flag::Inacceptable] {
            let opening = format!("[{}:", flag.name());
            let mut from = 0;
            while let Some(p) = line[from..].find(&opening) {
                let value_start = from + p + opening.len();
                let Some(len) = line[value_start..].find(']') else {
                    break;
                };
                out.push(Token {
                    flag,
                    value: line[value_start..value_start + len].to_owned(),
                    span: start + from + p..start + value_start + len + 1,
                });
                from = value_start + len + 1;
            }
        }
    }
    out
}

/// Sets on `question` the flags its tokens name, and gives back those that name no answer of
/// it. Whether a flag fits its answer (a right one, a question scored by mismatches) is the
/// content rules' to say, as for a module written in JSON.
pub(super) fn apply(question: &mut Question, tokens: Vec<Token>) -> Vec<Token> {
    let choices = match question {
        Question::Single(c) | Question::Multiple(c) => Some(&mut c.choices),
        _ => None,
    };
    let Some(choices) = choices else {
        return tokens;
    };
    let mut unused = Vec::new();
    for token in tokens {
        match token.answer().and_then(|i| choices.get_mut(i)) {
            Some(choice) => match token.flag {
                Flag::Indispensable => choice.indispensable = true,
                Flag::Inacceptable => choice.inacceptable = true,
            },
            None => unused.push(token),
        }
    }
    unused
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_read_from_comments_only() {
        let text = "// [id:x] [inacceptable:3]\n// [indispensable:1] [indispensable:x]\nQ [inacceptable:2] {~a}";
        let found = tokens(text, 0..text.len());
        let values: Vec<(Flag, &str)> = found.iter().map(|t| (t.flag, t.value.as_str())).collect();
        assert_eq!(
            values,
            [
                (Flag::Inacceptable, "3"),
                (Flag::Indispensable, "1"),
                (Flag::Indispensable, "x")
            ]
        );
        assert_eq!(&text[found[0].span.clone()], "[inacceptable:3]");
        assert_eq!(&text[found[2].span.clone()], "[indispensable:x]");
        assert_eq!(found[1].answer(), Some(0));
        assert_eq!(found[2].answer(), None);
    }
}
