//! conseil: a terminal training companion for the Service médical of the Assurance Maladie.
//!
//! Layers, imports pointing down only: the front ends (`tui`, `plain`) and the one-shot
//! `commands` over the `store` (files), `content` (content files read into domain values) and
//! the pure `domain`. The time comes from `clock`, built once by the binary.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod content;
pub mod domain;
pub mod error;
pub mod plain;
pub mod room;
pub mod store;
pub mod study;
pub mod term;
pub mod tui;
pub mod words;
