//! The full-screen front end: the app, its screens, widgets, theme and texts. It draws and
//! reads keys; the study layer decides.

pub mod action;
pub mod app;
pub mod screens;
pub mod start;
pub mod strings;
pub mod theme;
pub mod widgets;
