//! The forms that keep a bureau's sites and staff current: the tree view's site keys (create
//! a division's site, edit its details, record and undo a status change) and the staff
//! view's hire, renewal, training, departure and its undo, with the departed list.

use chrono::NaiveDate;

use super::*;
use crate::domain::site::{SiteDetails, SiteStatus, StatusChange, Tier};
use crate::domain::staff::{CertLevel, Role, Staff};
use crate::i18n::names::Named;
use crate::i18n::records as r;
use crate::store::TrainingTotals;
use crate::tui::state::StaffUndo;

/// A write a record form asks for, already checked in the form (the store checks again).
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    CreateSite {
        division: String,
        name: String,
    },
    EditSite {
        site_id: i64,
        details: SiteDetails,
    },
    SiteStatus {
        site_id: i64,
        status: SiteStatus,
        on: NaiveDate,
    },
    UndoSiteStatus {
        site_id: i64,
        last: StatusChange,
    },
    AddStaff(Box<Staff>),
    Renew {
        staff_id: i64,
        end: NaiveDate,
    },
    Training {
        staff_id: i64,
        year: i32,
        hours: f64,
    },
    Departure {
        staff_id: i64,
        on: NaiveDate,
    },
    UndoDeparture {
        staff_id: i64,
    },
}

/// What a record form's write did, for the status line (and the staff view's undo).
#[derive(Debug, Clone, PartialEq)]
pub enum Recorded {
    SiteCreated {
        name: String,
        tier: Tier,
    },
    SiteEdited {
        name: String,
    },
    SiteStatus {
        name: String,
        change: StatusChange,
    },
    SiteStatusUndone {
        name: String,
        change: StatusChange,
    },
    StaffAdded {
        name: String,
        site: String,
    },
    Renewed {
        name: String,
        end: NaiveDate,
    },
    Training {
        name: String,
        year: i32,
        hours: f64,
        totals: TrainingTotals,
    },
    Departed(StaffUndo, NaiveDate),
    DepartureUndone {
        staff_id: i64,
        name: String,
    },
}

/// A form over the view, its fields filled with what is proposed.
pub(super) fn open_form(
    kind: FormKind,
    staff_id: i64,
    fields: Vec<(crate::i18n::Text, String)>,
) -> Overlay {
    Overlay::Form(Form {
        kind,
        staff_id,
        fields: fields
            .into_iter()
            .map(|(label, v)| (label, tui_input::Input::new(v)))
            .collect(),
        focus: 0,
        errors: vec![],
    })
}

/// The tree view's site keys.
pub(super) fn tree_keys(s: &mut State, m: &Model, a: Action) -> Outcome {
    let node = s.tree.cursor;
    let n = m.net.tree.node(node);
    let lang = s.lang;
    let site = m.net.site_at(node);
    let has_tier = Tier::for_level(n.level).is_some();
    match (a, site) {
        (
            Action::CreateSite
            | Action::EditSite
            | Action::RecordSiteStatus
            | Action::UndoSiteStatus,
            _,
        ) if !has_tier => s.warn(crate::i18n::tui_view::NO_SITE_TIER.get(lang)),
        (Action::CreateSite, None) => {
            let Some(tier) = Tier::for_level(n.level) else {
                return Outcome::Handled;
            };
            let name = crate::domain::site::proposed_name(&n.name, tier);
            s.overlay = open_form(
                FormKind::CreateSite { node },
                0,
                vec![(r::F_SITE_NAME, name)],
            );
        }
        (Action::CreateSite, Some(_)) => s.warn(r::SITE_EXISTS_HERE.get(lang)),
        (Action::EditSite | Action::RecordSiteStatus | Action::UndoSiteStatus, None) => {
            s.warn(r::NO_SITE_HERE.get(lang))
        }
        (Action::EditSite, Some(x)) => {
            let opt = |v: Option<&str>| v.unwrap_or("").to_string();
            s.overlay = open_form(
                FormKind::EditSite { site_id: x.id },
                0,
                vec![
                    (r::F_SITE_NAME, x.name.to_string()),
                    (r::F_OPERATOR, opt(x.operator.as_deref())),
                    (
                        r::F_AREA,
                        x.area_m2.map(|a| a.to_string()).unwrap_or_default(),
                    ),
                    (
                        r::F_CIVIL_REG,
                        x.civil_reg.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    (r::F_HEAD, opt(x.head.as_deref())),
                ],
            );
        }
        (Action::RecordSiteStatus, Some(x)) => {
            let next = SiteStatus::proposed_after(x.history.last().map(|c| c.status));
            s.overlay = open_form(
                FormKind::SiteStatus { site_id: x.id },
                0,
                vec![
                    (
                        r::F_STATUS,
                        next.map(|x| x.name(lang).to_string()).unwrap_or_default(),
                    ),
                    (r::F_STATUS_ON, s.today.to_string()),
                ],
            );
        }
        (Action::UndoSiteStatus, Some(x)) => match x.history.last() {
            None => s.warn(r::NO_STATUS_HERE.get(lang)),
            Some(&last) => s.ask(Pending::UndoSiteStatus {
                site_id: x.id,
                last,
                name: x.name.to_string(),
            }),
        },
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}

/// The staff view's keys for hires, renewals, the departed list and undoing a departure.
pub(super) fn staff_keys(s: &mut State, m: &Model, d: &Derived, a: Action) -> Outcome {
    let rows = crate::tui::model::filtered_staff(d, m, &s.staff);
    let current = rows
        .get(s.staff.selected.min(rows.len().saturating_sub(1)))
        .map(|r| (r.staff_id, r.site_id));
    let lang = s.lang;
    match a {
        Action::ToggleDeparted => {
            s.staff.departed = !s.staff.departed;
            s.staff.selected = 0;
            s.staff.person = None;
        }
        Action::AddStaff => {
            // The site of the person selected, else the first site of the scope.
            let site = current
                .and_then(|(_, site)| m.net.site(site))
                .or_else(|| m.net.sites_under(s.scope).map(|(_, x)| x).next())
                .map(|x| x.name.to_string())
                .unwrap_or_default();
            let hired = s.today;
            // A first contract of three years (Nantong §实施内容(七); Wuhan's at most three).
            let end = crate::domain::calendar::add_years(hired, 3)
                .pred_opt()
                .unwrap_or(hired);
            let role = Role::ResidentWorker;
            let cert = CertLevel::None;
            s.overlay = open_form(
                FormKind::AddStaff,
                0,
                vec![
                    (r::F_PERSON, String::new()),
                    (
                        r::F_ROLE,
                        lang.pick(role.name_zh(), role.as_str()).to_string(),
                    ),
                    (r::F_SITE, site),
                    (r::F_HIRED, hired.to_string()),
                    (r::F_CONTRACT_END, end.to_string()),
                    (r::F_CERT, lang.pick("无", cert.as_str()).to_string()),
                ],
            );
        }
        Action::RenewContract => {
            let Some((staff_id, _)) = current else {
                return Outcome::Handled;
            };
            let end = m
                .net
                .staff
                .iter()
                .find(|p| p.id == staff_id)
                .and_then(|p| p.contract_end)
                .map(|e| crate::domain::calendar::add_years(e, 3).to_string())
                .unwrap_or_default();
            s.overlay = open_form(FormKind::Renewal, staff_id, vec![(r::F_NEW_END, end)]);
        }
        Action::UndoDeparture => match s.staff.undo.last() {
            None => s.warn(r::NOTHING_TO_UNDO.get(lang)),
            Some(u) => {
                return Outcome::Effect(Effect::Record(Record::UndoDeparture {
                    staff_id: u.staff_id,
                }))
            }
        },
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}

/// Enter in a record form: the fields checked by the domain's rules, then the write asked
/// for, a question asked first, or the reasons shown under the fields.
pub(super) fn confirm_form(s: &mut State, m: &Model) -> Outcome {
    let Overlay::Form(f) = &s.overlay else {
        return Outcome::Handled;
    };
    let (lang, today) = (s.lang, s.today);
    let checked = check(f, m, s.scope, lang, today);
    match checked {
        Err(errors) => {
            if let Overlay::Form(f) = &mut s.overlay {
                f.errors = errors;
            }
            Outcome::Handled
        }
        Ok(Next::Ask(q)) => {
            s.close_overlay();
            s.ask(q);
            Outcome::Handled
        }
        Ok(Next::Write(w)) => {
            s.close_overlay();
            Outcome::Effect(Effect::Record(w))
        }
    }
}

enum Next {
    Write(Record),
    Ask(Pending),
}

fn quoted(lang: crate::i18n::Lang, v: &str) -> String {
    lang.pick(v.to_string(), format!("{v:?}"))
}

// Long: one check per kind of form, each read top to bottom beside its fields.
fn check(
    f: &Form,
    m: &Model,
    scope: u32,
    lang: crate::i18n::Lang,
    today: NaiveDate,
) -> Result<Next, Vec<String>> {
    use crate::domain::rules;
    let val = |k: usize| {
        f.fields
            .get(k)
            .map(|x| x.1.value().trim().to_string())
            .unwrap_or_default()
    };
    let label = |k: usize| f.fields.get(k).map(|x| x.0.get(lang)).unwrap_or("");
    let bad_date = |k: usize| {
        crate::i18n::tui::FORM_BAD_DATE.fill(
            lang,
            &[("field", &label(k)), ("got", &quoted(lang, &val(k)))],
        )
    };
    let date = |k: usize| crate::domain::calendar::parse_date(&val(k)).ok_or_else(|| bad_date(k));
    let opt_date = |k: usize| match val(k) {
        v if v.is_empty() => Ok(None),
        _ => date(k).map(Some),
    };
    let number = |k: usize| {
        crate::domain::evaluation::normalise_digits(&val(k))
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| {
                r::E_NOT_NUMBER.fill(
                    lang,
                    &[("field", &label(k)), ("got", &quoted(lang, &val(k)))],
                )
            })
    };
    let fields = |e: Vec<rules::FieldError>| {
        e.iter()
            .map(|x| crate::i18n::names::field_error(x, lang))
            .collect::<Vec<_>>()
    };
    let one = |e: String| vec![e];
    let person = m.net.staff.iter().find(|p| p.id == f.staff_id);
    let person = || person.ok_or_else(Vec::new);
    Ok(Next::Write(match f.kind {
        FormKind::CreateSite { node } => {
            let n = m.net.tree.node(node);
            let details = SiteDetails {
                name: val(0),
                operator: None,
                area_m2: None,
                civil_reg: None,
                head: None,
            };
            let e = crate::domain::site::check_details(&details, today);
            if !e.is_empty() {
                return Err(e.iter().map(|p| r::detail_problem(p, lang)).collect());
            }
            Record::CreateSite {
                division: n.code_str(),
                name: details.name,
            }
        }
        FormKind::EditSite { site_id } => {
            let text = |k: usize| Some(val(k)).filter(|v| !v.is_empty());
            let area = match val(2) {
                v if v.is_empty() => None,
                _ => Some(number(2).map_err(one)?),
            };
            let details = SiteDetails {
                name: val(0),
                operator: text(1),
                area_m2: area,
                civil_reg: opt_date(3).map_err(one)?,
                head: text(4),
            };
            let e = crate::domain::site::check_details(&details, today);
            if !e.is_empty() {
                return Err(e.iter().map(|p| r::detail_problem(p, lang)).collect());
            }
            Record::EditSite { site_id, details }
        }
        FormKind::SiteStatus { site_id } => {
            let status = crate::i18n::names::parse_site_status(&val(0)).ok_or_else(|| {
                one(r::E_UNKNOWN_STATUS.fill(lang, &[("got", &quoted(lang, &val(0)))]))
            })?;
            let on = date(1).map_err(one)?;
            let history = m
                .net
                .site(site_id)
                .map(|x| x.history.as_slice())
                .unwrap_or(&[]);
            crate::domain::site::check_status_change(history, status, on, today)
                .map_err(|p| one(r::status_problem(&p, lang)))?;
            Record::SiteStatus {
                site_id,
                status,
                on,
            }
        }
        FormKind::AddStaff => {
            let role = parse_role(&val(1)).ok_or_else(|| {
                one(r::E_UNKNOWN_ROLE.fill(lang, &[("got", &quoted(lang, &val(1)))]))
            })?;
            let site = find_site(m, scope, &val(2)).ok_or_else(|| {
                one(r::E_UNKNOWN_SITE.fill(lang, &[("got", &quoted(lang, &val(2)))]))
            })?;
            let hired = date(3).map_err(one)?;
            let end = opt_date(4).map_err(one)?;
            let cert = crate::i18n::names::parse_level(&val(5)).ok_or_else(|| {
                one(r::E_UNKNOWN_CERT.fill(lang, &[("got", &quoted(lang, &val(5)))]))
            })?;
            let p = Staff {
                id: 0,
                site_id: site,
                name: val(0),
                role,
                birth: None,
                hired,
                contract_start: Some(hired),
                contract_end: end,
                cert_level: cert,
                cert_passed: None,
                reg_date: None,
                reg_expiry: None,
                ce_hours: 0.0,
                training: Default::default(),
                sw_degree: false,
                prior_years: 0.0,
                departed: None,
                synthetic: false,
            };
            let rule = rules::profile_of_site(&m.net, &m.profiles, site)
                .map(|pr| pr.registration.clone())
                .unwrap_or_default();
            let e = rules::check_staff(&p, &rule, today);
            if !e.is_empty() {
                return Err(fields(e));
            }
            Record::AddStaff(Box::new(p))
        }
        FormKind::Renewal => {
            let p = person()?;
            let end = date(0).map_err(one)?;
            let e = rules::check_renewal(p.contract_start, p.contract_end, end);
            if !e.is_empty() {
                return Err(fields(e));
            }
            Record::Renew {
                staff_id: p.id,
                end,
            }
        }
        FormKind::Training => {
            let p = person()?;
            let year: i32 = val(0).parse().map_err(|_| {
                one(r::E_NOT_NUMBER.fill(
                    lang,
                    &[("field", &label(0)), ("got", &quoted(lang, &val(0)))],
                ))
            })?;
            let hours = number(1).map_err(one)?;
            let mut e = rules::check_training(year, hours, Some(p.hired), today);
            if e.is_empty() {
                e = rules::check_training(year, p.training_hours(year) + hours, None, today);
            }
            if !e.is_empty() {
                return Err(fields(e));
            }
            Record::Training {
                staff_id: p.id,
                year,
                hours,
            }
        }
        FormKind::Departure => {
            let p = person()?;
            let on = date(0).map_err(one)?;
            let e = rules::check_departure(on, p.hired, today);
            if !e.is_empty() {
                return Err(fields(e));
            }
            return Ok(Next::Ask(Pending::Departure {
                staff_id: p.id,
                on,
                name: p.name.clone(),
            }));
        }
        FormKind::Certificate | FormKind::Registration => return Err(Vec::new()),
    }))
}

/// A role by its code, its Chinese name or its English name.
fn parse_role(v: &str) -> Option<Role> {
    crate::i18n::names::parse_role(v).or_else(|| {
        Role::ALL
            .into_iter()
            .find(|r| r.name_en().eq_ignore_ascii_case(v))
    })
}

/// The site of the scope named `v`: by its own name, its division's name or code.
fn find_site(m: &Model, scope: u32, v: &str) -> Option<i64> {
    let tree = &m.net.tree;
    m.net
        .sites_under(scope)
        .find(|(node, x)| x.name == v || x.division == v || tree.node(*node).name == v)
        .map(|(_, x)| x.id)
}

/// y or n to a record form's question.
pub(super) fn answer(s: &mut State, question: Pending, a: Action) -> Option<Outcome> {
    let w = match (question, a) {
        (Pending::Departure { staff_id, on, .. }, Action::Yes) => {
            Record::Departure { staff_id, on }
        }
        (Pending::UndoSiteStatus { site_id, last, .. }, Action::Yes) => {
            Record::UndoSiteStatus { site_id, last }
        }
        (
            Pending::Departure { .. } | Pending::UndoSiteStatus { .. },
            Action::No | Action::Cancel,
        ) => {
            s.info(msg::NOTHING_CHANGED.get(s.lang));
            return Some(Outcome::Handled);
        }
        _ => return None,
    };
    Some(Outcome::Effect(Effect::Record(w)))
}

/// A record form's write done: say what it did (the model is fresh already).
pub(super) fn recorded(s: &mut State, done: Recorded) -> Outcome {
    let lang = s.lang;
    let text = match done {
        Recorded::SiteCreated { name, tier } => {
            r::DONE_SITE_CREATED.fill(lang, &[("name", &name), ("tier", &tier.name(lang))])
        }
        Recorded::SiteEdited { name } => r::DONE_SITE_EDITED.fill(lang, &[("name", &name)]),
        Recorded::SiteStatus { name, change } => r::DONE_STATUS.fill(
            lang,
            &[
                ("name", &name),
                ("on", &change.on),
                ("status", &change.status.name(lang)),
            ],
        ),
        Recorded::SiteStatusUndone { name, change } => r::DONE_STATUS_UNDONE.fill(
            lang,
            &[
                ("name", &name),
                ("on", &change.on),
                ("status", &change.status.name(lang)),
            ],
        ),
        Recorded::StaffAdded { name, site } => {
            r::DONE_STAFF_ADDED.fill(lang, &[("name", &name), ("site", &site)])
        }
        Recorded::Renewed { name, end } => {
            r::DONE_RENEWED.fill(lang, &[("name", &name), ("end", &end)])
        }
        Recorded::Training {
            name,
            year,
            hours,
            totals,
        } => {
            let mut t = r::DONE_TRAINING.fill(
                lang,
                &[
                    ("name", &name),
                    ("year", &year),
                    ("hours", &hours),
                    ("total", &totals.year),
                ],
            );
            if totals.counted_for_period {
                t.push_str(&r::DONE_TRAINING_CE.fill(lang, &[("period", &totals.period)]));
            }
            t
        }
        Recorded::Departed(undo, on) => {
            let t = r::DONE_DEPARTED.fill(lang, &[("name", &undo.name), ("on", &on)]);
            s.staff.undo.push(undo);
            t
        }
        Recorded::DepartureUndone { staff_id, name } => {
            s.staff.undo.retain(|u| u.staff_id != staff_id);
            r::DONE_DEPARTURE_UNDONE.fill(lang, &[("name", &name)])
        }
    };
    s.info(text);
    Outcome::Handled
}
