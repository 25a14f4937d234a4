//! mkdir [-p] DIR...: create directories; -p creates missing parents and
//! accepts directories that already exist.
#![no_std]
#![no_main]

use libakuma::*;

fn mkdir_p(path: &str) -> SysResult<()> {
    // Create each prefix ending before a '/', then the whole path.
    let bytes = path.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i] == b'/' && bytes[i - 1] != b'/' {
            make_if_missing(&path[..i])?;
        }
    }
    make_if_missing(path)
}

fn make_if_missing(path: &str) -> SysResult<()> {
    match sys::mkdir(path, 0o777) {
        Err(Errno::EEXIST) => match sys::stat(path) {
            Ok(st) if st.is_dir() => Ok(()),
            _ => Err(Errno::EEXIST),
        },
        r => r,
    }
}

fn main() -> i32 {
    let mut parents = false;
    let mut dirs = Vec::new();
    for a in args().skip(1) {
        match a {
            "-p" | "--parents" => parents = true,
            _ if a.starts_with('-') && a.len() > 1 => {
                eprintln!("mkdir: unknown option '{}'", a);
                return 1;
            }
            _ => dirs.push(a),
        }
    }
    if dirs.is_empty() {
        eprintln!("mkdir: missing operand");
        return 1;
    }
    let mut status = 0;
    for d in dirs {
        let r = if parents { mkdir_p(d) } else { sys::mkdir(d, 0o777) };
        if let Err(e) = r {
            eprintln!("mkdir: cannot create directory '{}': {}", d, e);
            status = 1;
        }
    }
    status
}

entry!(main);
