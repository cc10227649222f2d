//! The terminal UI. Data flows one way: key -> keymap -> Action -> update -> Effect ->
//! store -> view model -> render.

pub mod action;
pub mod app;
pub mod duties;
mod effects;
pub mod keymap;
pub mod loader;
pub mod model;
pub mod overview;
mod records;
pub mod search;
pub mod state;
mod sync;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::error::{self, Error, Refusal, Result, TerminalStep};

/// Leave raw mode and the alternate screen, and show the cursor again, as far as the
/// terminal still lets us: each step is tried on its own and a failure is ignored (on a
/// terminal that has gone, reporting it would only fail again).
fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// The exit status when the terminal goes away (end of input, hang-up): the status a
/// SIGHUP gives, so a lost terminal reads the same however it was noticed.
pub const TERMINAL_GONE_STATUS: i32 = 128 + libc::SIGHUP;

/// What the terminal's input is doing, looked at without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    /// Something to read.
    Ready,
    /// Nothing within the time given.
    Idle,
    /// Hung up, closed or invalid: every read would return end-of-file or an error at once.
    Gone,
}

/// Wait up to `timeout` for the terminal on standard input (the one crossterm reads).
fn look(timeout: std::time::Duration) -> std::io::Result<Input> {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, its count, a timeout.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = std::io::Error::last_os_error();
        return match e.kind() {
            std::io::ErrorKind::Interrupted => Ok(Input::Idle),
            _ => Err(e),
        };
    }
    Ok(
        if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            Input::Gone
        } else if fd.revents & libc::POLLIN != 0 {
            Input::Ready
        } else {
            Input::Idle
        },
    )
}

fn gone() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the terminal has gone")
}

/// The next terminal event within `timeout`. crossterm 0.29 reads the terminal in a loop
/// that only ends on data or "would block": on a terminal that reads end-of-file (a pty whose
/// other side closed without a SIGHUP reaching us) it spins forever at full CPU, inside
/// `poll`. So it is asked only when the terminal is not gone, and only for what is there.
fn next_event(timeout: std::time::Duration) -> std::io::Result<Option<crossterm::event::Event>> {
    use crossterm::event;
    use std::time::Duration;
    if look(Duration::ZERO)? == Input::Gone {
        return Err(gone());
    }
    // Events crossterm has already read (several keys in one read) come first.
    if event::poll(Duration::ZERO)? {
        return event::read().map(Some);
    }
    match look(timeout)? {
        Input::Gone => Err(gone()),
        Input::Idle => Ok(None),
        Input::Ready if event::poll(Duration::ZERO)? => event::read().map(Some),
        Input::Ready => Ok(None),
    }
}

/// A last guard for a terminal that goes away while the loop is inside crossterm (between
/// `look` and crossterm's own poll): a thread blocked until standard input hangs up, which
/// then gives the loop a moment to leave by itself and else ends the process.
fn watch_for_hangup(stop: Arc<AtomicBool>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("sgz-hangup".into())
        .spawn(move || loop {
            // No events asked for: poll reports only a hang-up, an error or a bad descriptor.
            let mut fd = libc::pollfd {
                fd: libc::STDIN_FILENO,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, its count, no timeout.
            let n = unsafe { libc::poll(&mut fd, 1, -1) };
            if n > 0 && fd.revents != 0 {
                stop.store(true, std::sync::atomic::Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_secs(1));
                restore();
                std::process::exit(TERMINAL_GONE_STATUS);
            }
            if n < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                return;
            }
        })
        .map(drop)
}

/// Ctrl-Z: give the terminal back as it was, stop (SIGTSTP to our process group, as the
/// terminal's own suspend character does) and, once continued (`fg`), take the terminal again
/// and draw the whole screen afresh (whatever the shell left on it, at whatever size).
fn suspend<B: ratatui::backend::Backend>(terminal: &mut ratatui::Terminal<B>) -> Result<()> {
    restore();
    // SAFETY: a signal to our own process group; the default action stops it until SIGCONT.
    unsafe {
        libc::kill(0, libc::SIGTSTP);
    }
    crossterm::terminal::enable_raw_mode().map_err(|e| error::terminal(TerminalStep::Open, e))?;
    crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )
    .map_err(|e| error::terminal(TerminalStep::Open, e))?;
    terminal
        .autoresize()
        .map_err(|e| error::terminal(TerminalStep::Draw, e))?;
    terminal
        .clear()
        .map_err(|e| error::terminal(TerminalStep::Draw, e))
}

/// Run on the real terminal. Panic, Ctrl-C, SIGTERM and SIGHUP all restore the terminal;
/// the store commits each write in its own transaction, so a stop between keys loses nothing.
/// A terminal that goes away without a signal (end of input) ends the program too, with
/// `TERMINAL_GONE_STATUS`.
pub fn run_terminal(app: &mut app::App) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    // A dropped SSH link leaves crossterm's poll spinning on a dead terminal, so the loop may
    // never look at `stop`. A watcher thread sets it, gives the loop a moment to leave on
    // its own, then exits (restoring the terminal unless it hung up).
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
        .map_err(|e| error::terminal(TerminalStep::Signals, e))?;
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
        .map_err(|e| error::terminal(TerminalStep::Thread, e))?;
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Refused(Refusal::NeedsTerminal));
    }
    let mut terminal = open_terminal()?;
    watch_for_hangup(Arc::clone(&stop)).map_err(|e| error::terminal(TerminalStep::Thread, e))?;
    let res = loop {
        match app.run(&mut terminal, next_event, &stop) {
            Ok(app::Ending::Suspend) => {
                if let Err(e) = suspend(&mut terminal) {
                    break Err(e);
                }
            }
            other => break other,
        }
    };
    restore();
    let sig = received.load(std::sync::atomic::Ordering::SeqCst);
    if sig != 0 {
        // Stopped by a signal: the conventional status, after the terminal is restored.
        std::process::exit(128 + sig);
    }
    // The terminal went away (or a draw failed because it had): every committed cell is
    // already in the store as a draft; end without a word, there is nobody to read it. The
    // hang-up watcher may have seen it first and stopped the loop: with no signal received,
    // a stop means the same.
    let terminal_gone = matches!(
        res,
        Ok(app::Ending::TerminalClosed) | Ok(app::Ending::Stopped)
    ) || look(std::time::Duration::ZERO).is_ok_and(|i| i == Input::Gone);
    if terminal_gone {
        std::process::exit(TERMINAL_GONE_STATUS);
    }
    res.map(drop)
}

/// Raw mode, the alternate screen, a hidden cursor, and a panic hook that gives the terminal
/// back before the panic message prints. Not `ratatui::try_init`: its panic hook and its
/// `Terminal`'s drop report a failed restore with `eprintln!`, which itself panics when the
/// terminal has hung up (a panic inside the panic hook aborts the process). The terminal is
/// never dropped: `restore` above gives everything back, errors ignored.
fn open_terminal() -> Result<std::mem::ManuallyDrop<ratatui::DefaultTerminal>> {
    let open = |e| error::terminal(TerminalStep::Open, e);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    crossterm::terminal::enable_raw_mode().map_err(open)?;
    crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)
        .map_err(open)?;
    let backend = ratatui::backend::CrosstermBackend::new(std::io::stdout());
    let mut terminal = ratatui::Terminal::new(backend).map_err(open)?;
    terminal.hide_cursor().map_err(open)?;
    Ok(std::mem::ManuallyDrop::new(terminal))
}
