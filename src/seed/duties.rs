//! The demo's history of duties: most instances received on time, some late, a few missing,
//! in every region, up to the demo's reference date. Deterministic from its own seed, so the
//! sites, staff and evaluations of the demo stay exactly as they were.

use chrono::NaiveDate;

use super::{between, Rng};
use crate::domain::calendar::add_days;
use crate::domain::duties::{owner_periods, owners, DutyKind, Receipt};
use crate::domain::network::Network;
use crate::domain::policy::Profile;

/// The seed of the duties' history, apart from the demo's own.
const DUTY_SEED: u64 = super::SEED ^ 0x0D07_1E5D;

/// Share of instances received on time, received late; the rest are missing.
const ON_TIME: f64 = 0.86;
const LATE: f64 = 0.10;

/// Who the demo says recorded its history.
pub const RECORDER: &str = "demo";

/// Receipts for every instance due by `today` under each profile's bound areas.
pub fn history(net: &Network, profiles: &[Profile], today: NaiveDate) -> Vec<Receipt> {
    let mut rng = Rng::new(DUTY_SEED);
    let mut out = Vec::new();
    let roots: Vec<u32> = net.tree.roots().collect();
    for profile in profiles {
        for duty in &profile.duties {
            let mut owned = Vec::new();
            for r in &roots {
                owned.extend(owners(duty, profile, net, *r));
            }
            for owner in owned {
                let node = net.tree.node(owner.node);
                let code = node.code_str();
                for p in owner_periods(duty, &owner, today) {
                    let due = duty.deadline(p);
                    if due > today {
                        continue;
                    }
                    let received = if duty.kind == DutyKind::Registration {
                        // The town's registration is its station's civil registration.
                        net.site_at(owner.node).and_then(|s| s.civil_reg)
                    } else {
                        let r = rng.f();
                        let start = p.start(duty).max(add_days(due, -12));
                        if r < ON_TIME {
                            Some(between(&mut rng, start.min(due), due))
                        } else if r < ON_TIME + LATE {
                            let late = add_days(due, rng.range(1, 25));
                            Some(late.min(today))
                        } else {
                            None
                        }
                    };
                    let Some(received) = received else { continue };
                    out.push(Receipt {
                        policy: profile.id.clone(),
                        duty: duty.id.clone(),
                        owner: code.clone(),
                        period: p.label(),
                        received: Some(received),
                        recorded_by: RECORDER.into(),
                        note: None,
                        version: 1,
                        synthetic: true,
                    });
                }
            }
        }
    }
    out
}
