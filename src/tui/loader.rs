//! Work the UI thread must not wait for at national scale, in one background thread: loading
//! the nation's sites, staff and evaluations after the first frame (on its own read-only
//! connection), and computing every alert of the nation for the tree and status bar. Jobs
//! run in order; results are matched to the data generation they were asked for, so a
//! result for data that has since been reloaded is dropped by the app.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;

use chrono::NaiveDate;

use super::model::NationalAlerts;
use crate::domain::division::Tree;
use crate::domain::network::Network;
use crate::domain::policy::Profile;
use crate::store::Store;

pub enum Job {
    /// Everything under every division, on the tree already loaded.
    LoadAll {
        db: PathBuf,
        tree: Arc<Tree>,
        generation: u64,
    },
    /// The nation's alerts on `as_of`.
    Alerts {
        net: Arc<Network>,
        profiles: Vec<Profile>,
        as_of: NaiveDate,
        generation: u64,
    },
}

pub enum Done {
    Loaded {
        net: std::result::Result<Box<Network>, String>,
        generation: u64,
        millis: u128,
    },
    Alerts(Arc<NationalAlerts>),
}

pub struct Loader {
    tx: Option<Sender<Job>>,
    rx: Receiver<Done>,
    handle: Option<JoinHandle<()>>,
}

impl Loader {
    pub fn start() -> Loader {
        let (tx, rx_job) = channel::<Job>();
        let (tx_done, rx) = channel::<Done>();
        let handle = std::thread::Builder::new()
            .name("sgz-loader".into())
            .spawn(move || {
                while let Ok(job) = rx_job.recv() {
                    let done = match job {
                        Job::LoadAll {
                            db,
                            tree,
                            generation,
                        } => {
                            let t = std::time::Instant::now();
                            let net = Store::open_read_only(&db)
                                .and_then(|s| s.load_data_within(tree, None))
                                .map(Box::new)
                                .map_err(|e| e.to_string());
                            Done::Loaded {
                                net,
                                generation,
                                millis: t.elapsed().as_millis(),
                            }
                        }
                        Job::Alerts {
                            net,
                            profiles,
                            as_of,
                            generation,
                        } => Done::Alerts(Arc::new(NationalAlerts::compute(
                            &net, &profiles, as_of, generation,
                        ))),
                    };
                    if tx_done.send(done).is_err() {
                        break;
                    }
                }
            })
            .ok();
        Loader {
            tx: Some(tx),
            rx,
            handle,
        }
    }

    pub fn send(&self, job: Job) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }

    pub fn try_recv(&self) -> Option<Done> {
        match self.rx.try_recv() {
            Ok(d) => Some(d),
            Err(TryRecvError::Empty) | Err(TryRecvError::Disconnected) => None,
        }
    }

    pub fn recv_timeout(&self, d: std::time::Duration) -> Option<Done> {
        self.rx.recv_timeout(d).ok()
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.tx.take();
        // A load in progress finishes on its own; quitting must not wait for it.
        if let Some(h) = self.handle.take() {
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}
