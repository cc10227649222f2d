//! sgz (社工站): township social work stations for civil-affairs supervisors.
//!
//! Data flows one way: key -> keymap -> Action -> update (pure) -> Effect -> store write ->
//! fresh view model -> render. `domain` is pure; only `store` speaks SQLite.
#![deny(clippy::unwrap_used)]

pub mod cli;
pub mod cli_lang;
pub mod commands;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod io;
pub mod log;
pub mod search;
pub mod seed;
pub mod store;
pub mod tui;

pub use error::{Error, Result};
