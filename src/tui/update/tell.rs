//! What the app reports back after running an effect or background work, worded for the
//! status line.

use super::*;
use crate::i18n::names::Named;

/// Say what came of work done outside `update`.
pub(super) fn tell(s: &mut State, msg: Msg) -> Outcome {
    match msg {
        Msg::StatusChanged(status) => {
            let what = s.lang.pick(status.name_zh(), status.name_en());
            s.info(format!("{}{what}", msg::STATUS_NOW.get(s.lang)));
        }
        Msg::PartChanged {
            part,
            submitted,
            sheet,
        } => {
            let part = crate::i18n::policy::scorer(part, s.lang);
            let t = match (submitted, sheet) {
                (true, EvalStatus::Submitted) => msg::PART_SUBMITTED_SHEET_TOO,
                (true, _) => msg::PART_SUBMITTED,
                (false, _) => msg::PART_REOPENED,
            };
            s.info(t.fill(s.lang, &[("part", &part)]));
        }
        Msg::StaffSaved => {
            s.info(msg::SAVED_AUDITED.get(s.lang));
        }
        Msg::Exported(names) => {
            s.info(format!("{}{}", msg::EXPORTED.get(s.lang), names.join("  ")));
        }
        Msg::Failed(why) => {
            s.error(why);
        }
        Msg::BackgroundFailed { what, why } => {
            let head = match what {
                Background::Nation => msg::NATION_FAILED.get(s.lang),
                Background::People => msg::PEOPLE_FAILED.get(s.lang),
                Background::Alerts => msg::ALERTS_FAILED.get(s.lang),
            };
            s.error(format!("{head}{why}"));
        }
        Msg::Replaced => {
            s.error(crate::tui::model::ReadOnly::Replaced.why(s.lang));
        }
        Msg::KeymapProblem {
            count,
            first,
            help_key,
        } => {
            let head = msg::KEYMAP_PROBLEMS.fill(s.lang, &[("n", &count), ("key", &help_key)]);
            s.warn(format!("{head}{first}"));
        }
        Msg::ChordStarted(key) => s.info(format!("{key} -")),
        Msg::ChordUnbound(keys) => s.warn(msg::CHORD_UNBOUND.fill(s.lang, &[("keys", &keys)])),
        // Every other message changes the state and is handled where it belongs.
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}
