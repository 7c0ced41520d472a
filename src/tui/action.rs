//! What a key press means once a screen has interpreted it. Only `App::apply` acts on these.

use crate::domain::exam::ExamConfig;
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
    /// Play a module's quiz: the one left unfinished, unless `restart`.
    StartQuiz {
        module: usize,
        restart: bool,
    },
    /// Play a case: the one left unfinished, unless `restart`.
    StartCase {
        module: usize,
        case: usize,
        restart: bool,
    },
    OpenGlossary,
    /// Open the search on the lessons (the glossary's screen, on its second list).
    SearchLessons,
    /// Grade the current question with this response.
    Submit(Response),
    /// Go on after the feedback of a question.
    Next,
    /// « J'avais juste »: count the short answer just marked wrong as right (a typo).
    AcceptAnswer,
    /// Ask again the questions of the finished session that were not fully right.
    RetryMistakes,
    /// Ask the weakest questions listed on the statistics screen.
    RetryWeakest,
    /// Back to the home screen, whatever is open.
    Home,
    /// Continue the session of this activity left unfinished (saved in the progress).
    Resume(String),
    /// Run the questions due for review (the review left unfinished, if any).
    StartReview,
    OpenSettings,
    /// Save the stage: its date (`None` clears it) and the modules it covers (empty: all).
    SetStage {
        date: Option<jiff::civil::Date>,
        modules: Vec<String>,
    },
    OpenProfiles,
    /// Open (or create) this profile instead of the current one.
    SwitchProfile(String),
    /// The end of a lesson was on screen: remember it as read.
    LessonRead {
        module: usize,
        lesson: usize,
    },
    /// Play the short quiz on a lesson read: the one left unfinished, if any.
    StartLessonQuiz {
        module: usize,
        lesson: usize,
    },
    /// Open the exam setup.
    OpenExam,
    /// Start a mock exam set up this way; unless `restart`, the exam left unfinished is
    /// resumed instead.
    StartExam {
        config: ExamConfig,
        restart: bool,
    },
    OpenStats,
    /// Open the setup of a group quiz (trainers).
    OpenGroup,
    /// Something for the group quiz being set up or played.
    Group(GroupAction),
    /// Keep the learner's remark on a question (« Signaler »), for a trainer.
    Report {
        question_id: String,
        text: String,
    },
}

/// What the group quiz screens ask of `App::apply`.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupAction {
    /// Start a session: `count` questions drawn from `pool`.
    Start {
        teams: Vec<String>,
        pool: Vec<String>,
        count: usize,
        timer_secs: Option<u32>,
        scoring: crate::domain::group::Scoring,
        /// The group the session counts for across sessions.
        group_name: Option<String>,
        high_contrast: bool,
    },
    /// Reopen the saved session.
    Resume,
    /// Save the questions and settings picked as a quiz set called `name`.
    SaveSet {
        name: String,
        set: crate::domain::group::set::QuizSet,
    },
    /// Leave the group quiz (it stays saved), for the home screen or the screen below.
    Leave {
        home: bool,
    },
    /// Record (or correct) a team's answer to the current question.
    Enter {
        team: usize,
        response: Response,
    },
    /// Remove a team's answer to the current question.
    Clear {
        team: usize,
    },
    Reveal,
    /// Take back the points of the last revealed question.
    Undo,
    TogglePause,
    /// Give the room this many more seconds.
    AddTime(u32),
    /// End the countdown now.
    SkipTime,
    /// Show (true) or close the case step's narrative of the current question.
    ShowNarrative(bool),
    /// The next question, or the podium after the last one.
    Next,
    /// End the session now, after a revealed question.
    Finish,
    /// Write the results and the report again.
    Export,
    /// Remove a participant from the room (`--salle`): its phone is told, its answers no
    /// longer count.
    RemoveParticipant(usize),
}
