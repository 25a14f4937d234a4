//! cp [-r] SRC DST | cp [-r] SRC... DIR: copy files; -r copies directories.
//! The copy gets the source's permission bits.
#![no_std]
#![no_main]

use libakuma::fs::{self, File};
use libakuma::*;

fn copy_file(src: &str, dst: &str, mode: u32) -> SysResult<()> {
    let from = File::open(src)?;
    let to = File::open_with(dst, sys::O_WRONLY | sys::O_CREAT | sys::O_TRUNC | sys::O_CLOEXEC, (mode & 0o7777) as usize)?;
    fs::copy(&from, &to).map(drop)
}

fn copy(src: &str, dst: &str, recursive: bool) -> Result<(), (String, Errno)> {
    let st = sys::stat(src).map_err(|e| (String::from(src), e))?;
    if !st.is_dir() {
        return copy_file(src, dst, st.mode).map_err(|e| (String::from(dst), e));
    }
    if !recursive {
        return Err((String::from(src), Errno::EISDIR));
    }
    match sys::mkdir(dst, (st.mode & 0o7777) as usize) {
        Ok(()) | Err(Errno::EEXIST) => {}
        Err(e) => return Err((String::from(dst), e)),
    }
    for e in fs::read_dir(src).map_err(|e| (String::from(src), e))? {
        let e = e.map_err(|e| (String::from(src), e))?;
        if e.name != "." && e.name != ".." {
            copy(&fs::join(src, &e.name), &fs::join(dst, &e.name), true)?;
        }
    }
    Ok(())
}

fn main() -> i32 {
    let mut recursive = false;
    let mut paths = Vec::new();
    for a in args().skip(1) {
        match a {
            "-r" | "-R" => recursive = true,
            _ if a.len() > 1 && a.starts_with('-') => {
                eprintln!("cp: invalid option '{}'", a);
                return 1;
            }
            _ => paths.push(a),
        }
    }
    if paths.len() < 2 {
        eprintln!("cp: usage: cp [-r] SRC DST | cp [-r] SRC... DIR");
        return 1;
    }
    let dst = paths.pop().unwrap();
    let into_dir = sys::stat(dst).map(|s| s.is_dir()).unwrap_or(false);
    if paths.len() > 1 && !into_dir {
        eprintln!("cp: target '{}' is not a directory", dst);
        return 1;
    }
    let mut status = 0;
    for src in paths {
        let target = if into_dir { fs::join(dst, fs::basename(src)) } else { String::from(dst) };
        if let Err((path, e)) = copy(src, &target, recursive) {
            eprintln!("cp: '{}': {}", path, e);
            status = 1;
        }
    }
    status
}

entry!(main);
