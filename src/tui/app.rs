//! The loop only: event -> keymap -> Action -> update -> Effect -> store -> view model -> render.
//! Generic over the ratatui Backend so tests drive the whole app on TestBackend.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::Terminal;

use super::action::Table;
use super::keymap::{Chord, Key, Keymap};
use super::model::{Derived, Model};
use super::search::{Saved, SearchWorker};
use super::state::State;
use super::sync::now_local;
pub use super::sync::tune_allocator;
use super::theme::Theme;
use super::update::{update, Msg, Outcome};
use super::view;
use crate::domain::policy::Profile;
use crate::error::{self, Error, Refusal, Result, TerminalStep};
use crate::i18n::Lang;
use crate::store::Store;

pub struct Options {
    pub today: NaiveDate,
    pub lang: Lang,
    pub scope: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub actor: crate::domain::access::Actor,
    pub export_dir: PathBuf,
    /// Above this many divisions the data is loaded in stages (the region the TUI opens on,
    /// then the nation in the background) and a write reloads only its province.
    pub stage_above: usize,
}

/// The default for `Options::stage_above`: the seed regions load at once, a province or the
/// nation in stages.
pub const STAGE_ABOVE: usize = 100_000;

pub struct App {
    pub state: State,
    pub model: Model,
    pub derived: Derived,
    pub keys: Keymap,
    pub theme: Theme,
    pub(super) store: Store,
    pub(super) search: SearchWorker,
    pub(super) generation: u64,
    pub(super) data_version: i64,
    /// The newest audit row this session has taken into account (see `refresh_changed`).
    pub(super) audit_head: i64,
    pub(super) last_poll: Instant,
    pub(super) export_dir: PathBuf,
    /// Latency of the last search reply, for the benchmark.
    pub last_search_micros: Option<u128>,
    pub(super) loader: super::loader::Loader,
    /// The nation's alerts for the current date and data, once computed.
    pub(super) national: Option<std::sync::Arc<super::model::NationalAlerts>>,
    /// The (date, generation) the nation's alerts were last asked for.
    pub(super) alerts_asked: Option<(NaiveDate, u64)>,
    /// A load of the whole nation is under way (for this generation).
    pub(super) loading_all: Option<u64>,
    pub(super) stage_above: usize,
    /// How long the background load of the nation took, once done (for the benchmark).
    pub full_load_millis: Option<u128>,
    /// Bumped whenever other staff and evaluations are put in place (see `Network::people`).
    pub(super) people_gen: u64,
    /// The people last asked of the loader, with the data generation they were asked for.
    pub(super) people_asked: Option<(Vec<String>, u64)>,
    /// Something shown has changed since the last draw. Every change sets it: a message
    /// handled by `update`, data put in place, a resize; drawing clears it.
    pub(super) dirty: bool,
    /// The first key of a two-key binding, waiting for the second.
    pub(super) pending: Option<Key>,
    /// Ctrl-Z was pressed: the loop hands the terminal back to the shell (`Ending::Suspend`).
    pub suspend: bool,
}

/// Confine a session on a large database (more than `stage_above` divisions) to the province
/// of its start: the scope asked for (`query`, resolved here), else the account's grant. Such
/// a session holds that province's divisions, sites and people and builds its own search
/// index, so its memory follows its jurisdiction, not the nation (issue 18). Returns the
/// store and the scope as a code. A session without either (an administrator, a nationwide
/// viewer) and every session on a smaller database hold everything, as before.
pub fn confine(
    store: Store,
    query: Option<&str>,
    grant: Option<&str>,
    stage_above: usize,
) -> Result<(Store, Option<String>)> {
    if query.is_none() && grant.is_none() || store.division_count()? <= stage_above as i64 {
        return Ok((store, query.map(String::from)));
    }
    let code = match query {
        Some(q) => Some(resolve_code(&store, q)?),
        None => grant.map(String::from),
    };
    // What resolving the name read (the nation's index) goes back to the kernel.
    super::sync::release_free_memory();
    let region = code
        .as_deref()
        .and_then(|c| c.get(..2))
        .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
        .map(String::from);
    tracing::info!(
        region = region.as_deref().unwrap_or("-"),
        "tui: session confined"
    );
    let scope = query.and(code);
    Ok((store.confined_to(region), scope))
}

/// A scope query (name, pinyin or code) as a division code, on the nation's saved index, or
/// on the whole tree when the database has no index saved.
fn resolve_code(store: &Store, q: &str) -> Result<String> {
    if let Some(mut idx) = store
        .search_index()?
        .and_then(crate::search::Index::from_vec)
    {
        return crate::search::resolve_in_index(&mut idx, q);
    }
    let tree = store.load_tree()?;
    let node = crate::search::resolve_scope(&tree, q)?;
    Ok(tree.node(node).code_str())
}

impl App {
    pub fn new(store: Store, profiles: Vec<Profile>, o: Options) -> Result<App> {
        tune_allocator();
        let tree = std::sync::Arc::new(store.load_tree()?);
        if tree.is_empty() {
            return Err(Error::Refused(Refusal::NoDivisions));
        }
        // Start at the given scope, else the first bound jurisdiction, else the first root.
        // The saved search index (some 80 MB nationally) is read here only to resolve a
        // given scope; otherwise the search worker reads it itself, off the first frame's path.
        // A session confined to a province (see `confine`) builds its own small index on the
        // first search and gets its scope as a code.
        let confined = store.region().is_some();
        let saved = match (&o.scope, store.path()) {
            _ if confined => Saved::Bytes(None),
            (None, Some(p)) => Saved::Db(p.to_path_buf()),
            _ => Saved::Bytes(store.search_index().unwrap_or(None)),
        };
        let scope = match &o.scope {
            Some(q) if confined => match tree.find(q) {
                Some(n) => n,
                None => crate::search::resolve_scope(&tree, q)?,
            },
            Some(q) => match saved.bytes().and_then(crate::search::Index::from_bytes) {
                Some(mut idx) => {
                    let code = crate::search::resolve_in_index(&mut idx, q)?;
                    tree.find(&code).ok_or(Error::UnknownScope {
                        query: q.clone(),
                        hints: vec![],
                    })?
                }
                None => crate::search::resolve_scope(&tree, q)?,
            },
            // An editor starts in their own jurisdiction.
            None => match o.actor.scope.as_deref().and_then(|c| tree.find(c)) {
                Some(n) => n,
                None => profiles
                    .iter()
                    .flat_map(|p| p.binds_to.iter())
                    .find_map(|c| tree.find(c))
                    .or_else(|| tree.roots().next())
                    .unwrap_or(0),
            },
        };
        // A large database: the province of the start scope now, the rest after the frame.
        let staged = store.path().is_some() && tree.len() > o.stage_above;
        let net = if staged {
            let region = tree.node(tree.root_of(scope)).code_str();
            store.load_data_within(std::sync::Arc::clone(&tree), Some(&[region]))?
        } else {
            store.load_data_within(std::sync::Arc::clone(&tree), None)?
        };
        let model = Model {
            profiles,
            user: o.actor.name.clone(),
            actor: o.actor,
            db: store.path_display(),
            loaded_at: now_local(),
            read_only: (!store.accepts_writes()).then_some(super::model::ReadOnly::Database),
            net: std::sync::Arc::new(net),
        };
        let mut state = State::new(scope, o.today, o.lang);
        state.tree.expansion.open(scope);
        // Nothing asked for and no jurisdiction of one's own, on a database of several bound
        // regions: the overview of them all first.
        let several = super::overview::bound_regions(&model.net, &model.profiles).len() > 1;
        if o.scope.is_none() && model.actor.scope.is_none() && several {
            state.overview = Some(0);
        }
        let search = SearchWorker::start(std::sync::Arc::clone(&model.net.tree), saved);
        let derived = Derived::build(&model, scope, o.today, 0);
        let data_version = store.data_version().unwrap_or(0);
        let audit_head = store.audit_head().unwrap_or(0);
        let loader = super::loader::Loader::start();
        let mut loading_all = None;
        if let (true, Some(db)) = (staged, store.path()) {
            loader.send(super::loader::Job::LoadAll {
                db: db.to_path_buf(),
                tree: std::sync::Arc::clone(&model.net.tree),
                people: model.net.people.clone(),
                generation: 0,
            });
            loading_all = Some(0);
        }
        let mut app = App {
            state,
            model,
            derived,
            keys: o.keymap,
            theme: o.theme,
            store,
            search,
            generation: 0,
            data_version,
            audit_head,
            last_poll: Instant::now(),
            export_dir: o.export_dir,
            last_search_micros: None,
            loader,
            national: None,
            alerts_asked: None,
            loading_all,
            stage_above: o.stage_above,
            full_load_millis: None,
            people_gen: 0,
            people_asked: None,
            dirty: true,
            pending: None,
            suspend: false,
        };
        if let Some(first) = app.keys.problems.first() {
            let help_key = app
                .keys
                .keys_for(Table::Normal, super::action::Action::Help)
                .into_iter()
                .next()
                .unwrap_or_default();
            app.handle(Msg::KeymapProblem {
                count: app.keys.problems.len(),
                first: first.text(app.state.lang),
                help_key,
            });
        }
        app.ask_alerts();
        Ok(app)
    }

    /// Map a key through the keymap tables of what is on screen; unbound plain characters are typed
    /// text in the search and command lines, the filter, forms and the grid (which refuses
    /// what a score cannot hold, with the reason: nothing typed is dropped silently).
    pub fn msg_for_key(&self, e: &KeyEvent) -> Option<Msg> {
        let key = Key::from_event(e);
        for table in self.state.key_tables() {
            if let Some(a) = self.keys.lookup(table, &key) {
                return Some(Msg::Act(a));
            }
        }
        if matches!(
            self.state.table(),
            Table::Search | Table::Command | Table::Grid | Table::Filter | Table::Form
        ) {
            if let crossterm::event::KeyCode::Char(c) = e.code {
                if !e
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    return Some(Msg::Type(c));
                }
            }
        }
        None
    }

    pub fn handle_key(&mut self, e: KeyEvent) {
        if e.kind == KeyEventKind::Release {
            return;
        }
        let key = Key::from_event(&e);
        // Ctrl-Z suspends, as the terminal's own suspend character would outside raw mode:
        // a convention of every terminal program, not a binding of a keymap.
        if key.ctrl && !key.alt && key.code == crossterm::event::KeyCode::Char('z') {
            self.pending = None;
            self.suspend = true;
            return;
        }
        // A key that starts a two-key binding (Emacs's ctrl-x ctrl-c) waits for the second.
        if let Some(first) = self.pending.take() {
            let chord = Chord {
                first,
                then: Some(key),
            };
            let found = self
                .state
                .key_tables()
                .into_iter()
                .find_map(|t| self.keys.lookup_chord(t, &chord));
            match found {
                Some(a) => self.handle(Msg::Act(a)),
                None => self.handle(Msg::ChordUnbound(chord.display())),
            }
            return;
        }
        if self
            .state
            .key_tables()
            .into_iter()
            .any(|t| self.keys.is_prefix(t, &key))
        {
            self.pending = Some(key);
            self.handle(Msg::ChordStarted(key.display()));
            return;
        }
        if let Some(msg) = self.msg_for_key(&e) {
            self.handle(msg);
        }
    }

    /// Every change to the state goes through here: `update`, then its effect, if any.
    pub fn handle(&mut self, msg: Msg) {
        match update(&mut self.state, &self.model, &self.derived, msg) {
            Outcome::NotMine => {}
            Outcome::Handled => self.dirty = true,
            Outcome::Effect(e) => {
                self.dirty = true;
                self.run_effect(e);
            }
        }
        self.refresh_derived();
    }

    pub fn draw<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        let size = term
            .size()
            .map_err(|e| error::terminal(TerminalStep::Draw, e))?;
        self.state.page = view::page_rows(
            ratatui::layout::Rect::new(0, 0, size.width, size.height),
            &self.state,
        );
        let ctx = view::Ctx {
            s: &self.state,
            m: &self.model,
            d: &self.derived,
            keys: &self.keys,
            theme: self.theme,
        };
        term.draw(|f| view::render(f, &ctx))
            .map_err(|e| error::terminal(TerminalStep::Draw, e))?;
        self.dirty = false;
        Ok(())
    }

    /// The interactive loop. `next_event` waits up to the given time for an event; an error
    /// of kind `UnexpectedEof` says the terminal has gone, and ends the loop.
    pub fn run<B: Backend>(
        &mut self,
        term: &mut Terminal<B>,
        mut next_event: impl FnMut(Duration) -> std::io::Result<Option<Event>>,
        stop: &AtomicBool,
    ) -> Result<Ending> {
        self.draw(term)?;
        while !self.state.quit {
            if stop.load(Ordering::Relaxed) {
                return Ok(Ending::Stopped);
            }
            let ev = match next_event(super::sync::POLL) {
                Ok(ev) => ev,
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(Ending::TerminalClosed)
                }
                Err(e) => return Err(error::terminal(TerminalStep::Input, e)),
            };
            match ev {
                Some(Event::Key(k)) => {
                    self.handle_key(k);
                    if std::mem::take(&mut self.suspend) {
                        return Ok(Ending::Suspend);
                    }
                }
                Some(Event::Resize(_, _)) => {
                    term.autoresize()
                        .map_err(|e| error::terminal(TerminalStep::Draw, e))?;
                    self.dirty = true;
                }
                _ => {}
            }
            if self.tick() {
                self.draw(term)?;
            }
        }
        Ok(Ending::Quit)
    }
}

/// How the interactive loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal asked it to stop.
    Stopped,
    /// The terminal went away: end of input, or hung up.
    TerminalClosed,
    /// Ctrl-Z: the caller gives the terminal back, stops, and runs the loop again on `fg`.
    Suspend,
}
