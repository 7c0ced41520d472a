//! conseil: a terminal training companion for the Service médical of the Assurance Maladie.
//!
//! `domain` is pure (content types, grading); `content` reads and checks content files;
//! the binary's front ends (terminal app, plain mode, subcommands) sit on top.

pub mod action;
pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod content;
pub mod domain;
pub mod gift_cmd;
pub mod group_store;
pub mod plain;
pub mod progress_cmd;
pub mod screens;
pub mod storage;
pub mod strings;
pub mod theme;
pub mod widgets;
