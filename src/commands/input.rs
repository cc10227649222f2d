//! The bytes of a file to import: a path, or `-` for standard input (how a supervisor behind
//! the SSH forced command sends a sheet: `ssh sgzsvc@server import scores - < 评估.xlsx`).

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// The most an import reads from standard input: far more than any office sheet, little
/// enough that a runaway pipe cannot fill the server's memory.
const STDIN_LIMIT: u64 = 256 << 20;

/// The name line numbers are given with, and the bytes.
pub fn read(path: &Path) -> Result<(String, Vec<u8>)> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(STDIN_LIMIT)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("-", e))?;
        return Ok(("-".to_string(), bytes));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
}
