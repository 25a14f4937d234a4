//! env: print the environment, one NAME=value per line. (Running a command
//! with a changed environment needs execve, which libakuma does not offer.)
#![no_std]
#![no_main]

use libakuma::*;

fn main() -> i32 {
    if args().count() > 1 {
        eprintln!("env: usage: env (printing only; running commands is not supported)");
        return 125;
    }
    let mut out = io::stdout();
    for kv in env() {
        out.write_bytes(kv.as_bytes());
        out.write_bytes(b"\n");
    }
    out.flush();
    0
}

entry!(main);
