//! The terminal UI. Data flows one way: key -> keymap -> Action -> update -> Effect ->
//! store -> view model -> render.

pub mod action;
pub mod app;
pub mod keymap;
pub mod loader;
pub mod model;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::error::{Error, Result};

/// Leave the alternate screen and raw mode, and show the cursor again.
fn restore() {
    ratatui::restore();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
}

/// Run on the real terminal. Panic, Ctrl-C, SIGTERM and SIGHUP all restore the terminal;
/// the store commits each write in its own transaction, so a stop between keys loses nothing.
pub fn run_terminal(app: &mut app::App) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    // A dropped SSH link leaves crossterm's poll spinning on a dead terminal, so the loop may
    // never look at `stop`. A watcher thread sets it, gives the loop a moment to leave on
    // its own, then exits (restoring the terminal unless it hung up).
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
        .map_err(|e| Error::Invalid(format!("signal handler: {e}")))?;
    let flag = Arc::clone(&stop);
    let received = Arc::new(std::sync::atomic::AtomicI32::new(0));
    let got = Arc::clone(&received);
    std::thread::Builder::new()
        .name("sgz-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                got.store(sig, std::sync::atomic::Ordering::SeqCst);
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(400));
                if sig != SIGHUP {
                    restore();
                }
                std::process::exit(128 + sig);
            }
        })
        .map_err(|e| Error::Invalid(format!("signal thread: {e}")))?;
    // ratatui::init enters the alternate screen, raw mode, and installs a panic hook that
    // restores the terminal before the panic message prints.
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Invalid(
            "sgz's interactive view needs a terminal; for scripts use a subcommand (sgz report coverage, sgz check, sgz export ...; see sgz --help)"
                .into(),
        ));
    }
    let mut terminal = ratatui::try_init()
        .map_err(|e| Error::Invalid(format!("cannot open the terminal: {e}")))?;
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
    restore();
    let sig = received.load(std::sync::atomic::Ordering::SeqCst);
    if sig != 0 {
        // Stopped by a signal: the conventional status, after the terminal is restored.
        std::process::exit(128 + sig);
    }
    res
}
