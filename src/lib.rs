//! sgz (社工站): township social work stations for civil-affairs supervisors.
//!
//! Data flows one way: key -> keymap -> Action -> update (pure) -> Effect -> store write ->
//! fresh view model -> render. `domain` is pure; only `store` speaks SQLite.
#![deny(clippy::unwrap_used)]

/// A line to standard error that cannot panic. `eprintln!` panics when the write fails, and
/// it does fail with EIO once the terminal has hung up (a dropped SSH link), which is exactly
/// when sgz is busy ending: nobody is there to read it, so the line is let go.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}

/// A line to standard output that cannot panic: a closed pipe (`| head`) or a hung-up
/// terminal ends the output, as `commands::out` does for whole reports.
#[macro_export]
macro_rules! show {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout(), $($arg)*);
    }};
}

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
