//! Where the full-screen app opens when a subcommand names a place: a module's quiz or
//! lesson, a case, the review, an exam.

use crate::cli::Command;
use crate::content::load::Catalog;
use crate::error::Failure;
use crate::study::practice;
use crate::tui::action::Action;

/// Where the full-screen app opens for `conseil quiz`, `lesson`, `review` or `exam` without
/// `--plain`: the actions that lead there. An unknown module or case is a usage error.
pub fn actions(catalog: &Catalog, command: Option<&Command>) -> Result<Vec<Action>, Failure> {
    let (module_id, case_id, lesson) = match command {
        Some(Command::Quiz(args)) => (&args.module, args.case.as_ref(), false),
        Some(Command::Lesson(args)) => (&args.module, None, true),
        Some(Command::Review(_)) => return Ok(vec![Action::StartReview]),
        Some(Command::Exam(args)) => {
            for id in &args.modules {
                practice::find_module(catalog, id)?;
            }
            return Ok(vec![Action::StartExam {
                config: args.config(),
                restart: args.restart,
            }]);
        }
        _ => return Ok(Vec::new()),
    };
    let module = practice::find_module(catalog, module_id)?;
    let index = catalog
        .modules
        .iter()
        .position(|m| m.id == module.id)
        .unwrap_or_default();
    let mut actions = vec![Action::OpenModule(index)];
    match case_id {
        Some(id) => {
            let found = practice::find_case(module, id)?;
            let case = module
                .cases
                .iter()
                .position(|c| c.id == found.id)
                .unwrap_or_default();
            actions.push(Action::StartCase {
                module: index,
                case,
                restart: false,
            });
        }
        None if lesson && !module.lessons.is_empty() => actions.push(Action::OpenLesson {
            module: index,
            lesson: 0,
        }),
        None if !lesson => actions.push(Action::StartQuiz {
            module: index,
            restart: false,
        }),
        None => {}
    }
    Ok(actions)
}
