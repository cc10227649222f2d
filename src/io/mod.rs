//! Files in and out: division CSVs, staff and score sheets (UTF-8 or GBK CSV, xlsx), exports.

pub mod divisions;
pub mod scores;
pub mod text;
