//! sleep NUMBER[SUFFIX]...: pause for the sum of the durations. NUMBER may
//! have a fraction ("0.25"); SUFFIX is s (default), m, h or d. Integer
//! arithmetic only: the target has no floating point.
#![no_std]
#![no_main]

use libakuma::sys::{self, Timespec};
use libakuma::*;

/// Parse "1.5m" into nanoseconds.
fn parse(arg: &str) -> Option<u64> {
    let (num, unit) = match arg.as_bytes().last()? {
        b's' => (&arg[..arg.len() - 1], 1u64),
        b'm' => (&arg[..arg.len() - 1], 60),
        b'h' => (&arg[..arg.len() - 1], 3600),
        b'd' => (&arg[..arg.len() - 1], 86400),
        _ => (arg, 1),
    };
    let (int, frac) = match num.find('.') {
        Some(i) => (&num[..i], &num[i + 1..]),
        None => (num, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut ns: u64 = 0;
    for c in int.bytes() {
        if !c.is_ascii_digit() {
            return None;
        }
        ns = ns.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    ns = ns.checked_mul(1_000_000_000)?;
    let mut scale = 100_000_000u64; // value of the first fraction digit in ns
    for c in frac.bytes() {
        if !c.is_ascii_digit() {
            return None;
        }
        ns += (c - b'0') as u64 * scale;
        scale /= 10;
    }
    ns.checked_mul(unit)
}

fn main() -> i32 {
    let mut total: u64 = 0;
    let mut any = false;
    for a in args().skip(1) {
        match parse(a) {
            Some(ns) => total = total.saturating_add(ns),
            None => {
                eprintln!("sleep: invalid time interval '{}'", a);
                return 1;
            }
        }
        any = true;
    }
    if !any {
        eprintln!("sleep: missing operand");
        return 1;
    }
    let mut req = Timespec::from_nanos(total);
    // An interrupted sleep resumes with the time that was left.
    while let Err((e, rem)) = sys::nanosleep(&req) {
        if e != Errno::EINTR {
            eprintln!("sleep: {}", e);
            return 1;
        }
        req = rem;
    }
    0
}

entry!(main);
