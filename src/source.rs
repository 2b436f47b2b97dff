//! Loading a config file from disk: size cap, file-type checks (never block on a
//! FIFO or device), BOM stripping, UTF-8 validation, and the line index used to
//! turn byte offsets into 1-based line and column numbers at render time.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Default cap on the size of a file mcpward reads (10 MiB).
pub const DEFAULT_SIZE_CAP: u64 = 10 * 1024 * 1024;

/// Why a file could not be loaded. Each variant renders as a one-line reason.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory, not a file")]
    IsDirectory,
    #[error("is not a regular file ({0}); mcpward never reads FIFOs, sockets or devices")]
    NotRegular(&'static str),
    #[error("is {size} bytes, over the {cap}-byte size cap")]
    TooLarge { size: u64, cap: u64 },
    #[error("looks binary (NUL byte at offset {0}), not a text config")]
    Binary(usize),
    #[error("is UTF-16 text; MCP clients read UTF-8: re-save the file as UTF-8")]
    Utf16,
    #[error("is not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
}

impl LoadError {
    /// A stable machine-readable kind for JSON output.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "not-found",
            LoadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "permission-denied"
            }
            LoadError::Io(_) => "io",
            LoadError::IsDirectory => "is-directory",
            LoadError::NotRegular(_) => "not-regular-file",
            LoadError::TooLarge { .. } => "too-large",
            LoadError::Binary(_) => "binary",
            LoadError::Utf16 => "utf16",
            LoadError::NotUtf8(_) => "not-utf8",
        }
    }
}

/// A loaded text file with its line index.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given or discovered.
    pub path: PathBuf,
    /// File contents, BOM stripped. All spans index into this string.
    pub text: String,
    /// Whether a UTF-8 BOM was stripped.
    pub had_bom: bool,
    line_starts: Vec<usize>,
}

impl Source {
    /// Build a source from text already in memory (tests, stdin, fuzzing).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Source {
        let mut text: String = text.into();
        let had_bom = text.starts_with('\u{feff}');
        if had_bom {
            text.drain(..3);
        }
        let line_starts = line_starts(&text);
        Source {
            path: path.into(),
            text,
            had_bom,
            line_starts,
        }
    }

    /// 1-based line and 1-based column (in UTF-16 code units, the unit SARIF,
    /// GitHub and editors use) of a byte offset. Offsets past the end clamp.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        // An offset inside the line terminator (the `\n` of a `\r\n`) is the
        // end of the line, as an editor shows it.
        let offset = offset.min(self.line_range(line + 1).end);
        let col = self.text[start..offset]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        (line + 1, col + 1)
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of a 1-based line, without its line terminator.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[idx];
        let mut end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Line starts: after `\n`, after a `\r` not followed by `\n` (old Mac endings).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Read a file with the given size cap. Never opens anything but a regular
/// file, so a FIFO or `/dev/zero` cannot block or exhaust memory.
pub fn load(path: &Path, cap: u64) -> Result<Source, LoadError> {
    let meta = fs::metadata(path)?;
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(LoadError::IsDirectory);
    }
    if !ft.is_file() {
        return Err(LoadError::NotRegular(special_kind(&ft)));
    }
    if meta.len() > cap {
        return Err(LoadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let file = fs::File::open(path)?;
    // Re-check on the open handle: the path may have been swapped meanwhile.
    let meta2 = file.metadata()?;
    if !meta2.file_type().is_file() {
        return Err(LoadError::NotRegular(special_kind(&meta2.file_type())));
    }
    let mut bytes = Vec::with_capacity(meta2.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    decode(path, bytes)
}

/// Validate bytes as a text config and build the [`Source`].
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Source, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LoadError::Utf16);
    }
    if let Some(pos) = memchr_nul(&bytes) {
        // UTF-16 without a BOM shows up as NULs between ASCII bytes.
        if bytes.len() >= 4 && (bytes[1] == 0 && bytes[3] == 0 || bytes[0] == 0 && bytes[2] == 0) {
            return Err(LoadError::Utf16);
        }
        return Err(LoadError::Binary(pos));
    }
    let text =
        String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8(e.utf8_error().valid_up_to()))?;
    Ok(Source::from_text(path, text))
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(unix)]
pub(crate) fn special_kind(ft: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
pub(crate) fn special_kind(_ft: &fs::FileType) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_lf_crlf_cr() {
        let s = Source::from_text("x", "ab\ncd\r\nef\rgh");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(4), (2, 2));
        assert_eq!(s.line_col(7), (3, 1));
        assert_eq!(s.line_col(10), (4, 1));
        // The `\n` of a CRLF is still the end of line 2, not a column past it.
        assert_eq!(s.line_col(6), (2, 3));
        assert_eq!(s.line_col(5), (2, 3));
        assert_eq!(s.line_count(), 4);
        assert_eq!(&s.text[s.line_range(2)], "cd");
    }

    #[test]
    fn columns_count_utf16_units() {
        let s = Source::from_text("x", "é😀x");
        // é = 1 unit, 😀 = 2 units
        assert_eq!(s.line_col("é😀".len()), (1, 4));
    }

    #[test]
    fn bom_is_stripped() {
        let s = Source::from_text("x", "\u{feff}{}");
        assert!(s.had_bom);
        assert_eq!(s.text, "{}");
    }

    #[test]
    fn rejects_binary_utf16_and_bad_utf8() {
        let p = Path::new("x");
        assert!(matches!(
            decode(p, b"{\0}".to_vec()),
            Err(LoadError::Binary(1))
        ));
        assert!(matches!(
            decode(p, vec![0xFF, 0xFE, b'{', 0]),
            Err(LoadError::Utf16)
        ));
        assert!(matches!(
            decode(p, b"{\0\"\0".to_vec()),
            Err(LoadError::Utf16)
        ));
        assert!(matches!(
            decode(p, vec![b'{', 0xC3]),
            Err(LoadError::NotUtf8(1))
        ));
    }
}
