//! One background thread behind two channels: jobs go in, results come out, and the UI
//! thread never blocks on either. The search index and the loader both run in one.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

pub struct Worker<Job, Done> {
    tx: Option<Sender<Job>>,
    rx: Receiver<Done>,
    handle: Option<JoinHandle<()>>,
}

impl<Job: Send + 'static, Done: Send + 'static> Worker<Job, Done> {
    /// Start a thread named `name` running `body` until the job channel closes (the worker
    /// is dropped) or nobody takes its results. A thread that cannot start leaves a worker
    /// that answers nothing.
    pub fn start(
        name: &str,
        body: impl FnOnce(Receiver<Job>, Sender<Done>) + Send + 'static,
    ) -> Worker<Job, Done> {
        let (tx, rx_job) = channel::<Job>();
        let (tx_done, rx) = channel::<Done>();
        let handle = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || body(rx_job, tx_done))
            .ok();
        Worker {
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

    /// A result if one is waiting.
    pub fn try_recv(&self) -> Option<Done> {
        self.rx.try_recv().ok()
    }

    pub fn recv_timeout(&self, d: std::time::Duration) -> Option<Done> {
        self.rx.recv_timeout(d).ok()
    }
}

impl<Job, Done> Drop for Worker<Job, Done> {
    fn drop(&mut self) {
        // Closing the job channel ends the thread once its current job is done. A job in
        // progress (a national load, an index build) finishes on its own: quitting must not
        // wait for it.
        self.tx.take();
        if let Some(h) = self.handle.take() {
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_go_in_and_results_come_out_in_order() {
        let w: Worker<u32, u32> = Worker::start("sgz-test", |rx, tx| {
            while let Ok(n) = rx.recv() {
                if tx.send(n * 2).is_err() {
                    break;
                }
            }
        });
        w.send(1);
        w.send(2);
        let t = std::time::Duration::from_secs(5);
        assert_eq!(w.recv_timeout(t), Some(2));
        assert_eq!(w.recv_timeout(t), Some(4));
        assert_eq!(w.try_recv(), None);
    }
}
