//! Driving the real App in-process: the same Store, profiles, keymap and update/render path
//! as `sgz`, on a terminal that counts the bytes crossterm writes.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use sgz::domain::division::Level;
use sgz::domain::evaluation::EvalStatus;
use sgz::store::Store;
use sgz::tui::action::{Action, Table};
use sgz::tui::app::{App, Options};
use sgz::tui::keymap::Keymap;
use sgz::tui::theme::{Colors, Theme};
use sgz::tui::update::Msg;

use crate::counting::CountingBackend;
use crate::stats::{percentile, record};

pub type Term = Terminal<CountingBackend>;

/// The scripted search queries, typed one character at a time.
pub const QUERIES: [&str; 6] = ["j", "jh", "jhq", "xingqing", "江汉", "乐清"];

const REPLY_TIMEOUT: Duration = Duration::from_secs(300);

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Open the database and build the App as `sgz` does (commands::tui), with 256 colours.
pub fn open_app(db: &Path, today: NaiveDate) -> Result<App> {
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let actor = sgz::commands::actor_for(&store, None)?;
    let profiles = sgz::io::policy::load()?;
    let opts = Options {
        today,
        lang: sgz::i18n::Lang::Zh,
        scope: None,
        keymap: Keymap::load(None),
        theme: Theme {
            colors: Colors::Full,
        },
        actor,
        export_dir: std::env::temp_dir(),
        stage_above: sgz::tui::app::STAGE_ABOVE,
    };
    Ok(App::new(store, profiles, opts)?)
}

pub fn terminal(width: u16, height: u16) -> Result<Term> {
    Ok(Terminal::new(CountingBackend::new(width, height))?)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A fresh, empty search line.
fn open_search(app: &mut App) {
    if app.state.table() == Table::Search {
        app.handle(Msg::Act(Action::Cancel));
    }
    app.handle(Msg::Act(Action::Search));
}

/// Search keystrokes: each timed from the key to its results drawn. The very first one
/// also builds the search index in the worker, so it is kept apart (`search.first`).
pub fn search(app: &mut App, term: &mut Term, rounds: usize, out: &Path) -> Result<()> {
    let mut first = None;
    let mut lat = Vec::new();
    for _ in 0..rounds {
        for q in QUERIES {
            open_search(app);
            app.draw(term)?;
            for c in q.chars() {
                let t = Instant::now();
                app.handle_key(key(c));
                if !app.wait_search(REPLY_TIMEOUT) {
                    bail!(
                        "no search reply for {:?}",
                        app.state.search().map_or("", |st| st.input.value())
                    );
                }
                app.draw(term)?;
                let took = ms(t.elapsed());
                match first {
                    None => first = Some(took),
                    Some(_) => lat.push(took),
                }
            }
        }
    }
    app.handle(Msg::Act(Action::Cancel));
    if let Some(f) = first {
        record(out, "search.first", f)?;
    }
    if let (Some(p50), Some(p99)) = (percentile(&lat, 50.0), percentile(&lat, 99.0)) {
        record(out, "search.p50", p50)?;
        record(out, "search.p99", p99)?;
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Move,
    Expand,
    Page,
    Jump,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::Move => "move",
            Kind::Expand => "expand",
            Kind::Page => "page",
            Kind::Jump => "jump",
        }
    }
}

struct Step {
    kind: Kind,
    ms: f64,
    bytes: u64,
    full: u64,
}

/// One keystroke as the loop runs it (update, tick, draw), timed and its bytes counted; then
/// the same screen redrawn from scratch for the full-redraw byte count.
fn step(app: &mut App, term: &mut Term, kind: Kind, a: Action) -> Result<Step> {
    term.backend().take_bytes();
    let t = Instant::now();
    app.handle(Msg::Act(a));
    app.tick();
    app.draw(term)?;
    let took = ms(t.elapsed());
    let bytes = term.backend().take_bytes();
    term.clear()?;
    app.draw(term)?;
    let full = term.backend().take_bytes();
    Ok(Step {
        kind,
        ms: took,
        bytes,
        full,
    })
}

/// Type a division's name into the search (untimed) and select it among the hits.
fn select_in_search(app: &mut App, node: u32) -> Result<bool> {
    let name = app.model.net.tree.node(node).name.to_string();
    open_search(app);
    for c in name.chars() {
        app.handle_key(key(c));
    }
    if !app.wait_search(REPLY_TIMEOUT) {
        bail!("no search reply for {name:?}");
    }
    match app
        .state
        .search()
        .map_or(&[][..], |st| &st.hits[..])
        .iter()
        .position(|&h| h == node)
    {
        Some(p) => {
            for _ in 0..p {
                app.handle(Msg::Act(Action::MoveDown));
            }
            Ok(true)
        }
        None => {
            app.handle(Msg::Act(Action::Cancel));
            Ok(false)
        }
    }
}

/// Villages to jump to: the last in the tree, one in the middle, and the first under the
/// starting scope (so each round ends where it began). Each must be findable by its name.
fn jump_targets(app: &mut App) -> Result<Vec<u32>> {
    let tree = &app.model.net.tree;
    let villages = |from: u32, to: u32| -> Vec<u32> {
        (from..to)
            .filter(|&i| tree.node(i).level == Level::Village)
            .collect()
    };
    let n = tree.len() as u32;
    let scope = app.state.scope;
    let mut last = villages(n.saturating_sub(5000), n);
    last.reverse();
    let middle = villages(n / 2, (n / 2 + 5000).min(n));
    let range = tree.subtree(scope);
    let home = villages(range.start, range.end.min(range.start + 5000));
    let mut out = Vec::new();
    for candidates in [last, middle, home] {
        let mut found = None;
        for &v in candidates.iter().take(50) {
            if select_in_search(app, v)? {
                app.handle(Msg::Act(Action::Cancel));
                found = Some(v);
                break;
            }
        }
        match found {
            Some(v) => out.push(v),
            None => bail!("no village found by its own name to jump to"),
        }
    }
    Ok(out)
}

const WALK: [(Kind, Action, usize); 5] = [
    // From the scope down to a township, and open it: its villages are listed.
    (Kind::Expand, Action::Expand, 6),
    (Kind::Move, Action::MoveDown, 8),
    (Kind::Page, Action::PageDown, 3),
    (Kind::Page, Action::PageUp, 2),
    (Kind::Move, Action::MoveUp, 4),
];
const AFTER_JUMP: [(Kind, Action, usize); 3] = [
    (Kind::Move, Action::MoveDown, 3),
    (Kind::Page, Action::PageDown, 2),
    (Kind::Expand, Action::Collapse, 1),
];

/// Navigation in the tree view: move, expand down to a township, page, jump to villages.
/// Records latency p50/p99 (all and per kind), bytes per keystroke and per full redraw, and
/// how long a reload of the data takes (what every write costs the TUI).
pub fn nav(app: &mut App, term: &mut Term, rounds: usize, out: &Path) -> Result<()> {
    if app.state.table() != Table::Normal {
        app.handle(Msg::Act(Action::Cancel));
    }
    app.handle(Msg::Act(Action::View2));
    app.draw(term)?;
    let targets = jump_targets(app)?;
    let mut steps = Vec::new();
    for _ in 0..rounds {
        // Start each round from the scope with everything collapsed (untimed).
        let scope = app.state.scope;
        app.state.tree.expansion.collapse_all();
        app.state.tree.expansion.open(scope);
        app.handle(Msg::Act(Action::Top));
        app.draw(term)?;
        for (kind, a, times) in WALK {
            for _ in 0..times {
                steps.push(step(app, term, kind, a)?);
            }
        }
        for &t in &targets {
            if !select_in_search(app, t)? {
                bail!("jump target {} no longer found", t);
            }
            app.draw(term)?;
            steps.push(step(app, term, Kind::Jump, Action::Confirm)?);
            for (kind, a, times) in AFTER_JUMP {
                for _ in 0..times {
                    steps.push(step(app, term, kind, a)?);
                }
            }
        }
    }
    let lat: Vec<f64> = steps.iter().map(|s| s.ms).collect();
    let bytes: Vec<f64> = steps.iter().map(|s| s.bytes as f64).collect();
    let full: Vec<f64> = steps.iter().map(|s| s.full as f64).collect();
    let put = |k: &str, v: Option<f64>| v.map_or(Ok(()), |v| record(out, k, v));
    put("nav.p50", percentile(&lat, 50.0))?;
    put("nav.p99", percentile(&lat, 99.0))?;
    put("bytes.p50", percentile(&bytes, 50.0))?;
    put("bytes.full.p50", percentile(&full, 50.0))?;
    let mut by_kind: BTreeMap<Kind, Vec<f64>> = BTreeMap::new();
    for s in &steps {
        by_kind.entry(s.kind).or_default().push(s.ms);
    }
    for (k, v) in by_kind {
        put(&format!("nav.{}.p50", k.key()), percentile(&v, 50.0))?;
        put(&format!("nav.{}.max", k.key()), percentile(&v, 100.0))?;
    }
    Ok(())
}

/// Reload times, apart from the navigation (a full reload holds two networks at once, which
/// the session's peak memory must not count as navigation).
pub fn reloads(app: &mut App, out: &Path) -> Result<()> {
    // After a save the TUI reloads the province written to (a site of the start scope here);
    // after another process's write, everything (in the background on a large database).
    let site = app
        .model
        .net
        .sites_under(app.state.scope)
        .next()
        .map(|(_, s)| s.id);
    for _ in 0..2 {
        let t = Instant::now();
        app.reload_after_write(site);
        record(out, "reload", ms(t.elapsed()))?;
        let t = Instant::now();
        app.reload();
        record(out, "reload.all", ms(t.elapsed()))?;
    }
    Ok(())
}

/// Wait until the background stages are done (the nation's data and alerts), so keystrokes
/// are measured on the whole national network. Records how long the load of the nation took
/// and the time from start to everything loaded.
pub fn settle(app: &mut App, started: Instant, out: &Path) -> Result<()> {
    if !app.wait_background(REPLY_TIMEOUT) {
        bail!("the background load of the nation did not finish");
    }
    record(out, "ready.internal", ms(started.elapsed()))?;
    if let Some(t) = app.full_load_millis {
        record(out, "load.full", t as f64)?;
    }
    Ok(())
}

/// Durable saves of one sheet through the store, as the TUI's save does: every item changed,
/// one transaction with its audit rows, synchronous=FULL. Prints the evaluation's id.
pub fn save(db: &Path, saves: usize, out: &Path) -> Result<i64> {
    let mut store = Store::open(db)?;
    let actor = sgz::commands::actor_for(&store, None)?;
    // The first draft with 12 scored items (the national fallback template), else the first
    // draft with any: only drafts take scores (submitted sheets are reopened first).
    let mut picked: Option<sgz::domain::evaluation::Evaluation> = None;
    for id in 1..=2_000 {
        if let Ok(d) = store.evaluation_detail(id, &actor.name) {
            let e = d.evaluation;
            if e.status != EvalStatus::Draft || e.scores.is_empty() {
                continue;
            }
            let full = e.scores.len() >= 12;
            if picked.is_none() || full {
                picked = Some(e);
            }
            if full {
                break;
            }
        }
    }
    let Some(ev) = picked else {
        bail!("no draft evaluation with scores in the first 2,000");
    };
    record(out, "save.items", ev.scores.len() as f64)?;
    let base = ev.scores.clone();
    let mut version = ev.version;
    let mut lat = Vec::new();
    for k in 0..saves + saves % 2 {
        // Alternate between the stored values and the same plus a half point; even count, so
        // the sheet ends as it was found.
        let scores: BTreeMap<String, f64> = base
            .iter()
            .map(|(i, &v)| (i.clone(), if k % 2 == 0 { v + 0.5 } else { v }))
            .collect();
        let total = Some(scores.values().sum());
        let t = Instant::now();
        version = store.save_scores(&actor, ev.id, version, &scores, total, ev.grade)?;
        lat.push(ms(t.elapsed()));
    }
    let put = |k: &str, v: Option<f64>| v.map_or(Ok(()), |v| record(out, k, v));
    put("save.p50", percentile(&lat, 50.0))?;
    put("save.p99", percentile(&lat, 99.0))?;
    Ok(ev.id)
}

/// A memory figure of this process from /proc/self/status (Linux), in KiB: `VmHWM` is the
/// peak resident set, `VmRSS` the current one.
pub fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Search keys of every division, one line each (name, full pinyin, initials): the file fzf
/// filters, so that it matches on the same keys as `sgz find`.
pub fn names(db: &Path, out: &Path) -> Result<usize> {
    use std::io::Write;
    let store = Store::open_read_only(db)?;
    let tree = store.load_tree()?;
    let idx = sgz::search::Index::build(&tree, &sgz::search::Readings::embedded());
    let mut w = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
    );
    for (i, n) in tree.nodes().iter().enumerate() {
        let (py, ini) = idx.pinyin_of(i as u32).unwrap_or(("", ""));
        writeln!(w, "{}\t{py}\t{ini}", n.name)?;
    }
    w.flush()?;
    Ok(tree.len())
}

/// Where the time and memory of start-up and search go: each phase timed on its own
/// (`split.*`, ms) with the resident memory it adds (`mem.*`, MB). Not judged; it says
/// which phase a failing row waits on.
pub fn breakdown(db: &Path, today: NaiveDate, out: &Path) -> Result<()> {
    use sgz::domain::coverage::{coverage, TreeCounts};
    // As the TUI does before loading anything.
    sgz::tui::app::tune_allocator();
    let profiles = sgz::io::policy::load()?;
    let mut mem = status_kib("VmRSS");
    let mut phase = |name: &str, t: Instant| -> Result<()> {
        record(out, &format!("split.{name}"), ms(t.elapsed()))?;
        let now = status_kib("VmRSS");
        if let (Some(a), Some(b)) = (mem, now) {
            record(
                out,
                &format!("mem.{name}"),
                b.saturating_sub(a) as f64 / 1024.0,
            )?;
        }
        mem = now;
        Ok(())
    };
    let t = Instant::now();
    let store = Store::open(db)?;
    phase("open", t)?;
    let t = Instant::now();
    let tree = std::sync::Arc::new(store.load_tree()?);
    phase("load_tree", t)?;
    let t = Instant::now();
    let region = store.load_data_within(std::sync::Arc::clone(&tree), Some(&["64".into()]))?;
    phase("load_start_province", t)?;
    drop(region);
    // What the loader then does: every site, with the start province's people.
    let t = Instant::now();
    let net = store.load_split(std::sync::Arc::clone(&tree), None, Some(&["64".into()]))?;
    phase("load_nation_sites", t)?;
    // The people of the province with the most divisions, as when the scope moves there.
    let t = Instant::now();
    let biggest = net
        .tree
        .roots()
        .max_by_key(|&r| net.tree.subtree(r).len())
        .map(|r| net.tree.node(r).code_str())
        .unwrap_or_default();
    let people = store.load_people_within(Some(&[biggest]))?;
    phase("load_people_largest_province", t)?;
    drop(people);
    let t = Instant::now();
    let counts = TreeCounts::build(&net, today);
    phase("tree_counts", t)?;
    let t = Instant::now();
    let reports: Vec<_> = net
        .tree
        .roots()
        .map(|r| coverage(&net, &profiles, r, None, today))
        .collect();
    phase("coverage_all_provinces", t)?;
    // The nation's alerts as the loader counts them: a province at a time from the database.
    let t = Instant::now();
    let alerts =
        sgz::tui::loader::alerts_from_db(db, std::sync::Arc::clone(&tree), &profiles, today, 0)?;
    phase("national_alerts", t)?;
    let t = Instant::now();
    let saved = store.search_index()?;
    phase("index_read", t)?;
    let t = Instant::now();
    let mut idx = match saved.as_deref().and_then(sgz::search::Index::from_bytes) {
        Some(i) => i,
        None => bail!("the database has no saved search index"),
    };
    drop(saved);
    phase("index_parse", t)?;
    for (name, q) in [("fresh", "j"), ("narrowed", "jh")] {
        let t = Instant::now();
        idx.query(q, sgz::tui::search::LIMIT);
        phase(&format!("search_{name}"), t)?;
    }
    drop((counts, reports, idx, alerts));
    Ok(())
}
