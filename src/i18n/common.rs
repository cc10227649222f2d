//! Words shared by the TUI, the reports and the exports.

crate::catalogue! {
    /// Beside anything drawn from the synthetic demo.
    SYNTHETIC_NOTE = "【演示数据，均为合成】" / "[demo data: synthetic]";
    /// The short form, where an 80-column status bar still shows it.
    SYNTHETIC_TAG = "合成数据" / "synthetic";
}
