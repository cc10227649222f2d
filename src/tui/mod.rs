//! The terminal UI. Data flows one way: key -> keymap -> Action -> update -> Effect ->
//! store -> view model -> render.

pub mod action;
pub mod app;
pub mod keymap;
pub mod model;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::error::{Error, Result};

/// Run on the real terminal. Panic, Ctrl-C, SIGTERM and SIGHUP all restore the terminal;
/// the store commits each write in its own transaction, so a stop between keys loses nothing.
pub fn run_terminal(app: &mut app::App) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| Error::Invalid(format!("signal handler: {e}")))?;
    }
    // ratatui::init enters the alternate screen, raw mode, and installs a panic hook that
    // restores the terminal before the panic message prints.
    let mut terminal = ratatui::init();
    let res = app.run(
        &mut terminal,
        |timeout| {
            if crossterm::event::poll(timeout)? {
                crossterm::event::read().map(Some)
            } else {
                Ok(None)
            }
        },
        &stop,
    );
    ratatui::restore();
    res
}
