//! ls [-1alA] [PATH...]: list directories (read with getdents64).
//!
//!   -a  include names starting with '.'      -A  like -a without . and ..
//!   -l  long format: mode, links, owner, group, size, mtime (UTC), name
//!   -1  one name per line (the default when stdout is not a terminal)
//!
//! Without -l and on a terminal (TIOCGWINSZ answers), names go in columns
//! like GNU ls; otherwise one per line, so pipes get clean output.
#![no_std]
#![no_main]

use core::fmt::Write;
use libakuma::fs;
use libakuma::sys::{self, Stat};
use libakuma::*;

#[derive(Default)]
struct Opts {
    all: bool,
    almost_all: bool,
    long: bool,
    one: bool,
}

struct Entry {
    name: String,
    path: String,
    stat: Option<Stat>, // only for -l
}

fn main() -> i32 {
    let mut o = Opts::default();
    let mut paths = Vec::new();
    for a in args().skip(1) {
        if a.len() > 1 && a.starts_with('-') {
            for c in a[1..].chars() {
                match c {
                    'a' => o.all = true,
                    'A' => o.almost_all = true,
                    'l' => o.long = true,
                    '1' => o.one = true,
                    _ => {
                        eprintln!("ls: invalid option -- '{}'", c);
                        return 2;
                    }
                }
            }
        } else {
            paths.push(a);
        }
    }
    if paths.is_empty() {
        paths.push(".");
    }
    let width = match sys::winsize(1) {
        Ok(ws) if !o.one && !o.long && ws.cols > 0 => Some(ws.cols as usize),
        _ => None,
    };

    let mut status = 0;
    let mut out = io::stdout();
    // Files named on the command line first, then each directory.
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for p in &paths {
        match sys::stat(p) {
            Ok(st) if st.is_dir() => dirs.push(*p),
            Ok(st) => files.push(Entry { name: String::from(*p), path: String::from(*p), stat: Some(st) }),
            Err(e) => {
                eprintln!("ls: cannot access '{}': {}", p, e);
                status = 2;
            }
        }
    }
    let mut first = true;
    if !files.is_empty() {
        files.sort_by(|a, b| a.name.cmp(&b.name));
        print_entries(&mut out, &o, &files, width, false);
        first = false;
    }
    let headers = paths.len() > 1;
    for d in dirs {
        if !first {
            out.write_bytes(b"\n");
        }
        first = false;
        if headers {
            let _ = writeln!(out, "{}:", d);
        }
        match list_dir(d, &o) {
            Ok(entries) => print_entries(&mut out, &o, &entries, width, true),
            Err(e) => {
                out.flush();
                eprintln!("ls: cannot open directory '{}': {}", d, e);
                status = 2;
            }
        }
    }
    out.flush();
    status
}

fn list_dir(dir: &str, o: &Opts) -> SysResult<Vec<Entry>> {
    let mut entries = Vec::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let hidden = e.name.starts_with('.');
        let dot = e.name == "." || e.name == "..";
        if hidden && !(o.all || (o.almost_all && !dot)) {
            continue;
        }
        let path = fs::join(dir, &e.name);
        let stat = if o.long { sys::lstat(&path).ok() } else { None };
        entries.push(Entry { name: e.name, path, stat });
    }
    // Byte order, like ls in the C locale.
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

fn print_entries(out: &mut io::Buffered<4096>, o: &Opts, entries: &[Entry], width: Option<usize>, total: bool) {
    if o.long {
        if total {
            let blocks: i64 = entries.iter().filter_map(|e| e.stat.map(|s| s.blocks)).sum();
            let _ = writeln!(out, "total {}", blocks / 2); // 512-byte blocks -> KiB
        }
        for e in entries {
            long_line(out, e);
        }
    } else if let Some(w) = width {
        columns(out, entries, w);
    } else {
        for e in entries {
            let _ = writeln!(out, "{}", e.name);
        }
    }
}

fn long_line(out: &mut io::Buffered<4096>, e: &Entry) {
    let st = match e.stat {
        Some(st) => st,
        None => {
            let _ = writeln!(out, "?????????? ? ? ? ?                ? {}", e.name);
            return;
        }
    };
    let (y, mo, d, h, mi) = civil(st.mtime);
    let _ = write!(
        out,
        "{} {:>3} {:>5} {:>5} {:>8} {:04}-{:02}-{:02} {:02}:{:02} {}",
        mode_string(st.mode),
        st.nlink,
        st.uid,
        st.gid,
        st.size,
        y,
        mo,
        d,
        h,
        mi,
        e.name
    );
    if st.mode & sys::S_IFMT == sys::S_IFLNK {
        let mut buf = [0u8; 4096];
        if let Ok(target) = sys::readlink(&e.path, &mut buf) {
            let _ = write!(out, " -> {}", target);
        }
    }
    out.write_bytes(b"\n");
}

/// "drwxr-xr-x" from st_mode.
fn mode_string(mode: u32) -> String {
    let kind = match mode & sys::S_IFMT {
        sys::S_IFDIR => 'd',
        sys::S_IFLNK => 'l',
        sys::S_IFCHR => 'c',
        sys::S_IFBLK => 'b',
        sys::S_IFIFO => 'p',
        sys::S_IFSOCK => 's',
        _ => '-',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    let rwx = [(0o400, 'r'), (0o200, 'w'), (0o100, 'x'), (0o040, 'r'), (0o020, 'w'), (0o010, 'x'),
               (0o004, 'r'), (0o002, 'w'), (0o001, 'x')];
    for (bit, c) in rwx {
        s.push(if mode & bit != 0 { c } else { '-' });
    }
    // setuid, setgid, sticky replace the x positions.
    let mut b: Vec<char> = s.chars().collect();
    if mode & 0o4000 != 0 { b[3] = if b[3] == 'x' { 's' } else { 'S' }; }
    if mode & 0o2000 != 0 { b[6] = if b[6] == 'x' { 's' } else { 'S' }; }
    if mode & 0o1000 != 0 { b[9] = if b[9] == 'x' { 't' } else { 'T' }; }
    b.into_iter().collect()
}

/// Seconds since the epoch -> (year, month, day, hour, minute) in UTC, by
/// the days-to-civil-date algorithm (proleptic Gregorian calendar).
fn civil(t: i64) -> (i64, u32, u32, u32, u32) {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let z = days + 719468; // days since 0000-03-01
    let era = z.div_euclid(146097);
    let doe = z.rem_euclid(146097); // day of the 400-year era
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153; // month counted from March
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d, (secs / 3600) as u32, (secs % 3600 / 60) as u32)
}

/// Names in columns, filled top to bottom, two spaces apart: the most
/// columns that fit in `width`.
fn columns(out: &mut io::Buffered<4096>, entries: &[Entry], width: usize) {
    let n = entries.len();
    if n == 0 {
        return;
    }
    let lens: Vec<usize> = entries.iter().map(|e| e.name.chars().count()).collect();
    let mut rows = n;
    let mut widths = vec![0usize; 1];
    for cols in (1..=n).rev() {
        let r = (n + cols - 1) / cols;
        let mut w = vec![0usize; cols];
        for (i, l) in lens.iter().enumerate() {
            let c = i / r;
            w[c] = w[c].max(*l);
        }
        let total: usize = w.iter().sum::<usize>() + 2 * (cols - 1);
        if total <= width || cols == 1 {
            rows = r;
            widths = w;
            break;
        }
    }
    for row in 0..rows {
        let mut i = row;
        let mut c = 0;
        while i < n {
            let last = i + rows >= n;
            out.write_bytes(entries[i].name.as_bytes());
            if !last {
                for _ in lens[i]..widths[c] + 2 {
                    out.write_bytes(b" ");
                }
            }
            i += rows;
            c += 1;
        }
        out.write_bytes(b"\n");
    }
}

entry!(main);
