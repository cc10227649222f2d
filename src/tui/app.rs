//! The loop only: event -> keymap -> Action -> update -> Effect -> store -> view model -> render.
//! Generic over the ratatui Backend so tests drive the whole app on TestBackend.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::Terminal;

use super::action::Mode;
use super::keymap::{Key, Keymap};
use super::model::{Derived, Model};
use super::search::{Saved, SearchWorker};
use super::state::{SearchPurpose, State};
use super::theme::Theme;
use super::update::{update, Effect, Msg};
use super::view;
use crate::domain::policy::Profile;
use crate::error::{Error, Result};
use crate::store::Store;

pub struct Options {
    pub today: NaiveDate,
    pub en: bool,
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
    store: Store,
    search: SearchWorker,
    generation: u64,
    data_version: i64,
    last_poll: Instant,
    export_dir: PathBuf,
    /// Latency of the last search reply, for the benchmark.
    pub last_search_micros: Option<u128>,
    loader: super::loader::Loader,
    /// The nation's alerts for the current date and data, once computed.
    national: Option<std::sync::Arc<super::model::NationalAlerts>>,
    /// The (date, generation) the nation's alerts were last asked for.
    alerts_asked: Option<(NaiveDate, u64)>,
    /// A load of the whole nation is under way (for this generation).
    loading_all: Option<u64>,
    stage_above: usize,
    /// How long the background load of the nation took, once done (for the benchmark).
    pub full_load_millis: Option<u128>,
    /// Bumped whenever other staff and evaluations are put in place (see `Network::people`).
    people_gen: u64,
    /// The people last asked of the loader, with the data generation they were asked for.
    people_asked: Option<(Vec<String>, u64)>,
}

/// An export asked for before the scope's data is in: a partial file would look complete.
fn still_loading() -> Error {
    Error::Invalid("this region's data is still loading; export again in a moment".into())
}

fn now_local() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Large blocks straight from the kernel and back to it when freed. glibc raises its mmap
/// threshold to the size of each large block freed (up to 32 MB), after which the loading of
/// a nation's rows grows and copies its vectors inside the heap and keeps the freed copies:
/// measured on the national database, some 23 MB of resident memory held for nothing. A
/// fixed threshold turns that adjustment off. Called before the first large allocation.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is safe to call at any time.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Hand the pages freed by a large piece of background work back to the kernel (glibc
/// keeps them in its per-thread arenas otherwise).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
}

impl App {
    pub fn new(store: Store, profiles: Vec<Profile>, o: Options) -> Result<App> {
        tune_allocator();
        let tree = std::sync::Arc::new(store.load_tree()?);
        if tree.is_empty() {
            return Err(Error::Invalid(
                "the database holds no divisions; import some with `sgz import divisions DIR`"
                    .into(),
            ));
        }
        // Start at the given scope, else the first bound jurisdiction, else the first root.
        // The saved search index (some 80 MB nationally) is read here only to resolve a
        // given scope; otherwise the search worker reads it itself, off the first frame's path.
        let saved = match (&o.scope, store.path()) {
            (None, Some(p)) => Saved::Db(p.to_path_buf()),
            _ => Saved::Bytes(store.search_index().unwrap_or(None)),
        };
        let scope = match &o.scope {
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
        let mut state = State::new(scope, o.today, o.en);
        state.tree.expansion.open(scope);
        let search = SearchWorker::start(std::sync::Arc::clone(&model.net.tree), saved);
        let derived = Derived::build(&model, scope, o.today, 0);
        let data_version = store.data_version().unwrap_or(0);
        if !o.keymap.problems.is_empty() {
            let first = &o.keymap.problems[0];
            state.warn(format!(
                "{}{first}{}",
                state.tr(
                    "键位表有误，该键沿用默认：",
                    "Keymap problem, default kept for that key: "
                ),
                if o.keymap.problems.len() > 1 {
                    format!(" (+{})", o.keymap.problems.len() - 1)
                } else {
                    String::new()
                }
            ));
        }
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
        };
        app.ask_alerts();
        Ok(app)
    }

    /// Have the nation's alerts computed in the background for the current date and data
    /// (once the whole network is loaded; a region's alerts are computed per scope).
    fn ask_alerts(&mut self) {
        let key = (self.state.as_of, self.generation);
        if self.model.net.loaded.is_some() || self.alerts_asked == Some(key) {
            return;
        }
        self.alerts_asked = Some(key);
        // Nationally the staff are held for one province: the loader reads the others.
        let from = match (&self.model.net.people, self.store.path()) {
            (Some(_), Some(db)) => super::loader::AlertSource::Db {
                db: db.to_path_buf(),
                tree: std::sync::Arc::clone(&self.model.net.tree),
            },
            _ => super::loader::AlertSource::Net(std::sync::Arc::clone(&self.model.net)),
        };
        self.loader.send(super::loader::Job::Alerts {
            from,
            profiles: self.model.profiles.clone(),
            as_of: key.0,
            generation: key.1,
        });
    }

    /// Whether the whole network is loaded (a large database loads in stages).
    pub fn fully_loaded(&self) -> bool {
        self.model.net.loaded.is_none()
    }

    /// Whether the nation's alerts for the current date and data are in.
    pub fn alerts_ready(&self) -> bool {
        self.derived.has_national()
    }

    /// Whether the staff and evaluations of the current scope are in.
    pub fn people_ready(&self) -> bool {
        self.model.net.has_people(self.state.scope)
    }

    /// Block until the background loads are done (tests and the benchmark).
    pub fn wait_background(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.fully_loaded() && self.alerts_ready() && self.people_ready() {
                return true;
            }
            if let Some(d) = self.loader.recv_timeout(Duration::from_millis(20)) {
                self.take_done(d);
            }
        }
        false
    }

    fn take_done(&mut self, d: super::loader::Done) {
        match d {
            super::loader::Done::Loaded {
                net,
                generation,
                millis,
            } => {
                if self.loading_all != Some(generation) {
                    return;
                }
                self.loading_all = None;
                if generation != self.generation {
                    // The data changed while it loaded: load again.
                    self.load_all_in_background();
                    return;
                }
                match net {
                    Ok(net) => {
                        self.full_load_millis = Some(millis);
                        let mut net = *net;
                        // The scope moved while the nation loaded and its province's people
                        // are already here: keep them rather than read them again.
                        let needed = self.people_needed();
                        let held = &self.model.net;
                        if net.people != needed && held.people == needed {
                            net.replace_people(
                                held.staff.clone(),
                                held.evaluations.clone(),
                                held.people.clone(),
                            );
                        }
                        self.model.net = std::sync::Arc::new(net);
                        self.model.loaded_at = now_local();
                        self.generation += 1;
                        self.refresh_derived();
                    }
                    Err(e) => {
                        let head = self
                            .state
                            .tr("载入全国数据失败：", "Loading the nation failed: ");
                        self.state.error(format!("{head}{e}"));
                    }
                }
            }
            super::loader::Done::People {
                people,
                prefixes,
                generation,
            } => {
                let latest = self.people_asked.as_ref() == Some(&(prefixes.clone(), generation));
                match people {
                    // Still what the screen needs, and the data has not changed since.
                    Ok((staff, evaluations))
                        if generation == self.generation
                            && Some(&prefixes) == self.people_needed().as_ref() =>
                    {
                        std::sync::Arc::make_mut(&mut self.model.net).replace_people(
                            staff,
                            evaluations,
                            Some(prefixes),
                        );
                        self.people_gen += 1;
                        self.people_asked = None;
                    }
                    // Only the answer to the latest request frees the way for the next one.
                    Ok(_) => {
                        if latest {
                            self.people_asked = None;
                        }
                    }
                    // A failed request stays marked as asked, so that it is not repeated on
                    // every key; a change of data (a new generation) tries again.
                    Err(e) => {
                        if latest {
                            let head = self
                                .state
                                .tr("载入人员数据失败：", "Loading staff failed: ");
                            self.state.error(format!("{head}{e}"));
                        }
                        return;
                    }
                }
                self.refresh_derived();
            }
            super::loader::Done::Alerts(Ok(n)) => {
                if n.as_of == self.state.as_of && n.generation == self.generation {
                    self.derived.offer_national(&n);
                    self.national = Some(n);
                }
            }
            super::loader::Done::Alerts(Err(e)) => {
                let head = self.state.tr(
                    "计算全国告警失败：",
                    "Counting the nation's alerts failed: ",
                );
                self.state.error(format!("{head}{e}"));
            }
        }
    }

    /// The code prefixes whose staff and evaluations the screen needs, when they are held
    /// for part of the nation only: the province of the scope (every view shows the scope's
    /// subtree, and a jump elsewhere moves the scope to the target's province).
    fn people_needed(&self) -> Option<Vec<String>> {
        self.model.net.people.as_ref()?;
        let tree = &self.model.net.tree;
        Some(vec![tree.node(tree.root_of(self.state.scope)).code_str()])
    }

    /// Ask the loader for the people the screen needs, unless they are held or on their way.
    fn want_people(&mut self) {
        let Some(needed) = self.people_needed() else {
            return;
        };
        if self.model.net.people.as_ref() == Some(&needed) {
            return;
        }
        let ask = (needed, self.generation);
        if self.people_asked.as_ref() == Some(&ask) {
            return;
        }
        if let Some(db) = self.store.path() {
            self.loader.send(super::loader::Job::People {
                db: db.to_path_buf(),
                prefixes: ask.0.clone(),
                generation: ask.1,
            });
            self.people_asked = Some(ask);
        }
    }

    fn load_all_in_background(&mut self) {
        if let Some(db) = self.store.path() {
            self.loader.send(super::loader::Job::LoadAll {
                db: db.to_path_buf(),
                tree: std::sync::Arc::clone(&self.model.net.tree),
                people: self.people_needed(),
                generation: self.generation,
            });
            self.loading_all = Some(self.generation);
        }
    }

    /// Map a key through the keymap of the current mode; unbound plain characters are typed
    /// text in the search and command lines, the filter, forms and the grid (which refuses
    /// what a score cannot hold, with the reason: nothing typed is dropped silently).
    pub fn msg_for_key(&self, e: &KeyEvent) -> Option<Msg> {
        let key = Key::from_event(e);
        for mode in self.state.key_modes() {
            if let Some(a) = self.keys.lookup(mode, &key) {
                return Some(Msg::Act(a));
            }
        }
        if matches!(
            self.state.mode,
            Mode::Search | Mode::Command | Mode::Grid | Mode::Filter | Mode::Form
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
        if let Some(msg) = self.msg_for_key(&e) {
            self.handle(msg);
        }
    }

    pub fn handle(&mut self, msg: Msg) {
        let effect = update(&mut self.state, &self.model, &self.derived, msg);
        if let Some(e) = effect {
            self.run_effect(e);
        }
        self.refresh_derived();
    }

    /// A write the store refused. A database replaced under this session turns it read-only
    /// for good, saying so, instead of showing the store's words.
    fn write_failed(&mut self, e: Error) {
        if matches!(e, Error::Replaced { .. }) {
            self.mark_replaced();
        } else {
            self.handle(Msg::WriteFailed(e.to_string()));
        }
    }

    fn mark_replaced(&mut self) {
        if self.model.read_only != Some(super::model::ReadOnly::Replaced) {
            self.model.read_only = Some(super::model::ReadOnly::Replaced);
            let why = super::model::ReadOnly::Replaced.why(self.state.en);
            self.state.error(why);
        }
    }

    fn run_effect(&mut self, e: Effect) {
        match e {
            Effect::Quit => self.state.quit = true,
            Effect::Search { query, purpose } => {
                if query.is_empty() {
                    self.handle(Msg::SearchDone {
                        query,
                        hits: vec![],
                    });
                } else {
                    self.search.send(query, purpose);
                }
            }
            Effect::Noop => {}
            Effect::StaffEdit(e) => {
                use super::update::StaffEdit;
                let site = self.site_of_staff(match &e {
                    StaffEdit::Certificate { staff_id, .. }
                    | StaffEdit::Registration { staff_id, .. }
                    | StaffEdit::Training { staff_id, .. }
                    | StaffEdit::Departure { staff_id, .. } => *staff_id,
                });
                let a = &self.model.actor;
                let r = match e {
                    StaffEdit::Certificate {
                        staff_id,
                        level,
                        passed,
                    } => self.store.record_certificate(a, staff_id, level, passed),
                    StaffEdit::Registration {
                        staff_id,
                        on,
                        expiry,
                    } => self.store.record_registration(a, staff_id, on, expiry),
                    StaffEdit::Training {
                        staff_id,
                        year,
                        hours,
                    } => self.store.record_training(a, staff_id, year, hours),
                    StaffEdit::Departure { staff_id, on } => {
                        self.store.record_departure(a, staff_id, on)
                    }
                };
                match r {
                    Ok(()) => {
                        self.reload_after_write(site);
                        self.state
                            .info(self.state.tr("已保存并留痕", "Saved and audited"));
                    }
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::ExportScores => match self.export_scores() {
                Ok(p) => {
                    let head = self.state.tr("已导出：", "Exported: ");
                    self.state.info(format!("{head}{}", p.display()));
                }
                Err(err) => self.state.error(err.to_string()),
            },
            Effect::CreateEvaluation {
                site_id,
                year,
                phase,
                template,
            } => {
                match self.store.create_evaluation(
                    &self.model.actor,
                    site_id,
                    year,
                    phase,
                    &template,
                ) {
                    Ok(id) => {
                        self.reload_after_write(Some(site_id));
                        self.run_effect(Effect::OpenSheet { eval_id: id });
                    }
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::OpenSheet { eval_id } => match self
                .store
                .evaluation_detail(eval_id, &self.model.actor.name)
            {
                Ok(detail) => self.handle(Msg::SheetLoaded(Box::new(detail))),
                Err(e) => self.write_failed(e),
            },
            Effect::PutDrafts {
                eval_id,
                base_version,
                writes,
            } => {
                for w in writes {
                    let r = match &w {
                        crate::domain::sheet::DraftWrite::Put { item, score } => self
                            .store
                            .put_draft(&self.model.actor, eval_id, item, *score, base_version),
                        crate::domain::sheet::DraftWrite::Clear { item } => self
                            .store
                            .clear_draft_item(&self.model.actor, eval_id, item),
                    };
                    if let Err(e) = r {
                        // The cell stays in the sheet; the grid stops saying it is kept.
                        self.handle(Msg::DraftNotKept(e.to_string()));
                        break;
                    }
                }
            }
            Effect::DiscardDrafts { eval_id } => {
                if let Err(e) = self.store.discard_drafts(&self.model.actor, eval_id) {
                    self.handle(Msg::WriteFailed(e.to_string()));
                }
            }
            Effect::SaveSheet(req) => {
                let r = self.store.save_scores(
                    &self.model.actor,
                    req.evaluation_id,
                    req.base_version,
                    &req.scores,
                    req.total,
                    req.grade,
                );
                match r {
                    Ok(version) => {
                        self.handle(Msg::SheetSaved { version });
                        self.reload_after_write(self.site_of_evaluation(req.evaluation_id));
                    }
                    Err(Error::Conflict { .. }) => match self
                        .store
                        .evaluation_detail(req.evaluation_id, &self.model.actor.name)
                    {
                        Ok(theirs) => self.handle(Msg::SaveConflict(Box::new(theirs.evaluation))),
                        Err(e) => self.write_failed(e),
                    },
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::PrepareStatus { eval_id, change } => match self
                .store
                .evaluation_detail(eval_id, &self.model.actor.name)
            {
                Ok(detail) => self.handle(Msg::StatusReady {
                    evaluation: Box::new(detail.evaluation),
                    change,
                }),
                Err(e) => self.write_failed(e),
            },
            Effect::SetStatus { eval_id, status } => {
                match self
                    .store
                    .set_evaluation_status(&self.model.actor, eval_id, status)
                {
                    Ok(()) => {
                        self.reload_after_write(self.site_of_evaluation(eval_id));
                        if self
                            .state
                            .sheet
                            .as_ref()
                            .is_some_and(|sh| sh.evaluation_id() == eval_id)
                        {
                            self.run_effect(Effect::OpenSheet { eval_id });
                        }
                        let what = if self.state.en {
                            status.name_en()
                        } else {
                            status.name_zh()
                        };
                        self.state.info(format!(
                            "{}{what}",
                            self.state.tr("状态已改为：", "Status now: ")
                        ));
                    }
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::Export => match self.export() {
                Ok(files) => {
                    let names: Vec<String> =
                        files.iter().map(|p| p.display().to_string()).collect();
                    let head = self.state.tr("已导出：", "Exported: ");
                    self.state.info(format!("{head}{}", names.join("  ")));
                }
                Err(err) => self.state.error(err.to_string()),
            },
        }
    }

    fn export(&self) -> Result<Vec<PathBuf>> {
        if !self.model.net.sites_loaded(self.state.scope) {
            return Err(still_loading());
        }
        std::fs::create_dir_all(&self.export_dir).map_err(|e| Error::io(&self.export_dir, e))?;
        let r = &self.derived.report;
        let stem = format!("coverage-{}-{}", r.scope_code, r.as_of);
        let en = self.state.en;
        let files = [
            (
                format!("{stem}.csv"),
                crate::io::coverage::coverage_csv(r, en)?,
            ),
            (
                format!("{stem}.md"),
                crate::io::coverage::coverage_md(r, en),
            ),
            (
                format!("{stem}.svg"),
                crate::io::svg::coverage_svg(&self.model.net, &self.model.profiles, r, en)?,
            ),
        ];
        let mut out = Vec::new();
        for (name, text) in files {
            let p = self.export_dir.join(name);
            std::fs::write(&p, text).map_err(|e| Error::io(&p, e))?;
            out.push(p);
        }
        Ok(out)
    }

    fn export_scores(&self) -> Result<PathBuf> {
        if !self.model.net.is_loaded(self.state.scope) {
            return Err(still_loading());
        }
        std::fs::create_dir_all(&self.export_dir).map_err(|e| Error::io(&self.export_dir, e))?;
        let code = self.model.net.tree.node(self.state.scope).code_str();
        let p = self
            .export_dir
            .join(format!("scores-{code}-{}.xlsx", self.state.today));
        let scores = self.store.scores_under(&code)?;
        let within = |c: &str| c.starts_with(code.as_str());
        let (net, en) = (&self.model.net, self.state.en);
        let sections =
            crate::io::scores::export_sections(net, &self.model.profiles, &scores, &within, en);
        let note = net
            .synthetic
            .then(|| crate::i18n::common::SYNTHETIC_NOTE.get(crate::i18n::Lang::from_en(en)));
        let bytes = crate::io::scores::write_xlsx(&sections, note)?;
        std::fs::write(&p, bytes).map_err(|e| Error::io(&p, e))?;
        Ok(p)
    }

    fn refresh_derived(&mut self) {
        let s = &self.state;
        if !self.derived.is_for(s.scope, s.as_of, self.generation)
            || self.derived.people_gen != self.people_gen
        {
            let (scope, as_of) = (s.scope, s.as_of);
            let prev = std::mem::replace(&mut self.derived, Derived::empty());
            self.derived = Derived::rebuild(&self.model, scope, as_of, self.generation, Some(prev));
            self.derived.people_gen = self.people_gen;
            if let Some(n) = &self.national {
                self.derived.offer_national(n);
            }
        }
        self.ask_alerts();
        self.want_people();
    }

    /// What the screen shows besides the state the keys change: when it differs after a
    /// tick, the loop redraws.
    fn shown(&self) -> (u64, u64, bool, String, Option<super::state::Message>) {
        (
            self.generation,
            self.people_gen,
            self.derived.has_national(),
            self.state.search.for_query.clone(),
            self.state.message.clone(),
        )
    }

    /// Take search replies, background results (the nation, a province's people, the
    /// nation's alerts) and notice other processes' writes. Called between events; says
    /// whether the screen needs drawing again.
    pub fn tick(&mut self) -> bool {
        let before = self.shown();
        self.tick_inner();
        before != self.shown()
    }

    fn tick_inner(&mut self) {
        while let Some(r) = self.search.try_recv() {
            self.take_reply(r);
        }
        while let Some(d) = self.loader.try_recv() {
            self.take_done(d);
        }
        if self.last_poll.elapsed() >= Duration::from_millis(500) {
            self.last_poll = Instant::now();
            if let Ok(v) = self.store.data_version() {
                if v != self.data_version {
                    self.data_version = v;
                    if self.store.replaced().unwrap_or(false) {
                        self.mark_replaced();
                    }
                    // Another process wrote: a large database reloads in the background and
                    // the screen keeps the data it has until then.
                    if self.model.net.tree.len() > self.stage_above && self.store.path().is_some() {
                        self.load_all_in_background();
                    } else {
                        self.reload();
                    }
                }
            }
        }
    }

    fn take_reply(&mut self, r: super::search::Reply) {
        self.last_search_micros = Some(r.micros);
        match r.purpose {
            SearchPurpose::Jump => self.handle(Msg::SearchDone {
                query: r.query,
                hits: r.hits,
            }),
            SearchPurpose::Scope => {
                let node = if r.confident {
                    r.hits.first().copied()
                } else {
                    None
                };
                let hints = r
                    .hits
                    .iter()
                    .take(5)
                    .map(|&h| self.model.net.tree.node(h).name.to_string())
                    .collect();
                self.handle(Msg::ScopeFound {
                    query: r.query,
                    node,
                    hints,
                });
            }
        }
    }

    /// Block until the search worker answers the current query (tests and the benchmark).
    pub fn wait_search(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(r) = self.search.recv_timeout(Duration::from_millis(20)) {
                let done = r.query == self.state.search.input.value().trim()
                    || r.purpose == SearchPurpose::Scope;
                self.take_reply(r);
                if done {
                    return true;
                }
            }
        }
        false
    }

    /// Reload after our own write at `site_id`: on a large database only its province.
    pub fn reload_after_write(&mut self, site_id: Option<i64>) {
        let tree = &self.model.net.tree;
        let region = site_id
            .and_then(|id| self.model.net.node_of_site(id))
            .map(|n| tree.node(tree.root_of(n)).code_str());
        match region {
            Some(p) if self.model.net.tree.len() > self.stage_above => {
                let tree = std::sync::Arc::clone(&self.model.net.tree);
                match self
                    .store
                    .load_data_within(tree, Some(std::slice::from_ref(&p)))
                {
                    Ok(part) => {
                        std::sync::Arc::make_mut(&mut self.model.net).replace_region(
                            &p,
                            part.sites,
                            part.staff,
                            part.evaluations,
                        );
                        self.model.loaded_at = now_local();
                        self.generation += 1;
                        self.refresh_derived();
                    }
                    Err(e) => self.state.error(e.to_string()),
                }
            }
            _ => self.reload(),
        }
    }

    fn site_of_staff(&self, staff_id: i64) -> Option<i64> {
        self.model
            .net
            .staff
            .iter()
            .find(|p| p.id == staff_id)
            .map(|p| p.site_id)
    }

    fn site_of_evaluation(&self, eval_id: i64) -> Option<i64> {
        self.model
            .net
            .evaluations
            .iter()
            .find(|e| e.id == eval_id)
            .map(|e| e.site_id)
    }

    /// Reload all the data (after another process's write), keeping the user's place. A
    /// database loaded in stages keeps its tree and reloads what it has loaded so far.
    pub fn reload(&mut self) {
        let net = &self.model.net;
        let r = match (&net.loaded, &net.people) {
            (None, None) => self.store.load_network(),
            (sites, people) => self.store.load_split(
                std::sync::Arc::clone(&net.tree),
                sites.as_deref(),
                people.as_deref(),
            ),
        };
        match r {
            Ok(net) => {
                self.model.net = std::sync::Arc::new(net);
                self.model.loaded_at = now_local();
                self.generation += 1;
                self.refresh_derived();
            }
            Err(e) => self.state.error(e.to_string()),
        }
    }

    pub fn draw<B: Backend>(&mut self, term: &mut Terminal<B>) -> Result<()> {
        let size = term
            .size()
            .map_err(|e| Error::Invalid(format!("terminal: {e}")))?;
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
            .map_err(|e| Error::Invalid(format!("terminal: {e}")))?;
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
            let ev = match next_event(Duration::from_millis(100)) {
                Ok(ev) => ev,
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(Ending::TerminalClosed)
                }
                Err(e) => return Err(Error::Invalid(format!("terminal input: {e}"))),
            };
            let mut dirty = false;
            match ev {
                Some(Event::Key(k)) => {
                    self.handle_key(k);
                    dirty = true;
                }
                Some(Event::Resize(_, _)) => {
                    term.autoresize()
                        .map_err(|e| Error::Invalid(format!("terminal: {e}")))?;
                    dirty = true;
                }
                _ => {}
            }
            if self.tick() {
                dirty = true;
            }
            if dirty {
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
}
