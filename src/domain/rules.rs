//! Compliance rules and deadlines (filled in by the staff issue).
