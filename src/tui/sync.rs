//! Background loads and refresh: search replies, the loader's results (the nation, a
//! province's people, the nation's alerts), other processes' writes, and reloads after our
//! own. The derived view model follows the data here.

use std::time::{Duration, Instant};

use super::app::App;
use super::model::Derived;
use super::state::SearchPurpose;
use super::update::{Background, Msg};

/// How often an idle session looks whether another process has written (SQLite's
/// `data_version`, a read of the shared WAL index: microseconds) and takes background
/// results: another user's save reaches an open screen within this plus the reload.
pub(super) const POLL: Duration = Duration::from_millis(50);

pub(super) fn now_local() -> String {
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
    /// Have the nation's alerts computed in the background for the current date and data
    /// (once the whole network is loaded; a region's alerts are computed per scope).
    pub(super) fn ask_alerts(&mut self) {
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

    pub(super) fn take_done(&mut self, d: super::loader::Done) {
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
                        let why = self.worded("background load of the nation", &e);
                        self.handle(Msg::BackgroundFailed {
                            what: Background::Nation,
                            why,
                        })
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
                            let why = self.worded("background load of people", &e);
                            self.handle(Msg::BackgroundFailed {
                                what: Background::People,
                                why,
                            });
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
                    self.dirty = true;
                }
            }
            super::loader::Done::Alerts(Err(e)) => {
                let why = self.worded("background count of alerts", &e);
                self.handle(Msg::BackgroundFailed {
                    what: Background::Alerts,
                    why,
                })
            }
        }
    }

    /// The code prefixes whose staff and evaluations the screen needs, when they are held
    /// for part of the nation only: the province of the scope (every view shows the scope's
    /// subtree, and a jump elsewhere moves the scope to the target's province).
    pub(super) fn people_needed(&self) -> Option<Vec<String>> {
        self.model.net.people.as_ref()?;
        let tree = &self.model.net.tree;
        Some(vec![tree.node(tree.root_of(self.state.scope)).code_str()])
    }

    /// Ask the loader for the people the screen needs, unless they are held or on their way.
    pub(super) fn want_people(&mut self) {
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

    pub(super) fn load_all_in_background(&mut self) {
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

    pub(super) fn refresh_derived(&mut self) {
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
            self.dirty = true;
        }
        self.ask_alerts();
        self.want_people();
    }

    /// Take search replies, background results (the nation, a province's people, the
    /// nation's alerts) and notice other processes' writes. Called between events; says
    /// whether the screen needs drawing again.
    pub fn tick(&mut self) -> bool {
        self.tick_inner();
        self.dirty
    }

    pub(super) fn tick_inner(&mut self) {
        while let Some(r) = self.search.try_recv() {
            self.take_reply(r);
        }
        while let Some(d) = self.loader.try_recv() {
            self.take_done(d);
        }
        if self.last_poll.elapsed() >= POLL {
            self.last_poll = Instant::now();
            if let Ok(v) = self.store.data_version() {
                if v != self.data_version {
                    self.data_version = v;
                    if self.store.replaced().unwrap_or(false) {
                        self.mark_replaced();
                    }
                    // Another process wrote: where its audit rows say (the counties they
                    // name), else a large database reloads in the background and the screen
                    // keeps the data it has until then.
                    if self.refresh_changed() {
                        // Done: the counties named are fresh.
                    } else if self.model.net.tree.len() > self.stage_above
                        && self.store.path().is_some()
                    {
                        self.load_all_in_background();
                    } else {
                        self.reload();
                    }
                }
            }
        }
    }

    pub(super) fn take_reply(&mut self, r: super::search::Reply) {
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
                // Nothing to wait for once the search line is closed.
                let done = self
                    .state
                    .search()
                    .is_none_or(|st| r.query == st.input.value().trim())
                    || r.purpose == SearchPurpose::Scope;
                self.take_reply(r);
                if done {
                    return true;
                }
            }
        }
        false
    }

    /// After a write (another process's, or this session's own): reload only the counties
    /// its audit rows name, and the duty records. False (and nothing done) when that cannot
    /// be trusted to cover the change: no new audit row (a write outside sgz), a row naming
    /// no division, too many rows, or a county outside what this session has loaded.
    pub(super) fn refresh_changed(&mut self) -> bool {
        const MOST: usize = 256;
        let Ok((head, scopes)) = self.store.audited_since(self.audit_head, MOST + 1) else {
            return false;
        };
        self.audit_head = head;
        if scopes.is_empty() || scopes.len() > MOST {
            return false;
        }
        let mut counties: Vec<String> = Vec::new();
        for s in &scopes {
            let Some(code) = s.as_deref() else {
                return false;
            };
            let county = code.get(..6).unwrap_or(code).to_string();
            if !counties.contains(&county) {
                counties.push(county);
            }
        }
        let net = &self.model.net;
        let within = |c: &str| match &net.loaded {
            None => true,
            Some(ps) => ps.iter().any(|p| c.starts_with(p.as_str())),
        };
        if counties
            .iter()
            .any(|c| !within(c) || net.tree.find(c).is_none())
        {
            return false;
        }
        let done = self.reload_regions(&counties).is_ok();
        if done {
            tracing::info!(counties = counties.join(","), "refreshed after a write");
        }
        done
    }

    /// Reload the sites and people under each code prefix, and the duty records, in place:
    /// one new data generation. Nothing changes when a load fails.
    fn reload_regions(&mut self, prefixes: &[String]) -> crate::error::Result<()> {
        let tree = &self.model.net.tree;
        let mut parts = Vec::new();
        for p in prefixes {
            let part = self
                .store
                .load_data_within(std::sync::Arc::clone(tree), Some(std::slice::from_ref(p)))?;
            parts.push((p, part));
        }
        let duties = self.store.duty_records(&[])?;
        let net = std::sync::Arc::make_mut(&mut self.model.net);
        for (p, part) in parts {
            net.replace_region(p, part.sites, part.staff, part.evaluations);
        }
        net.duties = duties;
        self.model.loaded_at = now_local();
        self.generation += 1;
        self.refresh_derived();
        Ok(())
    }

    /// Reload after our own write at `site_id`: the counties its audit rows name, else on a
    /// large database its province, else everything.
    pub fn reload_after_write(&mut self, site_id: Option<i64>) {
        // The counties the write's audit rows name, when they say (every sgz write does).
        if self.refresh_changed() {
            return;
        }
        let tree = &self.model.net.tree;
        let region = site_id
            .and_then(|id| self.model.net.node_of_site(id))
            .map(|n| tree.node(tree.root_of(n)).code_str());
        match region {
            Some(p) if self.model.net.tree.len() > self.stage_above => {
                if let Err(e) = self.reload_regions(&[p]) {
                    let why = self.worded("reload after a write", &e);
                    self.handle(Msg::Failed(why))
                }
            }
            _ => self.reload(),
        }
    }

    /// Reload all the data (after another process's write), keeping the user's place. A
    /// database loaded in stages keeps its tree and reloads what it has loaded so far.
    pub fn reload(&mut self) {
        let net = &self.model.net;
        let r = match (&net.loaded, &net.people) {
            (None, None) if self.store.region().is_none() => self.store.load_network(),
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
            Err(e) => {
                let why = self.worded("reload", &e);
                self.handle(Msg::Failed(why))
            }
        }
    }

    /// A failure in the interface language for the screen, and in the log with its cause.
    pub(super) fn worded(&self, what: &str, e: &crate::error::Error) -> String {
        let cause = crate::domain::text::escape(&e.message(crate::i18n::Lang::En)).into_owned();
        tracing::warn!(what, error = %cause, "failed");
        e.message(self.state.lang)
    }
}
