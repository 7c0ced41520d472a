use super::*;
use crate::domain::question::{
    Answer, Choice, MatchQuestion, OpenQuestion, OrderQuestion, Pair, TrueFalseQuestion,
};

fn choice(text: &str) -> Choice {
    Choice::new(text)
}

fn choices(n: usize, correct: Vec<usize>) -> ChoiceQuestion {
    ChoiceQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec!["s".into()],
        tags: vec![],
        difficulty: None,
        choices: (0..n).map(|i| choice(&format!("c{i}"))).collect(),
        correct,
    }
}

fn short(accepted: &[&str]) -> Question {
    Question::Short(ShortQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        accepted: accepted.iter().map(|a| Answer::new(*a)).collect(),
    })
}

fn text(s: &str) -> Response {
    Response::Text(s.into())
}

#[test]
fn single_right_wrong_and_none() {
    let q = Question::Single(choices(4, vec![2]));
    let right = grade(&q, &Response::Choices(vec![2]));
    assert_eq!(right.score, 1.0);
    assert_eq!(right.verdict(), Verdict::Correct);
    assert_eq!(right.parts, vec![true; 4]);
    let wrong = grade(&q, &Response::Choices(vec![1]));
    assert_eq!(wrong.verdict(), Verdict::Incorrect);
    assert_eq!(wrong.parts, vec![true, false, false, true]);
    assert_eq!(grade(&q, &Response::Choices(vec![])).score, 0.0);
    // Two picks on a single question is not a way to hedge.
    assert_eq!(grade(&q, &Response::Choices(vec![1, 2])).score, 0.0);
    assert_eq!(grade(&q, &Response::Choices(vec![99])).score, 0.0);
}

#[test]
fn single_choice_weight_gives_partial_credit() {
    let mut q = choices(3, vec![0]);
    q.choices[1].weight = Some(50.0);
    q.choices[1].feedback = Some("presque".into());
    let outcome = grade(&Question::Single(q), &Response::Choices(vec![1]));
    assert_eq!(outcome.score, 0.5);
    assert_eq!(outcome.verdict(), Verdict::Partial);
    assert_eq!(outcome.feedback, vec!["presque".to_string()]);
}

#[test]
fn mismatch_table_of_the_edn() {
    assert_eq!(
        (0..6).map(mismatch_credit).collect::<Vec<_>>(),
        [1.0, 0.5, 0.2, 0.0, 0.0, 0.0]
    );
}

#[test]
fn multiple_is_scored_by_mismatches() {
    let q = Question::Multiple(choices(5, vec![0, 2, 4]));
    let score = |picked: Vec<usize>| grade(&q, &Response::Choices(picked)).score;
    assert_eq!(score(vec![0, 2, 4]), 1.0);
    // One key left: one mismatch.
    let two_of_three = grade(&q, &Response::Choices(vec![0, 2]));
    assert_eq!(two_of_three.score, 0.5);
    assert_eq!(two_of_three.verdict(), Verdict::Partial);
    assert_eq!(two_of_three.parts, vec![true, true, true, true, false]);
    // One wrong option ticked besides every key: one mismatch too.
    assert_eq!(score(vec![0, 1, 2, 4]), 0.5);
    // Two mismatches, then three and more.
    assert_eq!(score(vec![0, 1, 2]), 0.2);
    assert_eq!(score(vec![0, 1]), 0.0);
    assert_eq!(score(vec![]), 0.0);
    assert_eq!(
        grade(&q, &Response::Choices(vec![1, 3])).verdict(),
        Verdict::Incorrect
    );
    // Ticking everything is two mismatches here, never a winning strategy.
    assert_eq!(score(vec![0, 1, 2, 3, 4]), 0.2);
    // The same pick twice, or a pick past the last choice, counts for nothing.
    assert_eq!(score(vec![0, 0, 2, 4, 9]), 1.0);
    assert!(
        grade(&q, &Response::Choices(vec![0, 2]))
            .decisive
            .is_empty()
    );
}

#[test]
fn an_inacceptable_choice_ticked_gives_zero_and_says_why() {
    let mut q = choices(5, vec![0, 2]);
    q.choices[3].inacceptable = true;
    let q = Question::Multiple(q);
    let ticked = grade(&q, &Response::Choices(vec![0, 2, 3]));
    assert_eq!(ticked.score, 0.0, "one mismatch would give 0.5");
    assert_eq!(ticked.verdict(), Verdict::Incorrect);
    assert_eq!(ticked.decisive, [Decisive::InacceptableTicked(3)]);
    // Another wrong choice is an ordinary mismatch.
    let other = grade(&q, &Response::Choices(vec![0, 1, 2]));
    assert_eq!(other.score, 0.5);
    assert!(other.decisive.is_empty());
}

#[test]
fn an_indispensable_choice_left_gives_zero_and_says_why() {
    let mut q = choices(5, vec![0, 2, 4]);
    q.choices[2].indispensable = true;
    q.choices[1].inacceptable = true;
    let q = Question::Multiple(q);
    let left = grade(&q, &Response::Choices(vec![0, 4]));
    assert_eq!(left.score, 0.0, "one mismatch would give 0.5");
    assert_eq!(left.decisive, [Decisive::IndispensableMissed(2)]);
    // Leaving another key is an ordinary mismatch.
    assert_eq!(grade(&q, &Response::Choices(vec![0, 2])).score, 0.5);
    // Both faults at once: both are told, in the content's order.
    let both = grade(&q, &Response::Choices(vec![1, 4]));
    assert_eq!(
        both.decisive,
        [
            Decisive::InacceptableTicked(1),
            Decisive::IndispensableMissed(2)
        ]
    );
    assert_eq!(both.decisive[1].choice(), 2);
}

#[test]
fn flags_do_not_apply_to_single_questions() {
    let mut q = choices(3, vec![0]);
    q.choices[0].indispensable = true;
    q.choices[1].inacceptable = true;
    let q = Question::Single(q);
    assert_eq!(grade(&q, &Response::Choices(vec![0])).score, 1.0);
    assert!(grade(&q, &Response::Choices(vec![1])).decisive.is_empty());
}

#[test]
fn multiple_with_moodle_weights() {
    let mut q = choices(3, vec![0, 1]);
    q.choices[0].weight = Some(50.0);
    q.choices[1].weight = Some(50.0);
    q.choices[2].weight = Some(-100.0);
    let q = Question::Multiple(q);
    assert_eq!(grade(&q, &Response::Choices(vec![0, 1])).score, 1.0);
    assert_eq!(grade(&q, &Response::Choices(vec![0])).score, 0.5);
    assert_eq!(grade(&q, &Response::Choices(vec![0, 2])).score, 0.0);
}

#[test]
fn true_false_with_feedback() {
    let q = Question::TrueFalse(TrueFalseQuestion {
        id: "q".into(),
        prompt: "L'employeur partage le secret.".into(),
        explanation: "Non.".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        answer: false,
        feedback_true: Some("Jamais l'employeur.".into()),
        feedback_false: None,
    });
    let wrong = grade(&q, &Response::Bool(true));
    assert_eq!(wrong.verdict(), Verdict::Incorrect);
    assert_eq!(wrong.feedback, vec!["Jamais l'employeur.".to_string()]);
    assert_eq!(
        grade(&q, &Response::Bool(false)).verdict(),
        Verdict::Correct
    );
    // A response of another kind is wrong, not a panic.
    assert_eq!(grade(&q, &text("faux")).score, 0.0);
}

#[test]
fn short_french_matching() {
    let q = short(&["Échelon local du service médical"]);
    for typed in [
        "échelon local du service médical",
        "ECHELON LOCAL DU SERVICE MEDICAL",
        "  Echelon local du service médical.  ",
        "échelon  local du service médical !",
        "échelon local du servcie médical", // one swap
        "échelon local du service médica",  // one deletion
    ] {
        assert_eq!(grade(&q, &text(typed)).score, 1.0, "{typed}");
    }
    assert_eq!(
        grade(&q, &text("échelon régional du service médical")).score,
        0.0
    );
    assert_eq!(grade(&q, &text("")).score, 0.0);
}

#[test]
fn short_apostrophes_and_ligatures() {
    let q = short(&["l’œil du médecin"]);
    assert_eq!(grade(&q, &text("l'oeil du medecin")).score, 1.0);
    let q = short(&["Code pénal"]);
    assert_eq!(grade(&q, &text("« code penal »")).score, 1.0);
}

#[test]
fn short_answers_tolerate_no_typo() {
    // Short answers (acronyms) must be exact once folded: ELSM is not ELSA.
    let q = short(&["ELSM"]);
    assert_eq!(grade(&q, &text("elsm")).score, 1.0);
    assert_eq!(grade(&q, &text("elsa")).score, 0.0);
    assert_eq!(grade(&q, &text("els")).score, 0.0);
}

#[test]
fn typos_forgiven_grow_with_the_answer_but_never_touch_digits() {
    // Seven letters: one typo.
    let q = short(&["rechute"]);
    assert_eq!(grade(&q, &text("rechtue")).score, 1.0);
    assert_eq!(grade(&q, &text("rechtu")).score, 0.0);
    // Thirteen: two.
    let q = short(&["consolidation"]);
    assert_eq!(grade(&q, &text("consoldatoin")).score, 1.0);
    assert_eq!(grade(&q, &text("cnsoldatoin")).score, 0.0);
    // Five: one, where eight used to be the floor.
    let q = short(&["CEPRA"]);
    assert_eq!(grade(&q, &text("cerpa")).score, 1.0);
    // A digit changed is another answer.
    let q = short(&["L. 315-1"]);
    assert_eq!(grade(&q, &text("l. 315-2")).score, 0.0);
    assert_eq!(grade(&q, &text("L 315-1")).score, 1.0);
    assert_eq!(typo_budget(4), 0);
    assert_eq!(typo_budget(5), 1);
    assert_eq!(typo_budget(12), 2);
}

#[test]
fn short_weighted_answers_take_the_best() {
    let q = Question::Short(ShortQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        accepted: vec![
            Answer {
                text: "consolidation".into(),
                weight: None,
                feedback: Some("Oui.".into()),
            },
            Answer {
                text: "guérison".into(),
                weight: Some(50.0),
                feedback: Some("Pas tout à fait.".into()),
            },
        ],
    });
    let half = grade(&q, &text("guerison"));
    assert_eq!(half.score, 0.5);
    assert_eq!(half.feedback, vec!["Pas tout à fait.".to_string()]);
    assert_eq!(
        grade(&q, &text("Consolidation")).feedback,
        vec!["Oui.".to_string()]
    );
}

fn numeric(answers: Vec<NumericAnswer>) -> Question {
    Question::Numeric(NumericQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        answers,
        unit: Some("€".into()),
        feedback_other: None,
    })
}

#[test]
fn numeric_value_tolerance_and_range() {
    let q = numeric(vec![NumericAnswer {
        value: Some(15000.0),
        ..Default::default()
    }]);
    assert_eq!(grade(&q, &text("15 000")).score, 1.0);
    assert_eq!(grade(&q, &text("15000 €")).score, 1.0);
    assert_eq!(grade(&q, &text("15 001")).score, 0.0);
    assert_eq!(grade(&q, &text("quinze mille")).score, 0.0);

    let q = numeric(vec![NumericAnswer {
        value: Some(66.0),
        tolerance: Some(1.0),
        ..Default::default()
    }]);
    assert_eq!(grade(&q, &text("66,7")).score, 1.0);
    assert_eq!(grade(&q, &text("67")).score, 1.0);
    assert_eq!(grade(&q, &text("67,5")).score, 0.0);

    let q = numeric(vec![
        NumericAnswer {
            min: Some(3.0),
            max: Some(5.0),
            ..Default::default()
        },
        NumericAnswer {
            value: Some(6.0),
            weight: Some(50.0),
            ..Default::default()
        },
    ]);
    assert_eq!(grade(&q, &text("4")).score, 1.0);
    assert_eq!(grade(&q, &text("6")).score, 0.5);
    assert_eq!(grade(&q, &text("2")).score, 0.0);
}

#[test]
fn numeric_catch_all_feedback_for_any_other_answer() {
    let Question::Numeric(mut q) = numeric(vec![NumericAnswer {
        value: Some(3.0),
        feedback: Some("Trois jours de carence.".into()),
        ..Default::default()
    }]) else {
        unreachable!()
    };
    q.feedback_other = Some("Relisez la règle du délai de carence.".into());
    let q = Question::Numeric(q);
    assert_eq!(
        grade(&q, &text("3")).feedback,
        vec!["Trois jours de carence.".to_string()]
    );
    for other in ["7", "trois"] {
        let outcome = grade(&q, &text(other));
        assert_eq!(outcome.score, 0.0);
        assert_eq!(
            outcome.feedback,
            vec!["Relisez la règle du délai de carence.".to_string()]
        );
    }
}

#[test]
fn order_counts_well_placed_steps() {
    let q = Question::Order(OrderQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        items: vec!["a".into(), "b".into(), "c".into(), "d".into()],
    });
    assert_eq!(
        grade(&q, &Response::Order(vec![0, 1, 2, 3])).verdict(),
        Verdict::Correct
    );
    let swapped = grade(&q, &Response::Order(vec![0, 1, 3, 2]));
    assert_eq!(swapped.score, 0.5);
    assert_eq!(swapped.parts, vec![true, true, false, false]);
    // Too short a response is wrong where it says nothing.
    assert_eq!(grade(&q, &Response::Order(vec![0])).score, 0.25);
}

#[test]
fn match_compares_by_right_text_and_ignores_distractors() {
    let q = Question::Match(MatchQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        pairs: vec![
            Pair {
                left: "R4127-72".into(),
                right: "Secret des collaborateurs".into(),
            },
            Pair {
                left: "R4127-104".into(),
                right: "Médecin chargé du contrôle".into(),
            },
            Pair {
                left: "226-13".into(),
                right: "Peine".into(),
            },
        ],
        distractors: vec!["Congés".into()],
    });
    let Question::Match(m) = &q else {
        unreachable!()
    };
    assert_eq!(m.right_options().len(), 4);
    let right = grade(&q, &Response::Pairs(vec![Some(0), Some(1), Some(2)]));
    assert_eq!(right.verdict(), Verdict::Correct);
    let partly = grade(&q, &Response::Pairs(vec![Some(0), Some(3), None]));
    assert!((partly.score - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(partly.parts, vec![true, false, false]);
    assert_eq!(grade(&q, &Response::Pairs(vec![Some(42)])).score, 0.0);
}

#[test]
fn shared_partners_are_offered_once() {
    let q = MatchQuestion {
        id: "q".into(),
        prompt: "?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        pairs: vec![
            Pair {
                left: "Employeur".into(),
                right: "Non partagé".into(),
            },
            Pair {
                left: "Expert".into(),
                right: "Non partagé".into(),
            },
        ],
        distractors: vec!["Non partagé".into(), "Partagé".into()],
    };
    assert_eq!(q.right_options(), vec!["Non partagé", "Partagé"]);
    let outcome = grade(
        &Question::Match(q),
        &Response::Pairs(vec![Some(0), Some(0)]),
    );
    assert_eq!(outcome.score, 1.0);
}

#[test]
fn open_is_self_graded() {
    let q = Question::Open(OpenQuestion {
        id: "q".into(),
        prompt: "Que faites-vous ?".into(),
        explanation: "car".into(),
        sources: vec![],
        tags: vec![],
        difficulty: None,
        model_answer: "Je refuse.".into(),
        checklist: vec![],
    });
    let graded = |grade_given| {
        grade(
            &q,
            &Response::SelfGraded {
                text: "…".into(),
                grade: grade_given,
                ticked: vec![0],
            },
        )
        .score
    };
    assert_eq!(graded(SelfGrade::Right), 1.0);
    assert_eq!(graded(SelfGrade::Partly), 0.5);
    assert_eq!(graded(SelfGrade::Wrong), 0.0);
}
