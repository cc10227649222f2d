//! Progress on long work (`init --national`, imports): a spinner with the phase and the time
//! spent, drawn on stderr only when stderr is a terminal, so pipes, files and scripts get no
//! progress bytes. Each phase also goes to the log.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::{Lang, Text};

/// The spinner of one command; cleared when dropped.
pub struct Progress {
    bar: ProgressBar,
    lang: Lang,
}

impl Progress {
    /// A spinner on stderr if it is a terminal, else nothing drawn at all.
    pub fn start(lang: Lang) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar, lang }
    }

    /// A new phase: `text` filled with `args`.
    pub fn phase(&self, text: Text, args: &[(&str, &dyn std::fmt::Display)]) {
        let en = crate::domain::text::escape(&text.fill(Lang::En, args)).into_owned();
        tracing::info!(phase = %en, "progress");
        self.bar.set_message(text.fill(self.lang, args));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
