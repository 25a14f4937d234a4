//! rm [-rf] PATH...: remove files; -r removes directories and their
//! contents, -f ignores missing files and never reports them.
#![no_std]
#![no_main]

use libakuma::fs;
use libakuma::*;

fn remove(path: &str, recursive: bool) -> Result<(), (String, Errno)> {
    let st = sys::lstat(path).map_err(|e| (String::from(path), e))?;
    if !st.is_dir() {
        return sys::unlink(path).map_err(|e| (String::from(path), e));
    }
    if !recursive {
        return Err((String::from(path), Errno::EISDIR));
    }
    // Collect the names first: deleting while reading a directory can make
    // getdents64 skip entries.
    let names: Vec<String> = fs::read_dir(path)
        .map_err(|e| (String::from(path), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.name)
        .filter(|n| n != "." && n != "..")
        .collect();
    for n in names {
        remove(&fs::join(path, &n), true)?;
    }
    sys::rmdir(path).map_err(|e| (String::from(path), e))
}

fn main() -> i32 {
    let (mut recursive, mut force) = (false, false);
    let mut paths = Vec::new();
    for a in args().skip(1) {
        if a.len() > 1 && a.starts_with('-') {
            for c in a[1..].chars() {
                match c {
                    'r' | 'R' => recursive = true,
                    'f' => force = true,
                    _ => {
                        eprintln!("rm: invalid option -- '{}'", c);
                        return 1;
                    }
                }
            }
        } else {
            paths.push(a);
        }
    }
    if paths.is_empty() && !force {
        eprintln!("rm: missing operand");
        return 1;
    }
    let mut status = 0;
    for p in paths {
        let base = fs::basename(p);
        if base == "." || base == ".." || p.trim_end_matches('/').is_empty() {
            eprintln!("rm: refusing to remove '{}'", p);
            status = 1;
            continue;
        }
        match remove(p, recursive) {
            Ok(()) => {}
            Err((_, Errno::ENOENT)) if force => {}
            Err((path, e)) => {
                eprintln!("rm: cannot remove '{}': {}", path, e);
                status = 1;
            }
        }
    }
    status
}

entry!(main);
