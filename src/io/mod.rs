//! Files in and out: division CSVs, staff and score sheets (UTF-8 or GBK CSV, xlsx), exports.

pub mod contracts;
pub mod coverage;
pub mod csv;
pub mod divisions;
pub mod duties;
pub mod encoding;
pub mod exports;
pub mod headers;
pub mod policy;
pub mod scores;
pub mod sheet;
pub mod svg;
pub mod width;
