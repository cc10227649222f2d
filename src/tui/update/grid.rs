//! The score-entry grid: a sheet loaded, edited, saved, submitted; status changes asked for.

use super::*;
use crate::i18n::names::Named;

pub(super) fn grid(s: &mut State, a: Action) -> Outcome {
    let Overlay::Grid(g) = &mut s.overlay else {
        return Outcome::Handled;
    };
    let sh = &mut g.sheet;
    let res = match a {
        Action::GridNext => sh.enter(),
        Action::GridPrev => sh.move_up(),
        Action::MoveDown => sh.move_down(),
        Action::MoveUp => sh.move_up(),
        Action::DeleteBack => sh.backspace().map(|_| None),
        Action::Undo => Ok(sh.undo()),
        Action::Redo => Ok(sh.redo()),
        Action::Help => {
            s.open_help();
            return Outcome::Handled;
        }
        Action::Cancel => {
            if sh.is_editing() {
                sh.cancel_edit();
            } else if sh.is_dirty() {
                s.ask(Pending::LeaveSheet);
            } else {
                close_sheet(s);
            }
            return Outcome::Handled;
        }
        Action::SaveSheet => {
            if sh.is_editing() {
                if let Err(e) = sh.commit() {
                    sheet_error(s, e);
                    return Outcome::Handled;
                }
            }
            return Outcome::Effect(Effect::SaveSheet(sh.save_request()));
        }
        Action::SubmitSheet if sh.is_split() && (sh.mine().is_some() || !sh.fills_any()) => {
            // Each scorer submits (or reopens) its own part; the store submits the sheet
            // with the last part.
            if sh.status() == EvalStatus::Locked {
                let e = crate::domain::sheet::SheetError::ReadOnly(EvalStatus::Locked);
                sheet_error(s, e);
                return Outcome::Handled;
            }
            if sh.is_dirty() || sh.is_editing() {
                s.warn(msg::SAVE_BEFORE_SUBMIT.get(s.lang));
                return Outcome::Handled;
            }
            let id = sh.evaluation_id();
            let submit = match sh.my_part() {
                Ok(p) if sh.part_submitted(p) => false,
                Ok(_) => match sh.check_part_submit() {
                    Ok(_) => true,
                    Err(e) => {
                        sheet_error(s, e);
                        return Outcome::Handled;
                    }
                },
                Err(e) => {
                    sheet_error(s, e);
                    return Outcome::Handled;
                }
            };
            return Outcome::Effect(Effect::SetPart {
                eval_id: id,
                submit,
            });
        }
        Action::SubmitSheet => {
            if sh.is_read_only() {
                let e = crate::domain::sheet::SheetError::ReadOnly(sh.status());
                sheet_error(s, e);
                return Outcome::Handled;
            }
            if sh.is_dirty() || sh.is_editing() {
                s.warn(msg::SAVE_BEFORE_SUBMIT.get(s.lang));
                return Outcome::Handled;
            }
            let (id, empty, items) = (sh.evaluation_id(), sh.empty(), sh.rows().len());
            return ask_status(s, id, StatusChange::Submit, empty, items);
        }
        _ => return Outcome::NotMine,
    };
    match res {
        Ok(w) => drafts_effect(s, w).into(),
        Err(e) => {
            sheet_error(s, e);
            Outcome::Handled
        }
    }
}

pub(super) fn sheet_loaded(s: &mut State, m: &Model, detail: EvalDetail) -> Outcome {
    let ev = &detail.evaluation;
    let Ok(p) = crate::io::policy::find(&m.profiles, &ev.template) else {
        s.error(format!("{}{}", msg::NO_TEMPLATE.get(s.lang), ev.template));
        return Outcome::Handled;
    };
    // The same term and sheets the scores list judges, so grid and list agree.
    let (years, term, _) = crate::domain::renewal::site_renewal(&m.net, ev.site_id, p, ev.year);
    let sheet = Sheet::resume(&p.evaluation, ev, &detail.drafts, detail.draft_base_version)
        .with_term(years, term)
        .with_parts(detail.parts.clone(), m.actor.role == UserRole::Admin);
    let drafts = detail.drafts.len();
    s.overlay = Overlay::Grid(Box::new(Grid {
        sheet,
        drafts_lost: false,
    }));
    s.view = View::Scores;
    // What was said about the last sheet is not about this one.
    s.message = None;
    if drafts > 0 && ev.status == EvalStatus::Draft {
        s.ask(Pending::ResumeDrafts { count: drafts });
    } else {
        let said = match ev.status {
            EvalStatus::Draft => None,
            EvalStatus::Submitted => Some(msg::SUBMITTED_READ_ONLY.get(s.lang)),
            EvalStatus::Locked => Some(msg::LOCKED_READ_ONLY.get(s.lang)),
        };
        if let Some(said) = said {
            // Drafts typed before someone else submitted it stay in the store, unused, until
            // the sheet is a draft again.
            s.info(match drafts {
                0 => said.to_string(),
                n => msg::DRAFTS_WAIT.fill(s.lang, &[("said", &said), ("n", &n)]),
            });
        }
    }
    Outcome::Handled
}

pub(super) fn drafts_effect(s: &State, w: Option<DraftWrite>) -> Option<Effect> {
    let sh = s.sheet()?;
    w.map(|w| Effect::PutDrafts {
        eval_id: sh.evaluation_id(),
        base_version: sh.version(),
        writes: vec![w],
    })
}

pub(super) fn sheet_error(s: &mut State, e: crate::domain::sheet::SheetError) {
    use crate::domain::sheet::SheetError;
    let hint = match &e {
        SheetError::ReadOnly(EvalStatus::Submitted) => msg::REOPEN_HINT.get(s.lang),
        SheetError::ReadOnly(EvalStatus::Locked) => msg::UNLOCK_HINT.get(s.lang),
        _ => "",
    };
    let msg = crate::i18n::names::sheet_error(&e, s.lang);
    s.warn(format!("{msg}{hint}"));
}

/// The status change asked for, checked against the stored sheet: refused with a reason,
/// asked about when it is easy to regret, or made.
pub(super) fn status_ready(
    s: &mut State,
    m: &Model,
    ev: &Evaluation,
    change: StatusChange,
) -> Outcome {
    if StatusChange::between(ev.status, change.target()) != Some(change) {
        if ev.status == EvalStatus::Locked {
            s.warn(msg::SHEET_LOCKED.get(s.lang));
            return Outcome::Handled;
        }
        let (st, ch) = s.lang.pick(
            (ev.status.name_zh(), change.name_zh()),
            (ev.status.name_en(), change.name_en()),
        );
        s.info(msg::NOTHING_TO_CHANGE.fill(s.lang, &[("status", &st), ("change", &ch)]));
        return Outcome::Handled;
    }
    // A sheet split among scorer roles is submitted and reopened part by part, in the grid;
    // the store says the same, this says it before asking anything.
    let split = crate::io::policy::find(&m.profiles, &ev.template)
        .is_ok_and(|p| p.evaluation.nodes().iter().any(|n| n.scorer.is_some()));
    if split
        && m.actor.role != UserRole::Admin
        && matches!(change, StatusChange::Submit | StatusChange::Reopen)
    {
        let why = crate::i18n::errors::refusal(&crate::error::Refusal::SheetInParts, s.lang);
        s.warn(why);
        return Outcome::Handled;
    }
    let items: Vec<String> = crate::io::policy::find(&m.profiles, &ev.template)
        .map(|p| p.evaluation.items().map(|(_, i)| i.id.clone()).collect())
        .unwrap_or_default();
    let empty = items.iter().filter(|i| !ev.scores.contains_key(*i)).count();
    ask_status(s, ev.id, change, empty, items.len())
}

/// Ask before submitting or locking an incomplete sheet and before any unlock; else change.
pub(super) fn ask_status(
    s: &mut State,
    eval_id: i64,
    change: StatusChange,
    empty: usize,
    items: usize,
) -> Outcome {
    let ask = match change {
        StatusChange::Submit | StatusChange::Lock => empty > 0,
        StatusChange::Unlock => true,
        StatusChange::Reopen => false,
    };
    if ask {
        s.ask(Pending::ChangeStatus {
            eval_id,
            change,
            empty,
            items,
        });
        return Outcome::Handled;
    }
    Outcome::Effect(Effect::SetStatus {
        eval_id,
        status: change.target(),
    })
}

/// Close the sheet (and whatever is open over it) back to the list.
pub(super) fn close_sheet(s: &mut State) {
    s.overlay = Overlay::None;
}
