// Rust std::fs in a scratch directory: create, write, read, append, rename, copy, metadata
// (sizes, kinds, modes, link counts), read_dir sorted by name, hard and symbolic links,
// set_len and seeking, and the io::ErrorKind of each usual failure.
//   fs DIR   (DIR must not exist; it is removed again at the end)

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

fn err<T>(what: &str, r: io::Result<T>) {
    match r {
        Ok(_) => println!("{}: ok", what),
        Err(e) => println!("{}: {:?} ({})", what, e.kind(), e),
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            let kind = if t.is_symlink() { "link" } else if t.is_dir() { "dir" } else { "file" };
            format!("{}:{}", e.file_name().to_string_lossy(), kind)
        })
        .collect();
    names.sort();
    names
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: fs DIR");
    let d = Path::new(&dir);
    fs::create_dir_all(d.join("sub/deeper")).unwrap();

    // Write, read back, append.
    let a = d.join("a.txt");
    fs::write(&a, "first line\nsecond line\n").unwrap();
    println!("read_to_string: {:?}", fs::read_to_string(&a).unwrap());
    let mut f = OpenOptions::new().append(true).open(&a).unwrap();
    writeln!(f, "appended").unwrap();
    drop(f);
    let lines: Vec<String> = BufReader::new(File::open(&a).unwrap()).lines().map(|l| l.unwrap()).collect();
    println!("lines after append: {:?}", lines);

    // Metadata of a file, a directory, an empty file.
    let m = fs::metadata(&a).unwrap();
    println!("a.txt: len {} file {} dir {} nlink {}", m.len(), m.is_file(), m.is_dir(), m.nlink());
    let md = fs::metadata(d.join("sub")).unwrap();
    println!("sub: file {} dir {}", md.is_file(), md.is_dir());
    File::create(d.join("empty")).unwrap();
    println!("empty: len {}", fs::metadata(d.join("empty")).unwrap().len());

    // Modes: set and read back; create with a mode through OpenOptionsExt.
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    println!("a.txt mode: {:o}", fs::metadata(&a).unwrap().permissions().mode() & 0o7777);
    let ro = fs::metadata(&a).unwrap().permissions().readonly();
    println!("a.txt readonly: {}", ro);
    OpenOptions::new().write(true).create(true).mode(0o600).open(d.join("private")).unwrap();
    println!("private mode: {:o}", fs::metadata(d.join("private")).unwrap().permissions().mode() & 0o777);

    // Rename within and across directories; rename over an existing file replaces it.
    fs::rename(&a, d.join("b.txt")).unwrap();
    println!("after rename a->b: a exists {} b exists {}", a.exists(), d.join("b.txt").exists());
    fs::rename(d.join("b.txt"), d.join("sub/deeper/c.txt")).unwrap();
    fs::write(d.join("victim"), "old").unwrap();
    fs::write(d.join("winner"), "new").unwrap();
    fs::rename(d.join("winner"), d.join("victim")).unwrap();
    println!("rename over existing: {:?}", fs::read_to_string(d.join("victim")).unwrap());

    // Copy keeps the content and the mode.
    let n = fs::copy(d.join("sub/deeper/c.txt"), d.join("copy.txt")).unwrap();
    println!("copy: {} bytes, mode {:o}, same content {}", n, fs::metadata(d.join("copy.txt")).unwrap().permissions().mode() & 0o777,
        fs::read(d.join("copy.txt")).unwrap() == fs::read(d.join("sub/deeper/c.txt")).unwrap());

    // Hard links count; symbolic links resolve.
    fs::hard_link(d.join("copy.txt"), d.join("hard")).unwrap();
    println!("hard link: nlink {} same inode {}", fs::metadata(d.join("hard")).unwrap().nlink(),
        fs::metadata(d.join("hard")).unwrap().ino() == fs::metadata(d.join("copy.txt")).unwrap().ino());
    std::os::unix::fs::symlink("copy.txt", d.join("soft")).unwrap();
    println!("symlink: read_link {:?} is_symlink {} target len {}", fs::read_link(d.join("soft")).unwrap(),
        fs::symlink_metadata(d.join("soft")).unwrap().file_type().is_symlink(), fs::metadata(d.join("soft")).unwrap().len());
    std::os::unix::fs::symlink("nowhere", d.join("dangling")).unwrap();
    println!("dangling: exists {} symlink_metadata ok {}", d.join("dangling").exists(), fs::symlink_metadata(d.join("dangling")).is_ok());
    let canon = fs::canonicalize(d.join("sub/deeper/../../soft")).unwrap();
    println!("canonicalize ends with copy.txt: {}", canon.ends_with("copy.txt"));

    // read_dir, sorted.
    println!("read_dir: {}", listing(d).join(" "));
    println!("read_dir sub/deeper: {}", listing(&d.join("sub/deeper")).join(" "));

    // set_len, seek, read_exact, write at an offset.
    let mut f = OpenOptions::new().read(true).write(true).create(true).open(d.join("seek")).unwrap();
    f.write_all(b"0123456789").unwrap();
    f.set_len(4).unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    println!("set_len(4): {:?}", s);
    f.set_len(8).unwrap();
    let mut buf = [0xffu8; 8];
    f.seek(SeekFrom::Start(0)).unwrap();
    f.read_exact(&mut buf).unwrap();
    println!("set_len(8): {:?}", buf);
    f.seek(SeekFrom::End(-2)).unwrap();
    f.write_all(b"XYZ").unwrap();
    println!("position after write at end-2: {}", f.stream_position().unwrap());
    f.sync_all().unwrap();
    println!("len after: {}", f.metadata().unwrap().len());
    let mut short = [0u8; 32];
    f.seek(SeekFrom::Start(6)).unwrap();
    err("read_exact past the end", f.read_exact(&mut short));

    // The errors.
    err("open missing", File::open(d.join("missing")));
    err("create_new existing", OpenOptions::new().write(true).create_new(true).open(d.join("copy.txt")));
    err("create_dir existing", fs::create_dir(d.join("sub")));
    err("remove_dir non-empty", fs::remove_dir(d.join("sub")));
    err("read_dir of a file", fs::read_dir(d.join("copy.txt")));
    err("remove_file of a directory", fs::remove_file(d.join("sub")));
    err("rename dir over non-empty dir", { fs::create_dir(d.join("other")).unwrap(); fs::rename(d.join("other"), d.join("sub")) });
    err("open a file as a directory path", File::open(d.join("copy.txt/x")));
    err("write to a read-only handle", File::open(d.join("copy.txt")).unwrap().write_all(b"x"));
    err("read_link of a regular file", fs::read_link(d.join("copy.txt")));
    err("hard_link onto existing", fs::hard_link(d.join("copy.txt"), d.join("hard")));

    // Removal.
    fs::remove_file(d.join("soft")).unwrap();
    fs::remove_dir_all(d).unwrap();
    println!("removed: {}", !d.exists());
}
