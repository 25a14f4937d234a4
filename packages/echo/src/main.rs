//! echo [-n] [ARG...]: print the arguments separated by spaces.
#![no_std]
#![no_main]

use libakuma::*;

fn main() -> i32 {
    let mut args = args().skip(1).peekable();
    let newline = if args.peek() == Some(&"-n") {
        args.next();
        false
    } else {
        true
    };
    let mut out = io::stdout();
    let mut first = true;
    for a in args {
        if !first {
            out.write_bytes(b" ");
        }
        out.write_bytes(a.as_bytes());
        first = false;
    }
    if newline {
        out.write_bytes(b"\n");
    }
    out.flush();
    if out.error.is_some() { 1 } else { 0 }
}

entry!(main);
