//! import(export(module)) keeps every question: kind, texts, answers, weights and feedback,
//! for every kind GIFT can express, whatever the text (GIFT's special characters included).
//! And the importer never panics, whatever it is given.

use proptest::prelude::*;

use conseil::content::gift::{self, ImportOptions};
use conseil::content::load::{BUILTIN, Document, read_document};
use conseil::domain::content::{FORMAT_VERSION, Lesson, Module, Source};
use conseil::domain::question::{
    Answer, Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OpenQuestion,
    Pair, Question, ShortQuestion, TrueFalseQuestion,
};

/// PHP's trim, as Moodle applies it to every part: GIFT cannot keep such spaces.
fn php_trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\0' | '\x0B'))
}

/// Texts with every character GIFT treats specially, line breaks, markdown and HTML signs,
/// but no digit or `@` (the personal-data lint would rightly stop a phone number).
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Zéàç’« ~=#{}:%<>&*_/\\\\\\[\\]\n.-]{1,20}".prop_filter_map("blank", |s| {
        let t = php_trim(&s);
        (!t.is_empty()).then(|| t.to_owned())
    })
}

/// A text with no `->`: GIFT has no way to write one in a short answer or on the left of a
/// pair (the exporter replaces it, and says so).
fn arrowless() -> impl Strategy<Value = String> {
    text().prop_filter_map("blank", |mut s| {
        while s.contains("->") {
            s = s.replace("->", "-");
        }
        (!s.is_empty()).then_some(s)
    })
}

fn one_line() -> impl Strategy<Value = String> {
    arrowless().prop_filter_map("blank", |s| {
        let s = s.replace('\n', " ");
        let t = php_trim(&s);
        (!t.is_empty()).then(|| t.to_owned())
    })
}

const GRADES: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

fn grade() -> impl Strategy<Value = f64> {
    prop::sample::select(GRADES.to_vec())
}

fn signed_grade() -> impl Strategy<Value = f64> {
    (grade(), any::<bool>()).prop_map(|(g, negative)| if negative { -g } else { g })
}

fn number() -> impl Strategy<Value = f64> {
    (-1_000_000i64..1_000_000, 0i32..4).prop_map(|(n, d)| n as f64 / 10f64.powi(d))
}

fn feedback() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn choice(weight: impl Strategy<Value = Option<f64>>) -> impl Strategy<Value = Choice> {
    (text(), feedback(), weight).prop_map(|(text, feedback, weight)| Choice {
        text,
        feedback,
        weight,
        ..Choice::default()
    })
}

fn base(prompt: String, explanation: String, tags: Vec<String>) -> ChoiceQuestion {
    ChoiceQuestion {
        id: String::new(),
        prompt,
        explanation,
        sources: vec!["s".into()],
        tags,
        difficulty: None,
        choices: Vec::new(),
        correct: Vec::new(),
    }
}

fn common() -> impl Strategy<Value = ChoiceQuestion> {
    (
        text(),
        text(),
        prop::collection::btree_set("[a-z]{1,8}", 0..3),
    )
        .prop_map(|(prompt, explanation, tags)| {
            base(prompt, explanation, tags.into_iter().collect())
        })
}

fn single() -> impl Strategy<Value = Question> {
    (
        common(),
        choice(Just(None)),
        prop::collection::vec(choice(prop::option::of(signed_grade())), 1..5),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut q, right, mut others, at)| {
            let at = at.index(others.len() + 1);
            others.insert(at, right);
            q.choices = others;
            q.correct = vec![at];
            Question::Single(q)
        })
}

/// Check boxes, either scored by mismatches (no weight at all), with some choices
/// indispensable or inacceptable, or with Moodle weights: a positive one on each right choice,
/// and at least one unweighted wrong choice.
fn multiple() -> impl Strategy<Value = Question> {
    let unweighted = (
        common(),
        prop::collection::vec(
            (choice(Just(None)), any::<bool>(), prop::bool::weighted(0.3)),
            2..7,
        ),
    )
        .prop_filter_map("no right choice", |(mut q, choices)| {
            q.correct = choices
                .iter()
                .enumerate()
                .filter(|(_, (_, right, _))| *right)
                .map(|(i, _)| i)
                .collect();
            q.choices = choices
                .into_iter()
                .map(|(mut c, right, flagged)| {
                    c.indispensable = right && flagged;
                    c.inacceptable = !right && flagged;
                    c
                })
                .collect();
            (!q.correct.is_empty()).then_some(Question::Multiple(q))
        });
    let positive = grade().prop_filter("positive", |g| *g > 0.0);
    let weighted = (
        common(),
        prop::collection::vec(choice(positive.prop_map(Some)), 1..4),
        prop::collection::vec(choice(Just(None)), 1..3),
        prop::collection::vec(choice(grade().prop_map(|g| Some(-g))), 0..2),
    )
        .prop_map(|(mut q, right, bare, negative)| {
            q.correct = (0..right.len()).collect();
            q.choices = right.into_iter().chain(bare).chain(negative).collect();
            Question::Multiple(q)
        });
    prop_oneof![unweighted, weighted]
}

fn true_false() -> impl Strategy<Value = Question> {
    (common(), any::<bool>(), feedback(), feedback()).prop_map(
        |(q, answer, feedback_true, feedback_false)| {
            Question::TrueFalse(TrueFalseQuestion {
                id: q.id,
                prompt: q.prompt,
                explanation: q.explanation,
                sources: q.sources,
                tags: q.tags,
                difficulty: None,
                answer,
                feedback_true,
                feedback_false,
            })
        },
    )
}

fn short() -> impl Strategy<Value = Question> {
    let answer = (
        arrowless(),
        prop::option::of(signed_grade()),
        prop::option::of(arrowless()),
    )
        .prop_map(|(text, weight, feedback)| Answer {
            text,
            weight,
            feedback,
        });
    (common(), prop::collection::vec(answer, 1..5)).prop_map(|(q, mut accepted)| {
        // Moodle requires an answer worth 100 %.
        accepted[0].weight = None;
        Question::Short(ShortQuestion {
            id: q.id,
            prompt: q.prompt,
            explanation: q.explanation,
            sources: q.sources,
            tags: q.tags,
            difficulty: None,
            accepted,
        })
    })
}

fn numeric() -> impl Strategy<Value = Question> {
    let accepted = prop_oneof![
        (number(), prop::option::of(number().prop_map(f64::abs))).prop_map(|(v, t)| {
            NumericAnswer {
                value: Some(v),
                tolerance: t,
                ..NumericAnswer::default()
            }
        }),
        (number(), number()).prop_map(|(a, b)| NumericAnswer {
            min: Some(a.min(b)),
            max: Some(a.max(b)),
            ..NumericAnswer::default()
        }),
    ];
    let answer = (accepted, prop::option::of(signed_grade()), feedback()).prop_map(
        |(mut a, weight, feedback)| {
            a.weight = weight;
            a.feedback = feedback;
            a
        },
    );
    (
        common(),
        prop::collection::vec(answer, 1..4),
        prop::option::of(one_line()),
        feedback(),
    )
        .prop_map(|(q, answers, unit, feedback_other)| {
            Question::Numeric(NumericQuestion {
                id: q.id,
                prompt: q.prompt,
                explanation: q.explanation,
                sources: q.sources,
                tags: q.tags,
                difficulty: None,
                answers,
                unit,
                feedback_other,
            })
        })
}

fn matching() -> impl Strategy<Value = Question> {
    let pair = (arrowless(), text()).prop_map(|(left, right)| Pair { left, right });
    (
        common(),
        prop::collection::vec(pair, 2..5),
        prop::collection::vec(text(), 0..3),
    )
        .prop_map(|(q, pairs, distractors)| {
            Question::Match(MatchQuestion {
                id: q.id,
                prompt: q.prompt,
                explanation: q.explanation,
                sources: q.sources,
                tags: q.tags,
                difficulty: None,
                pairs,
                distractors,
            })
        })
}

fn open() -> impl Strategy<Value = Question> {
    (common(), text(), prop::collection::vec(one_line(), 0..3)).prop_map(
        |(q, model_answer, checklist)| {
            Question::Open(OpenQuestion {
                id: q.id,
                prompt: q.prompt,
                explanation: q.explanation,
                sources: q.sources,
                tags: q.tags,
                difficulty: None,
                model_answer,
                checklist,
            })
        },
    )
}

fn question() -> impl Strategy<Value = Question> {
    prop_oneof![
        single(),
        multiple(),
        true_false(),
        short(),
        numeric(),
        matching(),
        open()
    ]
}

fn set_id(q: &mut Question, id: String) {
    match q {
        Question::Single(q) | Question::Multiple(q) => q.id = id,
        Question::TrueFalse(q) => q.id = id,
        Question::Short(q) => q.id = id,
        Question::Numeric(q) => q.id = id,
        Question::Order(q) => q.id = id,
        Question::Match(q) => q.id = id,
        Question::Open(q) => q.id = id,
    }
}

/// The same choice question with its choices in one order (the export may turn them round
/// so that a right one does not come first), each still right or wrong.
fn in_one_order(q: &Question) -> Question {
    let mut q = without_metadata(q);
    if let Question::Single(c) | Question::Multiple(c) = &mut q {
        let mut choices: Vec<(String, Choice, bool)> = c
            .choices
            .iter()
            .enumerate()
            .map(|(i, ch)| (format!("{ch:?}"), ch.clone(), c.correct.contains(&i)))
            .collect();
        choices.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
        c.correct = (0..choices.len()).filter(|&i| choices[i].2).collect();
        c.choices = choices.into_iter().map(|(_, ch, _)| ch).collect();
    }
    q
}

/// The same question with what GIFT does not carry (sources, tags) made equal.
fn without_metadata(q: &Question) -> Question {
    let mut q = q.clone();
    macro_rules! clear {
        ($q:ident) => {{
            $q.sources.clear();
            $q.tags.clear();
        }};
    }
    match &mut q {
        Question::Single(q) | Question::Multiple(q) => clear!(q),
        Question::TrueFalse(q) => clear!(q),
        Question::Short(q) => clear!(q),
        Question::Numeric(q) => clear!(q),
        Question::Order(q) => clear!(q),
        Question::Match(q) => clear!(q),
        Question::Open(q) => clear!(q),
    }
    q
}

fn module() -> impl Strategy<Value = Module> {
    let lesson = (text(), text()).prop_map(|(title, body)| Lesson {
        id: String::new(),
        title,
        body,
        sources: vec!["s".into()],
    });
    (
        "[A-Za-zé][A-Za-zé ]{0,15}".prop_filter("Moodle's top level", |t| {
            let t = php_trim(t);
            t != "top"
        }),
        prop::collection::vec(lesson, 0..3),
        prop::collection::vec(question(), 1..8),
    )
        .prop_map(|(title, mut lessons, mut questions)| {
            for (i, l) in lessons.iter_mut().enumerate() {
                l.id = format!("l{i}");
            }
            for (i, q) in questions.iter_mut().enumerate() {
                set_id(q, format!("rt.q{i}"));
            }
            Module {
                format_version: FORMAT_VERSION,
                id: "rt".into(),
                title: php_trim(&title).to_owned(),
                summary: "Aller-retour.".into(),
                audience: Vec::new(),
                reviewed: None,
                valid_as_of: None,
                sources: vec![Source {
                    id: "s".into(),
                    label: "Source".into(),
                    reference: None,
                }],
                lessons,
                questions,
                cases: Vec::new(),
                fictive_ok: Vec::new(),
            }
        })
}

fn options() -> ImportOptions {
    ImportOptions {
        module_id: "rt".into(),
        skip_invalid: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_of_export_keeps_every_question(m in module()) {
        let exported = gift::export(&m);
        // Said once when there are check boxes: Moodle cannot score by mismatches. And an
        // indispensable answer is an ordinary right one in Moodle. Nothing else is lost.
        prop_assert!(
            exported.conversions.iter().all(|c| c.contains("barème de l’EDN") || c.contains("indispensable")),
            "{:?}",
            exported.conversions
        );
        let imported = gift::import("rt.gift", exported.text.as_bytes(), &options());
        let errors: Vec<String> = imported.diagnostics.iter().map(conseil::content::diag::Diagnostic::headline).collect();
        prop_assert!(!imported.has_errors(), "{:#?}\n{}", errors, exported.text);
        let back = imported.module.expect("a module");
        prop_assert_eq!(&back.title, &m.title);
        prop_assert_eq!(back.questions.len(), m.questions.len());
        for (b, o) in back.questions.iter().zip(&m.questions) {
            prop_assert_eq!(in_one_order(b), in_one_order(o), "\n{}", exported.text);
            if let Question::Single(c) | Question::Multiple(c) = b {
                prop_assert!(
                    c.correct.len() == c.choices.len() || !c.correct.contains(&0),
                    "a right answer written first:\n{}",
                    exported.text
                );
            }
            for tag in o.tags() {
                prop_assert!(b.tags().contains(tag), "tag {} lost", tag);
            }
            prop_assert_eq!(b.sources(), [gift::SOURCE_ID.to_owned()]);
        }
        prop_assert_eq!(back.lessons.len(), m.lessons.len());
        for (b, o) in back.lessons.iter().zip(&m.lessons) {
            prop_assert_eq!((&b.id, &b.title, &b.body), (&o.id, &o.title, &o.body));
        }
        // And once more: the second export is the first.
        prop_assert_eq!(gift::export(&back).text, exported.text);
    }

    #[test]
    fn import_never_panics_on_any_text(text in "(?s).{0,300}") {
        let imported = gift::import("f.gift", text.as_bytes(), &options());
        for d in &imported.diagnostics {
            let _ = d.render(imported.source.as_deref());
        }
    }

    #[test]
    fn import_never_panics_on_gift_like_text(
        text in "[:{}~=#%\\\\\n\r a-z0-9.\\[\\]>$/-]{0,300}"
    ) {
        let imported = gift::import("f.gift", text.as_bytes(), &options());
        for d in &imported.diagnostics {
            prop_assert!(d.line >= 1 && d.column >= 1);
            let _ = d.render(imported.source.as_deref());
        }
        if let Some(m) = imported.module {
            let _ = gift::export(&m);
        }
    }

    #[test]
    fn import_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let imported = gift::import("f.gift", &bytes, &options());
        for d in &imported.diagnostics {
            let _ = d.render(imported.source.as_deref());
        }
    }
}

/// Every built-in module goes to Moodle and back with its questions: the real content, with
/// its long lessons, markdown and legal quotes.
#[test]
fn built_in_modules_survive_the_round_trip() {
    for (name, text) in BUILTIN {
        let report = read_document(&format!("quizzes/{name}"), text.as_bytes());
        let Some(Document::Module(m)) = report.document else {
            continue;
        };
        let exported = gift::export(&m);
        let options = ImportOptions {
            module_id: m.id.clone(),
            skip_invalid: false,
        };
        let imported = gift::import(
            &format!("{}.gift", m.id),
            exported.text.as_bytes(),
            &options,
        );
        let errors: Vec<String> = imported
            .diagnostics
            .iter()
            .filter(|d| d.severity == conseil::content::diag::Severity::Error)
            .map(conseil::content::diag::Diagnostic::headline)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let back = imported.module.expect("a module");
        assert_eq!(back.questions.len(), m.question_count(), "{name}");
        assert_eq!(back.lessons.len(), m.lessons.len(), "{name}");
        for (b, o) in back.questions.iter().zip(m.all_questions()) {
            assert_eq!(b.id(), o.id(), "{name}");
            assert_eq!(b.prompt(), php_trim(o.prompt()), "{name}: {}", o.id());
            assert_eq!(
                b.explanation(),
                php_trim(o.explanation()),
                "{name}: {}",
                o.id()
            );
            if !matches!(o, Question::Order(_)) {
                assert_eq!(b.kind_name(), o.kind_name(), "{name}: {}", o.id());
            }
            // Each choice keeps its text, its key and its flags, in whatever order.
            if let (
                Question::Single(bc) | Question::Multiple(bc),
                Question::Single(oc) | Question::Multiple(oc),
            ) = (b, o)
            {
                let marks = |c: &ChoiceQuestion| {
                    let mut marks: Vec<(String, bool, bool, bool)> = c
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(i, ch)| {
                            let text = php_trim(&ch.text).to_owned();
                            (
                                text,
                                c.correct.contains(&i),
                                ch.indispensable,
                                ch.inacceptable,
                            )
                        })
                        .collect();
                    marks.sort();
                    marks
                };
                assert_eq!(marks(bc), marks(oc), "{name}: {}", o.id());
            }
        }
    }
}
