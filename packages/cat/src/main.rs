//! cat [FILE...]: copy files (or standard input, also for "-") to standard
//! output. A file that cannot be read is reported and skipped; exit 1 then.
#![no_std]
#![no_main]

use libakuma::fs::File;
use libakuma::*;

fn copy_fd(fd: i32, buf: &mut [u8]) -> SysResult<()> {
    loop {
        let n = match sys::read(fd, buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        };
        sys::write_all(1, &buf[..n])?;
    }
}

fn main() -> i32 {
    let mut buf = vec![0u8; 16 * 1024];
    let names: Vec<&str> = args().skip(1).collect();
    let mut status = 0;
    if names.is_empty() {
        if let Err(e) = copy_fd(0, &mut buf) {
            eprintln!("cat: {}", e);
            return 1;
        }
        return 0;
    }
    for name in names {
        let result = if name == "-" {
            copy_fd(0, &mut buf)
        } else {
            File::open(name).and_then(|f| copy_fd(f.fd(), &mut buf))
        };
        if let Err(e) = result {
            eprintln!("cat: {}: {}", name, e);
            status = 1;
            if e == Errno::EPIPE {
                break;
            }
        }
    }
    status
}

entry!(main);
