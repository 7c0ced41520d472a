//! The pure core: no terminal, no file. Everything here takes its inputs (time, randomness)
//! as arguments, so that every test is deterministic.

pub mod content;
pub mod question;
pub mod session;
pub mod text;
