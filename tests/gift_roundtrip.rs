//! import(export(module)) keeps every question: kind, texts, answers, weights, feedback and
//! tags, for every kind GIFT can express, whatever the text (GIFT's special characters
//! included); and export(import(export(module))) is export(module), byte for byte. The same
//! holds from a GIFT file as a trainer writes it, categories, titles and tags included. And the
//! importer never panics, whatever it is given.

use proptest::prelude::*;

use conseil::content::gift::{self, ImportOptions};
use conseil::content::load::{BUILTIN, Document, read_document};
use conseil::domain::content::{Case, CaseStep, FORMAT_VERSION, Lesson, Module, Source};
use conseil::domain::question::{
    Answer, Choice, ChoiceQuestion, MatchQuestion, NumericAnswer, NumericQuestion, OpenQuestion,
    OrderQuestion, Pair, Question, ShortQuestion, TrueFalseQuestion,
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

/// A tag: French words, spaces inside, GIFT's special characters and `]` (written `\]`), but
/// none of what Moodle's `[tag:…]` cannot hold (`<`, `>`, a line break).
fn tag() -> impl Strategy<Value = String> {
    "[a-zA-Zéèàçô’« ~=#{}:%&*_/\\[\\].-]{1,12}".prop_filter_map("blank", |s| {
        let t = php_trim(&s);
        (!t.is_empty()).then(|| t.to_owned())
    })
}

fn common() -> impl Strategy<Value = ChoiceQuestion> {
    (text(), text(), prop::collection::btree_set(tag(), 0..3)).prop_map(
        |(prompt, explanation, tags)| base(prompt, explanation, tags.into_iter().collect()),
    )
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

/// Steps to order: GIFT has no such question, the export writes pairs « Étape n -> … » that
/// the import reads back as steps.
fn order() -> impl Strategy<Value = Question> {
    (common(), prop::collection::vec(text(), 2..5)).prop_map(|(q, items)| {
        Question::Order(OrderQuestion {
            id: q.id,
            prompt: q.prompt,
            explanation: q.explanation,
            sources: q.sources,
            tags: q.tags,
            difficulty: None,
            items,
        })
    })
}

fn question() -> impl Strategy<Value = Question> {
    prop_oneof![
        single(),
        multiple(),
        true_false(),
        short(),
        numeric(),
        matching(),
        open(),
        order()
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

/// The sources and tags of a question.
fn meta(q: &mut Question) -> (&mut Vec<String>, &mut Vec<String>) {
    match q {
        Question::Single(q) | Question::Multiple(q) => (&mut q.sources, &mut q.tags),
        Question::TrueFalse(q) => (&mut q.sources, &mut q.tags),
        Question::Short(q) => (&mut q.sources, &mut q.tags),
        Question::Numeric(q) => (&mut q.sources, &mut q.tags),
        Question::Order(q) => (&mut q.sources, &mut q.tags),
        Question::Match(q) => (&mut q.sources, &mut q.tags),
        Question::Open(q) => (&mut q.sources, &mut q.tags),
    }
}

/// The same choice question with its choices in one order (the export may turn them round
/// so that a right one does not come first), each still right or wrong.
fn in_one_order(q: &Question) -> Question {
    let mut q = q.clone();
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

/// The question as importing the export gives it back: the GIFT file as its only source, and
/// for a question of a case, the case's id as one more tag (GIFT has no case).
fn as_imported(q: &Question, case: Option<&Case>) -> Question {
    let mut q = q.clone();
    let (sources, tags) = meta(&mut q);
    *sources = vec![gift::SOURCE_ID.to_owned()];
    if let Some(case) = case
        && !tags.contains(&case.id)
    {
        tags.push(case.id.clone());
    }
    q
}

/// A case of one to three steps of one or two questions (ids given later).
fn case() -> impl Strategy<Value = Case> {
    let step = (one_line(), text(), prop::collection::vec(question(), 1..3)).prop_map(
        |(title, narrative, questions)| CaseStep {
            title,
            narrative,
            exhibits: Vec::new(),
            questions,
        },
    );
    (one_line(), prop::collection::vec(step, 1..3)).prop_map(|(title, steps)| Case {
        id: String::new(),
        title,
        summary: "Un cas.".into(),
        steps,
        sources: vec!["s".into()],
    })
}

/// A module of lessons, questions of every kind and cases; some questions carry the module's
/// title as a tag, as those of a category do once imported.
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
        prop::collection::vec((question(), any::<bool>()), 1..8),
        prop::collection::vec(case(), 0..2),
    )
        .prop_map(|(title, mut lessons, questions, mut cases)| {
            let title = php_trim(&title).to_owned();
            for (i, l) in lessons.iter_mut().enumerate() {
                l.id = format!("l{i}");
            }
            let mut questions: Vec<Question> = questions
                .into_iter()
                .map(|(mut q, title_tag)| {
                    let tags = meta(&mut q).1;
                    if title_tag && !tags.contains(&title) {
                        tags.push(title.clone());
                    }
                    q
                })
                .collect();
            let in_cases = cases
                .iter_mut()
                .flat_map(|c| c.steps.iter_mut())
                .flat_map(|s| s.questions.iter_mut());
            for (i, q) in questions.iter_mut().chain(in_cases).enumerate() {
                set_id(q, format!("rt.q{i}"));
            }
            for (i, c) in cases.iter_mut().enumerate() {
                c.id = format!("rt.cas{i}");
            }
            Module {
                format_version: FORMAT_VERSION,
                id: "rt".into(),
                title,
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
                cases,
                fictive_ok: Vec::new(),
            }
        })
}

/// Text as a trainer types it in a GIFT file: French words and GIFT's special characters,
/// these escaped with `\`.
fn gift_text() -> impl Strategy<Value = String> {
    "[a-zA-Zéèàçô’« ~=#{}:.]{1,16}".prop_filter_map("blank", |s| {
        let t = php_trim(&s);
        (!t.is_empty()).then(|| {
            t.chars().fold(String::new(), |mut out, c| {
                if "~=#{}:".contains(c) {
                    out.push('\\');
                }
                out.push(c);
                out
            })
        })
    })
}

/// `#feedback`, or nothing.
fn gift_feedback(mark: &'static str) -> impl Strategy<Value = String> {
    prop::option::of(gift_text())
        .prop_map(move |f| f.map_or(String::new(), |f| format!("{mark}{f}")))
}

/// What follows a question's text: its answers in braces, of every kind; `None` for a
/// description.
fn gift_body() -> impl Strategy<Value = Option<String>> {
    let t = gift_text;
    let general = || gift_feedback("####");
    prop_oneof![
        Just(None),
        (t(), gift_feedback("#"), t(), t(), general())
            .prop_map(|(a, f, b, c, g)| Some(format!("{{\n\t={a}{f}\n\t~{b}\n\t~{c}\n{g}}}"))),
        (t(), t(), t(), general())
            .prop_map(|(a, b, c, g)| Some(format!("{{~%50%{a} ~%50%{b} ~%-100%{c}{g}}}"))),
        (
            any::<bool>(),
            gift_feedback("#"),
            gift_feedback("#"),
            general()
        )
            .prop_map(|(v, wrong, right, g)| {
                let right = if wrong.is_empty() {
                    String::new()
                } else {
                    right
                };
                Some(format!(
                    "{{{}{wrong}{right}{g}}}",
                    if v { "T" } else { "FALSE" }
                ))
            }),
        (t(), t(), general()).prop_map(|(a, b, g)| Some(format!("{{={a} =%50%{b}{g}}}"))),
        (0u32..1000, 0u32..10, general())
            .prop_map(|(n, tol, g)| Some(format!("{{#{n}:{tol}{g}}}"))),
        (t(), t(), t(), t(), t(), t()).prop_map(|(a, b, c, d, e, f)| {
            Some(format!(
                "{{\n\t={a} -> {b}\n\t={c} -> {d}\n\t={e} -> {f}\n}}"
            ))
        }),
        general().prop_map(|g| Some(format!("{{{g}}}"))),
    ]
}

/// A GIFT file: questions of every kind and descriptions, with or without a title and
/// `[tag:…]`, under one category, several, or none.
fn gift_file() -> impl Strategy<Value = String> {
    const CATEGORIES: [&str; 3] = [
        "$course$/top/Banque/Partie un",
        "Banque/Partie deux",
        "Prestations//AT-MP",
    ];
    let block = (
        prop::option::of(0..CATEGORIES.len()),
        prop::option::of(gift_text()),
        prop::collection::vec(tag().prop_filter("no `]`", |t| !t.contains(']')), 0..3),
        gift_text(),
        gift_body(),
    );
    prop::collection::vec(block, 1..8).prop_map(|blocks| {
        let mut out = String::new();
        let mut current = None;
        for (category, title, tags, stem, body) in blocks {
            if category.is_some() && category != current {
                current = category;
                let name = CATEGORIES[category.unwrap_or_default()];
                out.push_str(&format!("$CATEGORY: {name}\n\n"));
            }
            for t in tags {
                out.push_str(&format!("// [tag:{t}]\n"));
            }
            if let Some(title) = title {
                out.push_str(&format!("::{title}::"));
            }
            out.push_str(&stem);
            out.push_str(body.as_deref().unwrap_or_default());
            out.push_str("\n\n");
        }
        out
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
        // Only what GIFT has no form for is converted: steps to order, cases, and (said
        // once when there are check boxes) the EDN scoring and indispensable answers.
        for c in &exported.conversions {
            prop_assert!(
                c.contains("(à ordonner)")
                    || c.contains(" du cas ")
                    || c.contains("barème de l’EDN")
                    || c.contains("indispensable"),
                "{}",
                c
            );
        }
        let imported = gift::import("rt.gift", exported.text.as_bytes(), &options());
        let errors: Vec<String> = imported.diagnostics.iter().map(conseil::content::diag::Diagnostic::headline).collect();
        prop_assert!(!imported.has_errors(), "{:#?}\n{}", errors, exported.text);
        let back = imported.module.expect("a module");
        prop_assert_eq!(&back.title, &m.title);
        let expected: Vec<Question> = m
            .questions
            .iter()
            .map(|q| as_imported(q, None))
            .chain(m.cases.iter().flat_map(|c| {
                c.steps
                    .iter()
                    .flat_map(move |s| s.questions.iter().map(move |q| as_imported(q, Some(c))))
            }))
            .collect();
        prop_assert_eq!(back.questions.len(), expected.len());
        for (b, o) in back.questions.iter().zip(&expected) {
            prop_assert_eq!(in_one_order(b), in_one_order(o), "\n{}", exported.text);
            if let Question::Single(c) | Question::Multiple(c) = b {
                prop_assert!(
                    c.correct.len() == c.choices.len() || !c.correct.contains(&0),
                    "a right answer written first:\n{}",
                    exported.text
                );
            }
        }
        prop_assert_eq!(back.lessons.len(), m.lessons.len());
        for (b, o) in back.lessons.iter().zip(&m.lessons) {
            prop_assert_eq!((&b.id, &b.title, &b.body), (&o.id, &o.title, &o.body));
        }
        // And once more: the second export is the first.
        prop_assert_eq!(gift::export(&back).text, exported.text);
    }

    /// The bug this guards against: a file of several categories, exported and imported,
    /// gave every question the first category as one more tag.
    #[test]
    fn a_gift_file_comes_back_the_same_through_export(text in gift_file()) {
        let options = ImportOptions {
            module_id: "banque".into(),
            skip_invalid: false,
        };
        let first = gift::import("banque.gift", text.as_bytes(), &options);
        let errors: Vec<String> = first.diagnostics.iter().map(conseil::content::diag::Diagnostic::headline).collect();
        prop_assert!(!first.has_errors(), "{:#?}\n{}", errors, text);
        let m = first.module.expect("a module");
        let exported = gift::export(&m);
        // Check boxes scored as the EDN does are said to be written in Moodle's nearest
        // marking; nothing else is converted.
        prop_assert!(
            exported
                .conversions
                .iter()
                .all(|c| c.contains("barème de l’EDN") || c.contains("indispensable")),
            "{:?}",
            exported.conversions
        );
        let second = gift::import("banque.gift", exported.text.as_bytes(), &options);
        let errors: Vec<String> = second.diagnostics.iter().map(conseil::content::diag::Diagnostic::headline).collect();
        prop_assert!(!second.has_errors(), "{:#?}\n{}", errors, exported.text);
        let back = second.module.expect("a module");
        // The same module, the choices of a question perhaps turned round (a right one is
        // never written first).
        let ordered = |m: &Module| Module {
            questions: m.questions.iter().map(in_one_order).collect(),
            ..m.clone()
        };
        prop_assert_eq!(ordered(&back), ordered(&m), "\n{}\n{}", text, exported.text);
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

/// The built-in modules, each with its export and the module that importing it gives.
fn built_in_round_trips() -> Vec<(&'static str, Module, String, Module)> {
    let mut out = Vec::new();
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
        out.push((*name, *m, exported.text, back));
    }
    assert!(out.len() >= 8, "the built-in modules");
    out
}

/// Every built-in module goes to Moodle and back with its questions: the real content, with
/// its long lessons, markdown and legal quotes.
#[test]
fn built_in_modules_survive_the_round_trip() {
    for (name, m, _, back) in built_in_round_trips() {
        assert_eq!(back.title, m.title, "{name}");
        assert_eq!(back.questions.len(), m.question_count(), "{name}");
        assert_eq!(back.lessons.len(), m.lessons.len(), "{name}");
        let cases = m.cases.iter().flat_map(|c| {
            c.steps
                .iter()
                .flat_map(move |s| s.questions.iter().map(move |q| (q, Some(c))))
        });
        let originals = m.questions.iter().map(|q| (q, None)).chain(cases);
        for (b, (o, case)) in back.questions.iter().zip(originals) {
            assert_eq!(b.id(), o.id(), "{name}");
            assert_eq!(b.prompt(), php_trim(o.prompt()), "{name}: {}", o.id());
            assert_eq!(
                b.explanation(),
                php_trim(o.explanation()),
                "{name}: {}",
                o.id()
            );
            assert_eq!(b.kind_name(), o.kind_name(), "{name}: {}", o.id());
            // The same tags, none added for the category; a case's question gets its case.
            let mut tags = o.tags().to_vec();
            tags.extend(case.map(|c| c.id.clone()));
            assert_eq!(b.tags(), tags, "{name}: {}", o.id());
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

/// Exporting what an export imports gives the same file, byte for byte.
#[test]
fn built_in_modules_export_import_export_is_byte_identical() {
    for (name, _, first, back) in built_in_round_trips() {
        let second = gift::export(&back).text;
        if second != first {
            let line = first
                .lines()
                .zip(second.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| first.lines().count().min(second.lines().count()));
            panic!(
                "{name}: the second export differs from line {}:\n{:?}\n{:?}",
                line + 1,
                first.lines().nth(line),
                second.lines().nth(line)
            );
        }
    }
}
