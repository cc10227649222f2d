//! Pure domain code: no database, no terminal, no clock, no files.
#![warn(missing_docs)]

pub mod access;
pub mod calendar;
pub mod clauses;
pub mod contract;
pub mod coverage;
pub mod division;
pub mod duties;
pub mod evaluation;
pub mod network;
pub mod policy;
pub mod renewal;
pub mod rules;
pub mod sheet;
pub mod site;
pub mod staff;
pub mod text;
