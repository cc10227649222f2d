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

    /// The key as a keymap file names it (`Key::parse` reads it back): the arrows by name.
    pub fn spec(&self) -> String {
        self.named(false)
    }

    /// The key as hints show it: the arrows as glyphs.
    pub fn display(&self) -> String {
        self.named(true)
    }

    fn named(&self, glyphs: bool) -> String {
        let arrow = |glyph: &str, name: &str| if glyphs { glyph } else { name }.to_string();
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::Up => arrow("↑", "up"),
            KeyCode::Down => arrow("↓", "down"),
            KeyCode::Left => arrow("←", "left"),
            KeyCode::Right => arrow("→", "right"),
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

/// What a binding is bound to: a key, or a key that waits for a second (`ctrl-x ctrl-c`,
/// as in Emacs; written with a space between the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub first: Key,
    pub then: Option<Key>,
}

impl Chord {
    pub fn parse(s: &str) -> Option<Chord> {
        // " " is the space bar itself, as `Key::parse` reads it.
        if !s.is_empty() && s.trim().is_empty() {
            return Key::parse(s).map(|first| Chord { first, then: None });
        }
        let mut parts = s.split_whitespace();
        let first = Key::parse(parts.next()?)?;
        let then = match parts.next() {
            Some(p) => Some(Key::parse(p)?),
            None => None,
        };
        parts.next().is_none().then_some(Chord { first, then })
    }

    fn join(&self, f: impl Fn(&Key) -> String) -> String {
        match &self.then {
            Some(t) => format!("{} {}", f(&self.first), f(t)),
            None => f(&self.first),
        }
    }

    /// As a keymap file writes it.
    pub fn spec(&self) -> String {
        self.join(Key::spec)
    }

    /// As hints show it.
    pub fn display(&self) -> String {
        self.join(Key::display)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub what: Trouble,
}

/// What is wrong with one entry of a keymap file, worded by the catalogue
/// (`i18n::tui::KEYMAP_*`) in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// A [table] that is no mode; the real modes are listed.
    UnknownMode { mode: String },
    /// A key spelled in no way sgz reads.
    UnreadableKey { key: String },
    /// An action that does not exist.
    UnknownAction { action: String, key: String },
    /// The same key twice in one mode (spelled differently); the first is kept.
    SameKey {
        key: String,
        other: String,
        other_line: usize,
    },
    /// A key bound alone and as the first of a two-key binding.
    PrefixAlone { key: String, mode: String },
    /// A line TOML cannot read (its parser's words), left out; `duplicate` when it repeats
    /// a key, in which case the first is kept.
    Toml { detail: String, duplicate: bool },
    /// The file could not be read at all.
    Unreadable { detail: String },
}

impl Problem {
    /// `file:line: what`, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::tui as t;
        let what = match &self.what {
            Trouble::UnknownMode { mode } => {
                let modes: Vec<&str> = Table::ALL.iter().map(|t| t.as_str()).collect();
                t::KEYMAP_UNKNOWN_MODE.fill(lang, &[("mode", mode), ("modes", &modes.join(", "))])
            }
            Trouble::UnreadableKey { key } => {
                t::KEYMAP_UNREADABLE_KEY.fill(lang, &[("key", &format!("{key:?}"))])
            }
            Trouble::UnknownAction { action, key } => t::KEYMAP_UNKNOWN_ACTION.fill(
                lang,
                &[
                    ("action", &format!("{action:?}")),
                    ("key", &format!("{key:?}")),
                ],
            ),
            Trouble::SameKey {
                key,
                other,
                other_line,
            } => t::KEYMAP_SAME_KEY.fill(
                lang,
                &[
                    ("key", &format!("{key:?}")),
                    ("other", &format!("{other:?}")),
                    ("line", other_line),
                ],
            ),
            Trouble::PrefixAlone { key, mode } => {
                t::KEYMAP_PREFIX_ALONE.fill(lang, &[("key", &format!("{key:?}")), ("mode", mode)])
            }
            Trouble::Toml { detail, duplicate } => {
                let m = if *duplicate {
                    &t::KEYMAP_TOML_DUPLICATE
                } else {
                    &t::KEYMAP_TOML
                };
                m.fill(lang, &[("detail", detail)])
            }
            Trouble::Unreadable { detail } => {
                t::KEYMAP_UNREADABLE.fill(lang, &[("detail", detail)])
            }
        };
        let file = crate::domain::text::escape(&self.file);
        format!(
            "{file}:{}: {}",
            self.line,
            crate::domain::text::escape(&what)
        )
    }
}

/// In English, as logs and tests read it; screens use `text` in their language.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::Lang::En))
    }
}

/// The active map: per table, key -> action, plus where each binding came from.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    map: HashMap<Table, HashMap<Chord, Action>>,
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
        self.lookup_chord(
            table,
            &Chord {
                first: *key,
                then: None,
            },
        )
    }

    pub fn lookup_chord(&self, table: Table, chord: &Chord) -> Option<Action> {
        self.map.get(&table).and_then(|m| m.get(chord)).copied()
    }

    /// Whether `key` starts a two-key binding in `table` (it then waits for the second).
    pub fn is_prefix(&self, table: Table, key: &Key) -> bool {
        self.map
            .get(&table)
            .is_some_and(|m| m.keys().any(|c| c.then.is_some() && c.first == *key))
    }

    /// Bindings of a table in a stable order (by key name).
    pub fn bindings(&self, table: Table) -> Vec<(&Chord, &Action)> {
        let mut v: Vec<(&Chord, &Action)> = self.map.get(&table).into_iter().flatten().collect();
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
        let Some(raw) = self.parse_lenient(file, text) else {
            return;
        };
        // In the file's order (the parsed maps are sorted by name): "the first" of two
        // spellings of one key is the one written first, and problems come line by line.
        let mut tables: Vec<_> = raw.into_iter().collect();
        tables.sort_by_key(|(t, _)| t.span().start);
        for (table_name, bindings) in tables {
            let mut bindings: Vec<_> = bindings.into_iter().collect();
            bindings.sort_by_key(|(k, _)| k.span().start);
            let Some(table) = Table::parse(table_name.get_ref()) else {
                self.problems.push(Problem {
                    file: file.into(),
                    line: line_of(text, table_name.span().start),
                    what: Trouble::UnknownMode {
                        mode: table_name.get_ref().clone(),
                    },
                });
                continue;
            };
            let mut seen: HashMap<Chord, (String, usize)> = HashMap::new();
            for (k, v) in bindings {
                let line = line_of(text, k.span().start);
                let Some(key) = Chord::parse(k.get_ref()) else {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        what: Trouble::UnreadableKey {
                            key: k.get_ref().clone(),
                        },
                    });
                    continue;
                };
                let Some(action) = Action::parse(v.get_ref()) else {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        what: Trouble::UnknownAction {
                            action: v.get_ref().clone(),
                            key: k.get_ref().clone(),
                        },
                    });
                    continue;
                };
                if let Some((other, oline)) = seen.get(&key) {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        what: Trouble::SameKey {
                            key: k.get_ref().clone(),
                            other: other.clone(),
                            other_line: *oline,
                        },
                    });
                    continue;
                }
                seen.insert(key, (k.get_ref().clone(), line));
                let m = self.map.entry(table).or_default();
                // A key that starts a two-key binding waits for the second: bound alone it
                // would never act, so the file that makes it a prefix unbinds it alone.
                let alone = Chord {
                    first: key.first,
                    then: None,
                };
                if key.then.is_some() {
                    m.remove(&alone);
                    if let Some((name, aline)) = seen.get(&alone) {
                        self.problems.push(Problem {
                            file: file.into(),
                            line: *aline,
                            what: Trouble::PrefixAlone {
                                key: name.clone(),
                                mode: table.as_str().into(),
                            },
                        });
                    }
                } else if m.keys().any(|c| c.then.is_some() && c.first == key.first) {
                    self.problems.push(Problem {
                        file: file.into(),
                        line,
                        what: Trouble::PrefixAlone {
                            key: k.get_ref().clone(),
                            mode: table.as_str().into(),
                        },
                    });
                    continue;
                }
                m.insert(key, action);
            }
        }
    }

    /// The file's tables, reading past broken lines: each line TOML refuses (a key given twice,
    /// a value left out) is reported with its line and left out, and the rest is read again.
    /// None if nothing is left that reads.
    fn parse_lenient(&mut self, file: &str, text: &str) -> Option<RawFile> {
        let mut text = text.to_string();
        // Every round blanks one more line, so this ends.
        for _ in 0..=text.lines().count() {
            let e = match toml::from_str::<RawFile>(&text) {
                Ok(raw) => return Some(raw),
                Err(e) => e,
            };
            let Some(start) = e.span().map(|s| s.start) else {
                break;
            };
            let line = line_of(&text, start);
            let detail = e.message().trim().to_string();
            self.problems.push(Problem {
                file: file.into(),
                line,
                what: Trouble::Toml {
                    duplicate: detail.contains("duplicate key"),
                    detail,
                },
            });
            // Blank the line with as many spaces, so that every later line keeps its number
            // and every later span its offset in the file as read.
            let from = text[..start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let to = text[from..].find('\n').map_or(text.len(), |i| from + i);
            if text[from..to].trim().is_empty() {
                break;
            }
            text.replace_range(from..to, &" ".repeat(to - from));
        }
        None
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
                    what: Trouble::Unreadable {
                        detail: e.to_string(),
                    },
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
