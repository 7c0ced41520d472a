//! conseil: a terminal training companion for the Service médical of the Assurance Maladie.
//!
//! `domain` is pure (content types, grading); `content` reads and checks content files;
//! the binary's front ends (terminal app, plain mode, subcommands) sit on top.

pub mod check;
pub mod cli;
pub mod content;
pub mod domain;
