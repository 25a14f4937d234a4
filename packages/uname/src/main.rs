//! uname [-asnrvm]: print system information (default: the kernel name).
#![no_std]
#![no_main]

use libakuma::sys::{self, field_str};
use libakuma::*;

fn main() -> i32 {
    // Fields in the order uname prints them: s n r v m.
    let mut want = [false; 5];
    for a in args().skip(1) {
        let flags = match a.strip_prefix('-') {
            Some(f) if !f.is_empty() => f,
            _ => {
                eprintln!("uname: extra operand '{}'", a);
                return 1;
            }
        };
        for c in flags.chars() {
            match c {
                'a' => want = [true; 5],
                's' => want[0] = true,
                'n' => want[1] = true,
                'r' => want[2] = true,
                'v' => want[3] = true,
                'm' => want[4] = true,
                _ => {
                    eprintln!("uname: invalid option -- '{}'", c);
                    return 1;
                }
            }
        }
    }
    if !want.iter().any(|&w| w) {
        want[0] = true;
    }
    let u = match sys::uname() {
        Ok(u) => u,
        Err(e) => {
            eprintln!("uname: {}", e);
            return 1;
        }
    };
    let fields = [&u.sysname[..], &u.nodename[..], &u.release[..], &u.version[..], &u.machine[..]];
    let parts: Vec<&str> = fields.iter().zip(want.iter()).filter(|(_, &w)| w).map(|(f, _)| field_str(f)).collect();
    println!("{}", parts.join(" "));
    0
}

entry!(main);
