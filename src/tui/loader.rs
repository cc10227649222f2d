//! Work the UI thread must not wait for at national scale, in one background thread: loading
//! the nation's sites after the first frame and the staff and evaluations of the province on
//! screen (on its own read-only connection), and computing every alert of the nation for the
//! tree and status bar. Of each kind of job only the latest waiting runs, a province's people
//! before the rest; results are matched to the data generation they were asked for, so a
//! result for data that has since been reloaded is dropped by the app.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

use chrono::NaiveDate;

use super::model::NationalAlerts;
use super::worker::Worker;
use crate::domain::division::Tree;
use crate::domain::evaluation::Evaluation;
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::domain::staff::Staff;
use crate::store::Store;

pub enum Job {
    /// Every division's sites, on the tree already loaded, with the staff and evaluations
    /// under `people` (all when None).
    LoadAll {
        db: PathBuf,
        tree: Arc<Tree>,
        people: Option<Vec<String>>,
        generation: u64,
    },
    /// The staff and evaluations under these code prefixes.
    People {
        db: PathBuf,
        prefixes: Vec<String>,
        generation: u64,
    },
    /// The nation's alerts on `as_of`.
    Alerts {
        from: AlertSource,
        profiles: Vec<Profile>,
        as_of: NaiveDate,
        generation: u64,
    },
}

/// Where the nation's alerts are computed from.
pub enum AlertSource {
    /// A network holding everything (a database small enough to load whole).
    Net(Arc<Network>),
    /// The database, a province at a time (the nation's staff are not held in memory).
    Db { db: PathBuf, tree: Arc<Tree> },
}

pub enum Done {
    Loaded {
        net: crate::error::Result<Box<Network>>,
        generation: u64,
        millis: u128,
    },
    People {
        people: crate::error::Result<(Vec<Staff>, Vec<Evaluation>)>,
        prefixes: Vec<String>,
        generation: u64,
    },
    Alerts(crate::error::Result<Arc<NationalAlerts>>),
}

fn run(job: Job) -> Done {
    match job {
        Job::LoadAll {
            db,
            tree,
            people,
            generation,
        } => {
            let t = std::time::Instant::now();
            let net = Store::open_read_only(&db)
                .and_then(|s| s.load_split(tree, None, people.as_deref()))
                .map(Box::new);
            tracing::info!(
                ok = net.is_ok(),
                millis = t.elapsed().as_millis() as u64,
                "background load of the nation"
            );
            Done::Loaded {
                net,
                generation,
                millis: t.elapsed().as_millis(),
            }
        }
        Job::People {
            db,
            prefixes,
            generation,
        } => Done::People {
            people: Store::open_read_only(&db)
                .and_then(|s| s.load_people_within(Some(&prefixes)))
                .inspect(|(staff, _)| {
                    let (n, prefixes) = (staff.len(), prefixes.join(","));
                    tracing::info!(prefixes, staff = n, "background load of people");
                }),
            prefixes,
            generation,
        },
        Job::Alerts {
            from,
            profiles,
            as_of,
            generation,
        } => Done::Alerts(match from {
            AlertSource::Net(net) => Ok(Arc::new(NationalAlerts::compute(
                &net, &profiles, as_of, generation,
            ))),
            AlertSource::Db { db, tree } => {
                alerts_from_db(&db, tree, &profiles, as_of, generation).map(Arc::new)
            }
        }),
    }
}

/// The nation's alerts from the database: each province loaded whole, its alerts counted,
/// and dropped before the next.
pub fn alerts_from_db(
    db: &std::path::Path,
    tree: Arc<Tree>,
    profiles: &[Profile],
    as_of: NaiveDate,
    generation: u64,
) -> crate::error::Result<NationalAlerts> {
    let store = Store::open_read_only(db)?;
    let mut failed = None;
    let parts = tree.roots().map_while(|root| {
        let code = tree.node(root).code_str();
        match store.load_data_within(Arc::clone(&tree), Some(&[code])) {
            Ok(part) => Some(crate::domain::rules::alerts_under(
                &part, profiles, root, as_of,
            )),
            Err(e) => {
                failed = Some(e);
                None
            }
        }
    });
    let n = NationalAlerts::from_parts(parts, as_of, generation);
    match failed {
        Some(e) => Err(e),
        None => Ok(n),
    }
}

/// The next job to run. Of each kind only the latest waiting is kept (the app drops answers
/// to older ones: they are for a scope, a date or data it has left), and a province's people
/// go first, since the user is looking at a "loading" panel for them while the rest is
/// background work (the nation's alerts take seconds).
fn next_job(queue: &mut VecDeque<Job>) -> Option<Job> {
    fn kind(j: &Job) -> u8 {
        match j {
            Job::People { .. } => 0,
            Job::LoadAll { .. } => 1,
            Job::Alerts { .. } => 2,
        }
    }
    let mut last = [None; 3];
    for (k, j) in queue.iter().enumerate() {
        last[kind(j) as usize] = Some(k);
    }
    let mut k = 0;
    queue.retain(|j| {
        let keep = last[kind(j) as usize] == Some(k);
        k += 1;
        keep
    });
    match queue.iter().position(|j| kind(j) == 0) {
        Some(p) => queue.remove(p),
        None => queue.pop_front(),
    }
}

pub struct Loader(Worker<Job, Done>);

impl Loader {
    pub fn start() -> Loader {
        Loader(Worker::start(
            "sgz-loader",
            |rx_job: Receiver<Job>, tx_done: Sender<Done>| {
                let mut queue = VecDeque::new();
                loop {
                    if queue.is_empty() {
                        match rx_job.recv() {
                            Ok(j) => queue.push_back(j),
                            Err(_) => break,
                        }
                    }
                    while let Ok(j) = rx_job.try_recv() {
                        queue.push_back(j);
                    }
                    let Some(job) = next_job(&mut queue) else {
                        continue;
                    };
                    let done = run(job);
                    super::sync::release_free_memory();
                    if tx_done.send(done).is_err() {
                        break;
                    }
                }
            },
        ))
    }

    pub fn send(&self, job: Job) {
        self.0.send(job);
    }

    pub fn try_recv(&self) -> Option<Done> {
        self.0.try_recv()
    }

    pub fn recv_timeout(&self, d: std::time::Duration) -> Option<Done> {
        self.0.recv_timeout(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(p: &str) -> Job {
        Job::People {
            db: PathBuf::from("x.db"),
            prefixes: vec![p.to_string()],
            generation: 0,
        }
    }

    fn which(j: &Job) -> String {
        match j {
            Job::People { prefixes, .. } => prefixes.join(","),
            Job::LoadAll { generation, .. } => format!("all {generation}"),
            Job::Alerts { generation, .. } => format!("alerts {generation}"),
        }
    }

    #[test]
    fn the_latest_of_each_kind_is_run_people_first() {
        let load = |generation| Job::LoadAll {
            db: PathBuf::from("x.db"),
            tree: Arc::new(Tree::default()),
            people: None,
            generation,
        };
        let alerts = |generation| Job::Alerts {
            from: AlertSource::Db {
                db: PathBuf::from("x.db"),
                tree: Arc::new(Tree::default()),
            },
            profiles: vec![],
            as_of: NaiveDate::MIN,
            generation,
        };
        let mut q: VecDeque<Job> = [
            people("33"),
            load(1),
            alerts(1),
            people("42"),
            load(2),
            alerts(2),
            people("64"),
        ]
        .into_iter()
        .collect();
        let mut order = Vec::new();
        while let Some(j) = next_job(&mut q) {
            order.push(which(&j));
        }
        assert_eq!(order, ["64", "all 2", "alerts 2"]);
        // Alone, jobs keep the order they came in.
        let mut q: VecDeque<Job> = [alerts(3), load(3)].into_iter().collect();
        assert_eq!(next_job(&mut q).map(|j| which(&j)), Some("alerts 3".into()));
        assert_eq!(next_job(&mut q).map(|j| which(&j)), Some("all 3".into()));
        assert!(next_job(&mut q).is_none());
    }
}
