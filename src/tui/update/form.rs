//! A staff edit form: fields typed, checked by the domain's rules, turned into an edit.

use super::*;

// Long: one validation per kind of form, each read top to bottom beside its fields.
pub(super) fn form(s: &mut State, m: &Model, a: Action) -> Outcome {
    use crate::domain::rules;
    let record = |k: FormKind| !matches!(k, FormKind::Certificate | FormKind::Registration);
    if a == Action::Confirm && matches!(&s.overlay, Overlay::Form(f) if record(f.kind)) {
        return confirm_form(s, m);
    }
    let Overlay::Form(f) = &mut s.overlay else {
        return Outcome::Handled;
    };
    if let Some(field) = f.fields.get_mut(f.focus) {
        if edit_input(&mut field.1, a) {
            f.errors.clear();
            return Outcome::Handled;
        }
    }
    match a {
        Action::NextField => f.focus = (f.focus + 1) % f.fields.len().max(1),
        Action::PrevField => {
            f.focus = (f.focus + f.fields.len().max(1) - 1) % f.fields.len().max(1)
        }
        Action::Cancel => {
            s.close_overlay();
        }
        Action::Confirm => {
            let lang = s.lang;
            let today = s.as_of;
            let val = |k: usize| {
                f.fields
                    .get(k)
                    .map(|x| x.1.value().trim().to_string())
                    .unwrap_or_default()
            };
            let date = |k: usize| crate::domain::calendar::parse_date(&val(k));
            let bad_date = |k: usize| {
                let field = f.fields[k].0.get(lang);
                let got = lang.pick(val(k), format!("{:?}", val(k)));
                crate::i18n::tui::FORM_BAD_DATE.fill(lang, &[("field", &field), ("got", &got)])
            };
            let Some(p) = m.net.staff.iter().find(|p| p.id == f.staff_id) else {
                s.close_overlay();
                return Outcome::Handled;
            };
            let msg = |e: Vec<rules::FieldError>| {
                e.into_iter()
                    .map(|x| crate::i18n::names::field_error(&x, lang))
                    .collect::<Vec<_>>()
            };
            let reg_rule = rules::profile_of_site(&m.net, &m.profiles, p.site_id)
                .map(|pr| pr.registration.clone())
                .unwrap_or_default();
            let edit = match f.kind {
                FormKind::Certificate => {
                    let level = match val(0).as_str() {
                        "助理" => Some(crate::domain::staff::CertLevel::Assistant),
                        other => crate::i18n::names::parse_level(other),
                    };
                    match (level, date(1)) {
                        (None, _) => Err(vec![crate::i18n::tui::FORM_UNKNOWN_LEVEL.fill(
                            lang,
                            &[("got", &lang.pick(val(0), format!("{:?}", val(0))))],
                        )]),
                        (_, None) => Err(vec![bad_date(1)]),
                        (Some(l), Some(d)) => {
                            let e = rules::check_certificate(l, d, today);
                            if e.is_empty() {
                                Ok(StaffEdit::Certificate {
                                    staff_id: p.id,
                                    level: l,
                                    passed: d,
                                })
                            } else {
                                Err(msg(e))
                            }
                        }
                    }
                }
                FormKind::Registration => match (date(0), date(1)) {
                    (None, _) => Err(vec![bad_date(0)]),
                    (_, None) => Err(vec![bad_date(1)]),
                    (Some(on), Some(exp)) => {
                        let e = rules::check_registration(
                            p.cert_level,
                            p.cert_passed,
                            on,
                            exp,
                            &reg_rule,
                            today,
                        );
                        if e.is_empty() {
                            Ok(StaffEdit::Registration {
                                staff_id: p.id,
                                on,
                                expiry: exp,
                            })
                        } else {
                            Err(msg(e))
                        }
                    }
                },
                // The record forms are checked by `records::confirm_form`, above.
                FormKind::Training
                | FormKind::Departure
                | FormKind::Renewal
                | FormKind::AddStaff
                | FormKind::CreateSite { .. }
                | FormKind::EditSite { .. }
                | FormKind::SiteStatus { .. } => return Outcome::Handled,
            };
            match edit {
                Ok(e) => {
                    s.close_overlay();
                    return Outcome::Effect(Effect::StaffEdit(e));
                }
                Err(errs) => f.errors = errs,
            }
        }
        _ => {}
    }
    Outcome::Handled
}
