//! Runs the Effects `update` asks for against the store (writes, sheet loads, exports) and
//! hands what came of them back to `update` as messages.

use std::path::PathBuf;

use super::app::App;
use super::update::{Effect, Msg, StaffEdit};
use crate::domain::sheet::DraftWrite;
use crate::error::{Error, Result};

/// An export asked for before the scope's data is in: a partial file would look complete.
pub(super) fn still_loading() -> Error {
    Error::Refused(crate::error::Refusal::StillLoading)
}

impl App {
    /// A write the store refused. A database replaced under this session turns it read-only
    /// for good, saying so, instead of showing the store's words.
    pub(super) fn write_failed(&mut self, e: Error) {
        if matches!(e, Error::Replaced { .. }) {
            self.mark_replaced();
        } else {
            let why = self.worded("write", &e);
            self.handle(Msg::WriteFailed(why));
        }
    }

    pub(super) fn mark_replaced(&mut self) {
        if self.model.read_only != Some(super::model::ReadOnly::Replaced) {
            self.model.read_only = Some(super::model::ReadOnly::Replaced);
            self.handle(Msg::Replaced);
        }
    }

    pub(super) fn run_effect(&mut self, e: Effect) {
        match e {
            // `update` has already set `quit`; the loop ends at its next turn.
            Effect::Quit => {}
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
            Effect::StaffEdit(e) => self.staff_edit(e),
            Effect::Record(r) => self.record(r),
            Effect::MarkDuty { mark, what, undo } => self.mark_duty(mark, what, undo),
            Effect::RecordContract { draft, renews } => self.record_contract(draft, renews),
            Effect::ExportScores => match self.export_scores() {
                Ok(p) => self.handle(Msg::Exported(vec![p.display().to_string()])),
                Err(err) => {
                    let why = self.worded("effect", &err);
                    self.handle(Msg::Failed(why))
                }
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
            } => self.put_drafts(eval_id, base_version, writes),
            Effect::DiscardDrafts { eval_id } => {
                if let Err(e) = self.store.discard_drafts(&self.model.actor, eval_id) {
                    let why = self.worded("write", &e);
                    self.handle(Msg::WriteFailed(why));
                }
            }
            Effect::SaveSheet(req) => self.save_sheet(req),
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
                            .sheet()
                            .is_some_and(|sh| sh.evaluation_id() == eval_id)
                        {
                            self.run_effect(Effect::OpenSheet { eval_id });
                        }
                        self.handle(Msg::StatusChanged(status));
                    }
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::SetPart { eval_id, submit } => {
                match self
                    .store
                    .set_part(&self.model.actor, eval_id, None, submit)
                {
                    Ok(sheet) => {
                        let part = self.state.sheet().and_then(|sh| sh.mine()).or_else(|| {
                            self.store
                                .sheet_parts(eval_id, &self.model.actor.name)
                                .ok()
                                .and_then(|p| p.mine)
                        });
                        self.reload_after_write(self.site_of_evaluation(eval_id));
                        self.run_effect(Effect::OpenSheet { eval_id });
                        if let Some(part) = part {
                            self.handle(Msg::PartChanged {
                                part,
                                submitted: submit,
                                sheet,
                            });
                        }
                    }
                    Err(e) => self.write_failed(e),
                }
            }
            Effect::Export => match self.export() {
                Ok(files) => self.handle(Msg::Exported(
                    files.iter().map(|p| p.display().to_string()).collect(),
                )),
                Err(err) => {
                    let why = self.worded("effect", &err);
                    self.handle(Msg::Failed(why))
                }
            },
        }
    }

    pub(super) fn export(&self) -> Result<Vec<PathBuf>> {
        if !self.model.net.sites_loaded(self.state.scope) {
            return Err(still_loading());
        }
        crate::io::exports::ensure(&self.export_dir)?;
        let r = &self.derived.report;
        let stem = format!("coverage-{}-{}", r.scope_code, r.as_of);
        // The chart exported is the one on screen: the selected milestone of its block.
        let shown = self.derived.selected(self.state.dash.milestone);
        let pick = shown.map(|(bi, m)| (bi, m.id.as_str()));
        let lang = self.state.lang;
        let files = [
            (
                format!("{stem}.csv"),
                crate::io::coverage::coverage_csv(r, lang)?,
            ),
            (
                format!("{stem}.md"),
                crate::io::coverage::coverage_md(r, lang),
            ),
            (
                format!("{stem}.svg"),
                crate::io::svg::coverage_svg(&self.model.net, &self.model.profiles, r, pick, lang)?,
            ),
        ];
        let mut out = Vec::new();
        for (name, text) in files {
            let p = self.export_dir.join(name);
            crate::io::exports::write(&p, text.as_bytes())?;
            out.push(p);
        }
        Ok(out)
    }

    pub(super) fn export_scores(&self) -> Result<PathBuf> {
        if !self.model.net.is_loaded(self.state.scope) {
            return Err(still_loading());
        }
        crate::io::exports::ensure(&self.export_dir)?;
        let code = self.model.net.tree.node(self.state.scope).code_str();
        let p = self
            .export_dir
            .join(format!("scores-{code}-{}.xlsx", self.state.today));
        let scores = self.store.scores_under(&code)?;
        let within = |c: &str| c.starts_with(code.as_str());
        let (net, lang) = (&self.model.net, self.state.lang);
        let sections =
            crate::io::scores::export_sections(net, &self.model.profiles, &scores, &within, lang);
        let note = net
            .synthetic
            .then(|| crate::i18n::common::SYNTHETIC_NOTE.get(lang));
        let bytes = crate::io::scores::write_xlsx(&sections, note)?;
        crate::io::exports::write(&p, &bytes)?;
        Ok(p)
    }

    /// Write a duty mark (or its undo), then reload the records the views read.
    /// A contract from the form: the store checks it against the actor, the site's profile
    /// and the version seen; the contracts are read again so the list, the verdicts and the
    /// alerts follow at once. A refusal goes back to the form.
    fn record_contract(
        &mut self,
        draft: crate::domain::contract::ContractDraft,
        renews: Option<(i64, i64)>,
    ) {
        let profile = crate::domain::rules::profile_of_site(
            &self.model.net,
            &self.model.profiles,
            draft.site_id,
        )
        .cloned();
        let actor = self.model.actor.clone();
        let r = match renews {
            Some((id, seen)) => {
                self.store
                    .renew_contract(&actor, profile.as_ref(), id, seen, &draft)
            }
            None => self.store.record_contract(&actor, profile.as_ref(), &draft),
        };
        match r {
            Ok(_) => {
                match self.store.contracts() {
                    Ok(all) => std::sync::Arc::make_mut(&mut self.model.net).set_contracts(all),
                    Err(e) => self.handle(Msg::Failed(e.to_string())),
                }
                self.generation += 1;
                self.refresh_derived();
                let site = self
                    .model
                    .net
                    .site(draft.site_id)
                    .map(|x| crate::domain::text::escape(&x.name).into_owned())
                    .unwrap_or_default();
                let operator = crate::domain::text::escape(&draft.operator).into_owned();
                let text = crate::i18n::contracts::SAVED.fill(
                    self.state.lang,
                    &[
                        ("site", &site),
                        ("operator", &operator),
                        ("start", &draft.start),
                        ("end", &draft.end),
                    ],
                );
                self.handle(Msg::ContractSaved(text));
            }
            Err(e @ Error::Replaced { .. }) => self.write_failed(e),
            Err(e) => {
                let why = self.worded("write", &e);
                self.handle(Msg::ContractRefused(why));
            }
        }
    }

    fn mark_duty(&mut self, mark: crate::domain::duties::DutyMark, what: String, undo: bool) {
        let action = if undo { "undo_mark_duty" } else { "mark_duty" };
        let before = self
            .model
            .net
            .duties
            .iter()
            .find(|r| {
                (
                    r.policy.as_str(),
                    r.duty.as_str(),
                    r.owner.as_str(),
                    r.period.as_str(),
                ) == (
                    mark.policy.as_str(),
                    mark.duty.as_str(),
                    mark.owner.as_str(),
                    mark.period.as_str(),
                )
            })
            .map(|r| (r.received, r.note.clone()));
        match self
            .store
            .mark_duties(&self.model.actor, std::slice::from_ref(&mark), action)
        {
            Ok(versions) => {
                match self.store.duty_records(&[]) {
                    Ok(records) => std::sync::Arc::make_mut(&mut self.model.net).duties = records,
                    Err(e) => self.handle(Msg::Failed(e.to_string())),
                }
                self.generation += 1;
                self.refresh_derived();
                let undo_mark = (!undo).then(|| {
                    let (received, note) = before.unwrap_or((None, None));
                    crate::domain::duties::DutyMark {
                        received,
                        note,
                        seen_version: versions.first().copied().unwrap_or(0),
                        ..mark.clone()
                    }
                });
                self.handle(Msg::DutyMarked(super::update::DutyMarked {
                    what,
                    received: mark.received,
                    undo: undo_mark,
                }));
            }
            Err(Error::Conflict { ours, theirs }) => {
                if let Ok(records) = self.store.duty_records(&[]) {
                    std::sync::Arc::make_mut(&mut self.model.net).duties = records;
                    self.generation += 1;
                    self.refresh_derived();
                }
                let text = crate::i18n::duties::CHANGED.fill(
                    self.state.lang,
                    &[("what", &what), ("ours", &ours), ("theirs", &theirs)],
                );
                self.handle(Msg::WriteFailed(text));
            }
            Err(e) => self.write_failed(e),
        }
    }

    pub(super) fn site_of_staff(&self, staff_id: i64) -> Option<i64> {
        self.model
            .net
            .staff
            .iter()
            .find(|p| p.id == staff_id)
            .map(|p| p.site_id)
    }

    pub(super) fn site_of_evaluation(&self, eval_id: i64) -> Option<i64> {
        self.model
            .net
            .evaluations
            .iter()
            .find(|e| e.id == eval_id)
            .map(|e| e.site_id)
    }

    fn staff_edit(&mut self, e: StaffEdit) {
        let site = self.site_of_staff(match &e {
            StaffEdit::Certificate { staff_id, .. } | StaffEdit::Registration { staff_id, .. } => {
                *staff_id
            }
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
        };
        match r {
            Ok(()) => {
                self.reload_after_write(site);
                self.handle(Msg::StaffSaved);
            }
            Err(e) => self.write_failed(e),
        }
    }

    fn put_drafts(&mut self, eval_id: i64, base_version: i64, writes: Vec<DraftWrite>) {
        for w in writes {
            let r = match &w {
                crate::domain::sheet::DraftWrite::Put { item, score } => {
                    self.store
                        .put_draft(&self.model.actor, eval_id, item, *score, base_version)
                }
                crate::domain::sheet::DraftWrite::Clear { item } => {
                    self.store
                        .clear_draft_item(&self.model.actor, eval_id, item)
                }
            };
            if let Err(e) = r {
                // The cell stays in the sheet; the grid stops saying it is kept.
                let why = self.worded("draft", &e);
                self.handle(Msg::DraftNotKept(why));
                break;
            }
        }
    }

    fn save_sheet(&mut self, req: crate::domain::sheet::SaveRequest) {
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
}
