//! One-shot commands: they run, print and exit, without a session of their own.

pub mod check;
pub mod gain;
pub mod gift;
pub mod progress;
mod strings;
