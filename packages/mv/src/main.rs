//! mv SRC DST | mv SRC... DIR: rename (renameat; no copying across file
//! systems).
#![no_std]
#![no_main]

use libakuma::fs;
use libakuma::*;

fn main() -> i32 {
    let mut paths: Vec<&str> = args().skip(1).collect();
    if paths.len() < 2 {
        eprintln!("mv: usage: mv SRC DST | mv SRC... DIR");
        return 1;
    }
    let dst = paths.pop().unwrap();
    let into_dir = sys::stat(dst).map(|s| s.is_dir()).unwrap_or(false);
    if paths.len() > 1 && !into_dir {
        eprintln!("mv: target '{}' is not a directory", dst);
        return 1;
    }
    let mut status = 0;
    for src in paths {
        let target = if into_dir { fs::join(dst, fs::basename(src)) } else { String::from(dst) };
        if let Err(e) = sys::rename(src, &target) {
            eprintln!("mv: cannot move '{}' to '{}': {}", src, target, e);
            status = 1;
        }
    }
    status
}

entry!(main);
