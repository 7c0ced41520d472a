//! The pure core: no terminal, no file. Everything here takes its inputs (time, randomness)
//! as arguments, so that every test is deterministic.

pub mod content;
pub mod exam;
pub mod group;
pub mod layout;
pub mod next;
pub mod path;
pub mod progress;
pub mod question;
pub mod review;
pub mod session;
pub mod stats;
#[cfg(test)]
pub mod testing;
pub mod text;
