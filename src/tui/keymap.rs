//! Keymaps: defaults embedded from keymaps/default.toml, the user's file merged over them per
//! key. Bad entries are reported with file and line and never stop the program.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use toml::Spanned;

use super::action::{Action, Table};

pub const DEFAULT: &str = include_str!("../../keymaps/default.toml");
pub const EMACS: &str = include_str!("../../keymaps/emacs.toml");

/// A key as written in a keymap: modifiers plus a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// Shift only shows in the character itself ('G', '?'); BackTab is its own code.
    pub fn from_event(e: &KeyEvent) -> Key {
        Key {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse "j", "G", "?", "ctrl-r", "alt-x", "enter", "esc", "tab", "shift-tab", "pageup",
    /// "f1", "space", "up", ...
    pub fn parse(s: &str) -> Option<Key> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        // A modifier prefix needs something after it: "-" alone is the minus key.
        while let Some((m, r)) = rest.split_once('-').filter(|(_, r)| !r.is_empty()) {
            match m.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => ctrl = true,
                "alt" | "meta" => alt = true,
                "shift" => shift = true,
                _ => break,
            }
            rest = r;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "ret" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
                }
                _ => return None,
            },
        };
        if shift && !matches!(code, KeyCode::BackTab) {
            if let KeyCode::Char(c) = code {
                return Some(Key {
                    code: KeyCode::Char(c.to_ascii_uppercase()),
                    ctrl,
                    alt,
                });
            }
        }
        Some(Key { code, ctrl, alt })
    }

    pub fn display(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pageup".into(),
            KeyCode::PageDown => "pagedown".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        match (self.ctrl, self.alt) {
            (true, true) => format!("ctrl-alt-{base}"),
            (true, false) => format!("ctrl-{base}"),
            (false, true) => format!("alt-{base}"),
            _ => base,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.msg)
    }
}

/// The active map: per table, key -> action, plus where each binding came from.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    map: HashMap<Table, HashMap<Key, Action>>,
    pub problems: Vec<Problem>,
    pub sources: Vec<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

type RawFile = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>;

impl Keymap {
    pub fn lookup(&self, table: Table, key: &Key) -> Option<Action> {
        self.map.get(&table).and_then(|m| m.get(key)).copied()
    }

    /// Bindings of a table in a stable order (by key name).
    pub fn bindings(&self, table: Table) -> Vec<(&Key, &Action)> {
        let mut v: Vec<(&Key, &Action)> = self.map.get(&table).into_iter().flatten().collect();
        v.sort_by_key(|(k, _)| (k.display().chars().count() > 1, k.display()));
        v
    }

    /// Keys bound to `action` in `table`, for hints.
    pub fn keys_for(&self, table: Table, action: Action) -> Vec<String> {
        self.bindings(table)
            .into_iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k.display())
            .collect()
    }

    /// Merge a file's bindings over the current ones, key by key. Problems are collected.
    pub fn merge(&mut self, file: &str, text: &str) {
        self.sources.push(file.to_string());
        let raw: RawFile = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
                self.problems.push(Problem {
                    file: file.into(),
                    line,
                    msg: e.message().trim().to_string(),
                });
                return;
            }
        };
        for (table_name, bindings) in raw {
            let Some(table) = Table::parse(table_name.get_ref()) else {
                self.problems.push(Problem {
                    file: file.into(),
                    line: line_of(text, table_name.span().start),
                    msg: format!(
                        "unknown mode [{}] (modes: normal, search, command, help)",
                        table_name.get_ref()
                    ),
                });
                continue;
            };
            let mut seen: HashMap<Key, (String, usize)> = HashMap::new();
            for (k, v) in bindings {
                let line = line_of(text, k.span().start);
                let Some(key) = Key::parse(k.get_ref()) else {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        msg: format!("cannot read the key {:?}", k.get_ref()),
                    });
                    continue;
                };
                let Some(action) = Action::parse(v.get_ref()) else {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        msg: format!("unknown action {:?} for key {:?}", v.get_ref(), k.get_ref()),
                    });
                    continue;
                };
                if let Some((other, oline)) = seen.get(&key) {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        msg: format!(
                            "{:?} is the same key as {other:?} on line {oline}; keeping the first",
                            k.get_ref()
                        ),
                    });
                    continue;
                }
                seen.insert(key, (k.get_ref().clone(), line));
                self.map.entry(table).or_default().insert(key, action);
            }
        }
    }

    pub fn defaults() -> Keymap {
        let mut k = Keymap::default();
        k.merge("keymaps/default.toml", DEFAULT);
        k
    }

    /// The defaults, then `file` if given, else the user's $XDG_CONFIG_HOME/sgz/keymap.toml.
    pub fn load(file: Option<&Path>) -> Keymap {
        let mut k = Keymap::defaults();
        let path = match file {
            Some(p) => Some(p.to_path_buf()),
            None => user_keymap_path().filter(|p| p.exists()),
        };
        if let Some(p) = path {
            match std::fs::read_to_string(&p) {
                Ok(text) => k.merge(&p.display().to_string(), &text),
                Err(e) => k.problems.push(Problem {
                    file: p.display().to_string(),
                    line: 0,
                    msg: e.to_string(),
                }),
            }
        }
        k
    }
}

pub fn user_keymap_path() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf()))?;
    Some(base.join("sgz").join("keymap.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse() {
        assert_eq!(
            Key::parse("j"),
            Some(Key {
                code: KeyCode::Char('j'),
                ctrl: false,
                alt: false
            })
        );
        assert_eq!(
            Key::parse("ctrl-r"),
            Some(Key {
                code: KeyCode::Char('r'),
                ctrl: true,
                alt: false
            })
        );
        assert_eq!(
            Key::parse("shift-tab").map(|k| k.code),
            Some(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("G").map(|k| k.code), Some(KeyCode::Char('G')));
        assert_eq!(Key::parse("s").map(|k| k.code), Some(KeyCode::Char('s')));
        assert_eq!(Key::parse("pageup").map(|k| k.code), Some(KeyCode::PageUp));
        assert_eq!(Key::parse("wibble"), None);
    }
}
