//! Output: `print!`, `println!`, `eprint!`, `eprintln!`, and a small
//! buffered writer.
//!
//! Each macro call formats into a stack buffer and issues one write(2) when
//! it is done (or when the buffer fills), so a line costs one system call and
//! nothing touches the heap: printing still works when the allocator broke.

use crate::sys;
use core::fmt;

/// A writer that collects output in an N-byte buffer and writes it to `fd`
/// when full and on `flush` (and on drop).
pub struct Buffered<const N: usize> {
    fd: i32,
    len: usize,
    buf: [u8; N],
    /// The first error seen (EPIPE, EBADF..): later output is dropped.
    pub error: Option<sys::Errno>,
}

impl<const N: usize> Buffered<N> {
    pub fn new(fd: i32) -> Self {
        Buffered { fd, len: 0, buf: [0; N], error: None }
    }

    pub fn write_bytes(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.len == N {
                self.flush();
            }
            let n = core::cmp::min(N - self.len, data.len());
            self.buf[self.len..self.len + n].copy_from_slice(&data[..n]);
            self.len += n;
            data = &data[n..];
        }
    }

    pub fn flush(&mut self) {
        if self.len > 0 && self.error.is_none() {
            if let Err(e) = sys::write_all(self.fd, &self.buf[..self.len]) {
                self.error = Some(e);
            }
        }
        self.len = 0;
    }
}

impl<const N: usize> fmt::Write for Buffered<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write_bytes(s.as_bytes());
        Ok(())
    }
}

impl<const N: usize> Drop for Buffered<N> {
    fn drop(&mut self) {
        self.flush();
    }
}

#[doc(hidden)]
pub fn _print(fd: i32, args: fmt::Arguments) {
    let mut w = Buffered::<512>::new(fd);
    let _ = fmt::Write::write_fmt(&mut w, args);
    w.flush();
}

#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::io::_print(1, format_args!($($arg)*)) };
}

#[macro_export]
macro_rules! println {
    () => { $crate::io::_print(1, format_args!("\n")) };
    ($($arg:tt)*) => { $crate::io::_print(1, format_args!("{}\n", format_args!($($arg)*))) };
}

#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::io::_print(2, format_args!($($arg)*)) };
}

#[macro_export]
macro_rules! eprintln {
    () => { $crate::io::_print(2, format_args!("\n")) };
    ($($arg:tt)*) => { $crate::io::_print(2, format_args!("{}\n", format_args!($($arg)*))) };
}

/// Buffered standard output for programs that print a lot (ls, cat):
/// `let mut out = io::stdout(); writeln!(out, ...)`. Flushes on drop.
pub fn stdout() -> Buffered<4096> {
    Buffered::new(1)
}
