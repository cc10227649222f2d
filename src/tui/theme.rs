//! Colours and glyphs. 256 colours by default, 16 where the terminal says so, none with
//! NO_COLOR; every status also has a glyph or text, never colour alone.

use crate::i18n::names::Named;
use ratatui::style::{Color, Modifier, Style};

use crate::domain::site::SiteStatus;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colors {
    None,
    Basic,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colors: Colors,
}

impl Theme {
    /// From the environment: NO_COLOR (any non-empty value) wins; TERM without "256color"
    /// or "truecolor" and no COLORTERM gets the 16 basic colours.
    pub fn detect() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        let colorterm = std::env::var_os("COLORTERM").is_some();
        let colors = if no_color {
            Colors::None
        } else if term.contains("256") || term.contains("truecolor") || colorterm {
            Colors::Full
        } else {
            Colors::Basic
        };
        Theme { colors }
    }

    pub fn plain() -> Theme {
        Theme {
            colors: Colors::None,
        }
    }

    fn fg(&self, full: u8, basic: Color) -> Style {
        match self.colors {
            Colors::None => Style::default(),
            Colors::Basic => Style::default().fg(basic),
            Colors::Full => Style::default().fg(Color::Indexed(full)),
        }
    }

    pub fn good(&self) -> Style {
        self.fg(34, Color::Green)
    }
    pub fn bad(&self) -> Style {
        self.fg(160, Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(172, Color::Yellow)
    }
    pub fn dim(&self) -> Style {
        match self.colors {
            Colors::None => Style::default(),
            _ => self.fg(245, Color::DarkGray),
        }
    }
    pub fn accent(&self) -> Style {
        self.fg(33, Color::Cyan)
    }
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    /// The selected row: reverse video reads in every colour mode.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn bar(&self) -> Style {
        match self.colors {
            Colors::None => Style::default().add_modifier(Modifier::REVERSED),
            Colors::Basic => Style::default().fg(Color::Black).bg(Color::Gray),
            Colors::Full => Style::default()
                .fg(Color::Indexed(231))
                .bg(Color::Indexed(24)),
        }
    }
    pub fn synthetic(&self) -> Style {
        self.fg(135, Color::Magenta)
    }

    pub fn site_style(&self, s: Option<SiteStatus>) -> Style {
        match s {
            Some(SiteStatus::Operating) | Some(SiteStatus::Established) => self.good(),
            Some(SiteStatus::UnderConstruction) | Some(SiteStatus::Planned) => self.warn(),
            Some(SiteStatus::Suspended) | None => self.bad(),
        }
    }
}

/// Site status glyph (unambiguous width): ◉ operating, ✔ established, ◔ under construction,
/// ⋯ planned, ✘ missing, ⊘ suspended.
pub fn site_glyph(s: Option<SiteStatus>) -> &'static str {
    match s {
        Some(SiteStatus::Operating) => "◉",
        Some(SiteStatus::Established) => "✔",
        Some(SiteStatus::UnderConstruction) => "◔",
        Some(SiteStatus::Planned) => "⋯",
        Some(SiteStatus::Suspended) => "⊘",
        None => "✘",
    }
}

pub fn site_word(s: Option<SiteStatus>, lang: Lang) -> &'static str {
    match s {
        Some(x) => lang.pick(x.name_zh(), x.name_en()),
        None => crate::i18n::tui_view::SITE_MISSING.get(lang),
    }
}
