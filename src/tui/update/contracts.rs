//! The contract form over the tree view: `O` on a site opens it, proposing the renewal of the
//! site's latest contract when it has one (operator kept, dates following on, as long as the
//! profile allows) and a new contract otherwise. A renewal continues with the same operator:
//! another operator's name makes it a new contract (re-procured, say after a refused
//! renewal). Checked here by the domain's rules, and again by the store.

use chrono::NaiveDate;
use tui_input::Input;

use super::*;
use crate::domain::calendar::{add_days, add_years, parse_date};
use crate::domain::contract::{check_contract, contract_renewal, latest_end, ContractDraft};
use crate::domain::rules::profile_of_site;
use crate::i18n::contracts as cm;
use crate::tui::state::ContractForm;

/// The end a contract from `start` is proposed with: the profile's longest (a year where it
/// sets none).
fn proposed_end(m: &Model, site_id: i64, start: NaiveDate) -> NaiveDate {
    profile_of_site(&m.net, &m.profiles, site_id)
        .and_then(|p| latest_end(p, start))
        .map(|(d, _)| d)
        .unwrap_or_else(|| add_days(add_years(start, 1), -1))
}

/// `O` on the tree: the form for the site under the cursor.
pub(super) fn open(s: &mut State, m: &Model) -> Outcome {
    let Some(site) = m.net.site_at(s.tree.cursor) else {
        s.warn(cm::NO_SITE_HERE.get(s.lang));
        return Outcome::Handled;
    };
    let last = m.net.contracts_of(site.id).last();
    let (renews, operator, start) = match last {
        Some(c) => (
            Some((c.id, c.version)),
            c.operator.clone(),
            add_days(c.end, 1),
        ),
        None => (
            None,
            site.operator.as_deref().unwrap_or_default().to_string(),
            s.as_of,
        ),
    };
    let end = proposed_end(m, site.id, start);
    s.overlay = Overlay::ContractForm(Box::new(ContractForm {
        site_id: site.id,
        renews,
        fields: [
            Input::new(operator),
            Input::new(start.to_string()),
            Input::new(end.to_string()),
        ],
        focus: 0,
        errors: Vec::new(),
    }));
    Outcome::Handled
}

/// Keys in the form: editing keys, fields, Esc, and Enter to save.
pub(super) fn form(s: &mut State, m: &Model, a: Action) -> Outcome {
    let lang = s.lang;
    let Overlay::ContractForm(f) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if let Some(input) = f.fields.get_mut(f.focus) {
        if edit_input(input, a) {
            f.errors.clear();
            return Outcome::Handled;
        }
    }
    match a {
        Action::NextField => f.focus = (f.focus + 1) % 3,
        Action::PrevField => f.focus = (f.focus + 2) % 3,
        Action::Cancel => s.close_overlay(),
        Action::Confirm => match checked(f, m, lang) {
            Ok(draft) => {
                let renews = f.renewal(&m.net);
                return Outcome::Effect(Effect::RecordContract { draft, renews });
            }
            Err(errs) => f.errors = errs,
        },
        _ => {}
    }
    Outcome::Handled
}

/// The form's contract, or every problem in words (the profile's limits with their clause).
fn checked(
    f: &ContractForm,
    m: &Model,
    lang: crate::i18n::Lang,
) -> Result<ContractDraft, Vec<String>> {
    let val = |k: usize| f.fields[k].value().trim().to_string();
    let bad =
        |label: crate::i18n::Text| cm::FIELD_BAD_DATE.fill(lang, &[("field", &label.get(lang))]);
    let (start, end) = match (parse_date(&val(1)), parse_date(&val(2))) {
        (Some(a), Some(b)) => (a, b),
        (None, _) => return Err(vec![bad(cm::FIELD_START)]),
        (_, None) => return Err(vec![bad(cm::FIELD_END)]),
    };
    let draft = ContractDraft {
        site_id: f.site_id,
        operator: val(0),
        start,
        end,
    };
    let profile = profile_of_site(&m.net, &m.profiles, f.site_id);
    let all = m.net.contracts_of(f.site_id);
    let old = f
        .renewal(&m.net)
        .and_then(|(id, _)| all.iter().find(|c| c.id == id));
    let verdict = match (old, profile) {
        (Some(c), Some(p)) => Some(contract_renewal(&m.net, c, p).1),
        _ => None,
    };
    let problems = check_contract(profile, &draft, all, old.map(|c| (c, verdict.as_ref())));
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(problems.iter().map(|p| cm::problem(p, lang)).collect())
    }
}

/// The store took it: close the form and say what was saved.
pub(super) fn saved(s: &mut State, text: String) -> Outcome {
    if matches!(s.overlay, Overlay::ContractForm(_)) {
        s.close_overlay();
    }
    s.info(text);
    Outcome::Handled
}

/// The store refused it: the reason in the form, which stays open.
pub(super) fn refused(s: &mut State, why: String) -> Outcome {
    match &mut s.overlay {
        Overlay::ContractForm(f) => f.errors = vec![why],
        _ => s.error(why),
    }
    Outcome::Handled
}
