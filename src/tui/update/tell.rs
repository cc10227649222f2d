//! What the app reports back after running an effect or background work, worded for the
//! status line.

use super::*;

/// Say what came of work done outside `update`.
pub(super) fn tell(s: &mut State, msg: Msg) -> Outcome {
    match msg {
        Msg::StatusChanged(status) => {
            let what = s.lang.pick(status.name_zh(), status.name_en());
            s.info(format!(
                "{}{what}",
                s.lang.pick("状态已改为：", "Status now: ")
            ));
        }
        Msg::StaffSaved => {
            s.info(s.lang.pick("已保存并留痕", "Saved and audited"));
        }
        Msg::Exported(names) => {
            s.info(format!(
                "{}{}",
                s.lang.pick("已导出：", "Exported: "),
                names.join("  ")
            ));
        }
        Msg::Failed(why) => {
            s.error(why);
        }
        Msg::BackgroundFailed { what, why } => {
            let head = match what {
                Background::Nation => s
                    .lang
                    .pick("载入全国数据失败：", "Loading the nation failed: "),
                Background::People => s.lang.pick("载入人员数据失败：", "Loading staff failed: "),
                Background::Alerts => s.lang.pick(
                    "计算全国告警失败：",
                    "Counting the nation's alerts failed: ",
                ),
            };
            s.error(format!("{head}{why}"));
        }
        Msg::Replaced => {
            s.error(crate::tui::model::ReadOnly::Replaced.why(s.lang));
        }
        Msg::KeymapProblem { first, more } => {
            let more = if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            };
            s.warn(format!(
                "{}{first}{more}",
                s.lang.pick(
                    "键位表有误，该键沿用默认：",
                    "Keymap problem, default kept for that key: "
                )
            ));
        }
        // Every other message changes the state and is handled where it belongs.
        _ => return Outcome::NotMine,
    }
    Outcome::Handled
}
