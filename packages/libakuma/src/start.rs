//! Process entry: `_start`, and access to argv and envp.
//!
//! At entry the Linux ABI leaves SP pointing at
//!
//! ```text
//!   argc | argv[0] .. argv[argc-1] | NULL | envp[0] .. | NULL | auxv pairs .. AT_NULL
//! ```
//!
//! libakuma reads argc, argv and envp and ignores auxv.

use core::arch::global_asm;

// _start: clear the frame pointer and link register (so backtraces end
// here), pass the initial SP to Rust, and keep SP 16-byte aligned (the ABI
// promises it at entry; aligning again costs one instruction).
global_asm!(
    ".globl _start",
    ".type _start, %function",
    "_start:",
    "mov x29, xzr",
    "mov x30, xzr",
    "mov x0, sp",
    "and x1, x0, #0xfffffffffffffff0",
    "mov sp, x1",
    "bl __akuma_start",
    "udf #0",
    ".size _start, . - _start",
);

extern "Rust" {
    // Defined by the program through `entry!`.
    fn __akuma_main() -> i32;
}

static mut ARGC: usize = 0;
static mut ARGV: *const *const u8 = core::ptr::null();
static mut ENVP: *const *const u8 = core::ptr::null();

#[no_mangle]
unsafe extern "C" fn __akuma_start(sp: *const usize) -> ! {
    ARGC = *sp;
    ARGV = sp.add(1) as *const *const u8;
    ENVP = ARGV.add(ARGC + 1);
    let code = __akuma_main();
    crate::exit(code)
}

/// The bytes of a NUL-terminated string that lives for the whole run.
unsafe fn c_bytes(p: *const u8) -> &'static [u8] {
    let mut n = 0;
    while *p.add(n) != 0 {
        n += 1;
    }
    core::slice::from_raw_parts(p, n)
}

/// A C string from argv/envp as &str (invalid UTF-8 becomes U+FFFD).
unsafe fn c_str(p: *const u8) -> &'static str {
    core::str::from_utf8(c_bytes(p)).unwrap_or("\u{FFFD}")
}

/// Iterator over a NULL-terminated array of C strings.
#[derive(Clone)]
pub struct CStrings {
    next: *const *const u8,
}

impl Iterator for CStrings {
    type Item = &'static str;
    fn next(&mut self) -> Option<&'static str> {
        unsafe {
            if self.next.is_null() || (*self.next).is_null() {
                return None;
            }
            let s = c_str(*self.next);
            self.next = self.next.add(1);
            Some(s)
        }
    }
}

/// The command-line arguments, argv[0] (the program name) first.
pub fn args() -> CStrings {
    CStrings { next: unsafe { ARGV } }
}

/// The environment as "NAME=value" strings.
pub fn env() -> CStrings {
    CStrings { next: unsafe { ENVP } }
}

/// The value of environment variable `name`.
pub fn getenv(name: &str) -> Option<&'static str> {
    env().find_map(|kv| {
        let rest = kv.strip_prefix(name)?;
        rest.strip_prefix('=')
    })
}

/// The program's name for messages: the last component of argv[0].
pub fn progname() -> &'static str {
    let a0 = args().next().unwrap_or("?");
    match a0.rfind('/') {
        Some(i) => &a0[i + 1..],
        None => a0,
    }
}
