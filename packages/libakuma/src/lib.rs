//! libakuma: the runtime for akuma-vm guest programs.
//!
//! A guest program is a static AArch64 Linux ELF built for the target
//! aarch64-unknown-none-softfloat (integer registers only: no FP/SIMD code).
//! This crate gives it what `std` would: the `_start` entry point, argument
//! and environment access, system calls, `print!`-style macros, a panic
//! handler and a global allocator. A program looks like:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! use libakuma::*;
//!
//! fn main() -> i32 {
//!     println!("hello");
//!     0
//! }
//! entry!(main);
//! ```
//!
//! Everything here uses the Linux AArch64 system call ABI, so the same file
//! runs under `qemu-aarch64` on a Linux host (the reference) and in akuma-vm.

#![no_std]
#![feature(alloc_error_handler)]

extern crate alloc;

pub mod fs;
pub mod heap;
pub mod io;
pub mod start;
pub mod sys;

pub use alloc::{borrow::ToOwned, boxed::Box, format, string::String, string::ToString, vec, vec::Vec};
pub use start::{args, env, getenv, progname};
pub use sys::{Errno, SysResult};

/// Terminate the process with `code` (exit_group: there are no threads).
pub fn exit(code: i32) -> ! {
    sys::exit_group(code)
}

/// Define the program's entry: `entry!(main)` where `main` returns `()`,
/// `i32` (the exit code) or `Result<(), E: Display>`.
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[no_mangle]
        pub extern "Rust" fn __akuma_main() -> i32 {
            $crate::Termination::report($main())
        }
    };
}

/// What a `main` may return; turned into the exit status.
pub trait Termination {
    fn report(self) -> i32;
}

impl Termination for () {
    fn report(self) -> i32 {
        0
    }
}

impl Termination for i32 {
    fn report(self) -> i32 {
        self
    }
}

impl<E: core::fmt::Display> Termination for Result<(), E> {
    fn report(self) -> i32 {
        match self {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("{}: {}", progname(), e);
                1
            }
        }
    }
}

/// Panics print the message to stderr and exit 101, as std does. The
/// message is formatted through a stack buffer, so a panic works even when
/// the heap is what broke.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let mut err = io::Buffered::<256>::new(2);
    let _ = core::fmt::Write::write_fmt(&mut err, format_args!("{}: {}\n", progname(), info));
    err.flush();
    exit(101)
}

/// Allocation failure (the heap could not grow): report it and exit.
#[alloc_error_handler]
fn alloc_error(layout: core::alloc::Layout) -> ! {
    eprintln!("{}: memory allocation of {} bytes failed", progname(), layout.size());
    exit(101)
}
