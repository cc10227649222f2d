//! A terminal that counts bytes: crossterm's real escape sequences go into a writer that
//! counts and discards them, at a fixed size (no tty needed).

use std::cell::Cell;
use std::io::{self, Write};
use std::rc::Rc;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell as BufCell;
use ratatui::layout::{Position, Size};

/// Counts every byte written; the bytes themselves go nowhere.
pub struct Counter(Rc<Cell<u64>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `CrosstermBackend` over a [`Counter`], reporting a fixed size instead of asking a tty.
pub struct CountingBackend {
    inner: CrosstermBackend<Counter>,
    size: Size,
    cursor: Position,
    bytes: Rc<Cell<u64>>,
}

impl CountingBackend {
    pub fn new(width: u16, height: u16) -> CountingBackend {
        let bytes = Rc::new(Cell::new(0));
        CountingBackend {
            inner: CrosstermBackend::new(Counter(Rc::clone(&bytes))),
            size: Size { width, height },
            cursor: Position::default(),
            bytes,
        }
    }

    /// Bytes written since the last call.
    pub fn take_bytes(&self) -> u64 {
        self.bytes.replace(0)
    }
}

impl Backend for CountingBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a BufCell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
