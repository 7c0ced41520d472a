//! What a key press means once a screen has interpreted it. Only `App::apply` acts on these.

use crate::domain::question::Response;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the current screen (q, Échap).
    Back,
    /// Leave the application (Ctrl-C, q on the home screen).
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    OpenModule(usize),
    OpenLesson {
        module: usize,
        lesson: usize,
    },
    StartQuiz {
        module: usize,
    },
    StartCase {
        module: usize,
        case: usize,
    },
    OpenGlossary,
    /// Grade the current question with this response.
    Submit(Response),
    /// Go on after the feedback of a question.
    Next,
    /// Ask again the questions of the finished session that were not fully right.
    RetryMistakes,
    /// Back to the home screen, whatever is open.
    Home,
    /// Continue the quiz left unfinished (saved in the progress).
    Resume,
    /// Run the questions due for review.
    StartReview,
    OpenSettings,
    SetStageDate(Option<jiff::civil::Date>),
    OpenProfiles,
    /// Open (or create) this profile instead of the current one.
    SwitchProfile(String),
    /// A lesson was shown: remember it as read.
    LessonShown {
        module: usize,
        lesson: usize,
    },
}
