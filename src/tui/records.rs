//! Runs the record forms' writes (sites and staff kept current) against the store, reloads
//! what the views read, and tells `update` what was done.

use super::app::App;
use super::state::StaffUndo;
use super::update::{Msg, Record, Recorded};
use crate::domain::site::Tier;

impl App {
    fn site_name(&self, site_id: i64) -> String {
        self.model
            .net
            .site(site_id)
            .map(|x| x.name.to_string())
            .unwrap_or_default()
    }

    fn person_name(&self, staff_id: i64) -> String {
        self.model
            .net
            .staff
            .iter()
            .find(|p| p.id == staff_id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    /// One record form's write: the store checks the actor and the rules again, writes in
    /// one audited transaction; the model is reloaded before `update` hears of it, so the
    /// dashboard, the tree's counts and the alerts follow at once.
    pub(super) fn record(&mut self, r: Record) {
        let today = self.state.today;
        let actor = self.model.actor.clone();
        let (result, site) = match r {
            Record::CreateSite { division, name } => {
                let tier = self
                    .model
                    .net
                    .tree
                    .find(&division)
                    .and_then(|n| Tier::for_level(self.model.net.tree.node(n).level))
                    .unwrap_or(Tier::Station);
                let r = self.store.create_site(&actor, &division, &name);
                (r.map(|_| Recorded::SiteCreated { name, tier }), None)
            }
            Record::EditSite { site_id, details } => {
                let name = details.name.trim().to_string();
                let r = self.store.edit_site(&actor, site_id, &details, today);
                (r.map(|()| Recorded::SiteEdited { name }), Some(site_id))
            }
            Record::SiteStatus {
                site_id,
                status,
                on,
            } => {
                let name = self.site_name(site_id);
                let r = self
                    .store
                    .record_site_status(&actor, site_id, status, on, today);
                let change = crate::domain::site::StatusChange { status, on };
                (
                    r.map(|()| Recorded::SiteStatus { name, change }),
                    Some(site_id),
                )
            }
            Record::UndoSiteStatus { site_id, last } => {
                let name = self.site_name(site_id);
                let r = self.store.undo_site_status(&actor, site_id, last);
                let done = Recorded::SiteStatusUndone { name, change: last };
                (r.map(|()| done), Some(site_id))
            }
            Record::AddStaff(p) => {
                let site = self.site_name(p.site_id);
                let r = self.store.add_staff(&actor, &p);
                let name = p.name.clone();
                (
                    r.map(|_| Recorded::StaffAdded { name, site }),
                    Some(p.site_id),
                )
            }
            Record::Renew { staff_id, end } => {
                let name = self.person_name(staff_id);
                let r = self.store.renew_staff_contract(&actor, staff_id, end);
                (
                    r.map(|()| Recorded::Renewed { name, end }),
                    self.site_of_staff(staff_id),
                )
            }
            Record::Training {
                staff_id,
                year,
                hours,
            } => {
                let name = self.person_name(staff_id);
                let r = self
                    .store
                    .add_training(&actor, staff_id, year, hours, today);
                let done = r.map(|totals| Recorded::Training {
                    name,
                    year,
                    hours,
                    totals,
                });
                (done, self.site_of_staff(staff_id))
            }
            Record::Departure { staff_id, on } => {
                let site = self.site_of_staff(staff_id);
                let undo = StaffUndo {
                    staff_id,
                    name: self.person_name(staff_id),
                    code: site
                        .and_then(|x| self.model.net.site(x))
                        .map(|x| x.division.to_string())
                        .unwrap_or_default(),
                };
                let r = self.store.record_departure(&actor, staff_id, on);
                (r.map(|()| Recorded::Departed(undo, on)), site)
            }
            Record::UndoDeparture { staff_id } => {
                let name = self.person_name(staff_id);
                let r = self.store.undo_departure(&actor, staff_id);
                (
                    r.map(|()| Recorded::DepartureUndone { staff_id, name }),
                    self.site_of_staff(staff_id),
                )
            }
        };
        match result {
            Ok(done) => {
                // A new site is not in the model yet: its region is found by a full reload.
                self.reload_after_write(site);
                self.handle(Msg::Recorded(done));
            }
            Err(e) => self.write_failed(e),
        }
    }
}
