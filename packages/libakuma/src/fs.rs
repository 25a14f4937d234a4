//! Files and directories on top of the raw calls in `sys`.

use crate::sys::{self, Errno, SysResult};
use alloc::string::String;
use alloc::vec::Vec;

/// An open file descriptor, closed on drop.
pub struct File {
    fd: i32,
}

impl File {
    /// Open for reading.
    pub fn open(path: &str) -> SysResult<File> {
        Self::open_with(path, sys::O_RDONLY | sys::O_CLOEXEC, 0)
    }

    /// Create or truncate for writing, mode 0644 (before umask).
    pub fn create(path: &str) -> SysResult<File> {
        Self::open_with(path, sys::O_WRONLY | sys::O_CREAT | sys::O_TRUNC | sys::O_CLOEXEC, 0o644)
    }

    pub fn open_with(path: &str, flags: usize, mode: usize) -> SysResult<File> {
        sys::open(path, flags, mode).map(|fd| File { fd })
    }

    /// Adopt an already open descriptor (0, 1, 2...). It will be closed on
    /// drop unless `into_raw` is called.
    pub fn from_raw(fd: i32) -> File {
        File { fd }
    }

    pub fn into_raw(self) -> i32 {
        let fd = self.fd;
        core::mem::forget(self);
        fd
    }

    pub fn fd(&self) -> i32 {
        self.fd
    }

    /// Read, retrying EINTR.
    pub fn read(&self, buf: &mut [u8]) -> SysResult<usize> {
        loop {
            match sys::read(self.fd, buf) {
                Err(Errno::EINTR) => continue,
                r => return r,
            }
        }
    }

    pub fn write_all(&self, buf: &[u8]) -> SysResult<()> {
        sys::write_all(self.fd, buf)
    }

    pub fn stat(&self) -> SysResult<sys::Stat> {
        sys::fstat(self.fd)
    }

    /// Everything from the current position to the end.
    pub fn read_to_end(&self) -> SysResult<Vec<u8>> {
        let mut data = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = self.read(&mut chunk)?;
            if n == 0 {
                return Ok(data);
            }
            data.extend_from_slice(&chunk[..n]);
        }
    }
}

impl Drop for File {
    fn drop(&mut self) {
        let _ = sys::close(self.fd);
    }
}

/// Copy everything from `from` to `to` through a 16 KiB buffer; returns
/// the byte count.
pub fn copy(from: &File, to: &File) -> SysResult<u64> {
    let mut buf = alloc::vec![0u8; 16 * 1024];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            return Ok(total);
        }
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
}

/// d_type values of `struct linux_dirent64`.
pub const DT_UNKNOWN: u8 = 0;
pub const DT_FIFO: u8 = 1;
pub const DT_CHR: u8 = 2;
pub const DT_DIR: u8 = 4;
pub const DT_BLK: u8 = 6;
pub const DT_REG: u8 = 8;
pub const DT_LNK: u8 = 10;
pub const DT_SOCK: u8 = 12;

/// One directory entry, as getdents64 reported it.
#[derive(Clone, Debug)]
pub struct DirEntry {
    pub ino: u64,
    pub kind: u8, // a DT_* value
    pub name: String,
}

/// Iterator over a directory's entries (including "." and ".." when the
/// kernel reports them).
pub struct ReadDir {
    dir: File,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
}

pub fn read_dir(path: &str) -> SysResult<ReadDir> {
    let dir = File::open_with(path, sys::O_RDONLY | sys::O_DIRECTORY | sys::O_CLOEXEC, 0)?;
    Ok(ReadDir { dir, buf: alloc::vec![0u8; 4096], pos: 0, len: 0 })
}

impl Iterator for ReadDir {
    type Item = SysResult<DirEntry>;

    fn next(&mut self) -> Option<SysResult<DirEntry>> {
        if self.pos >= self.len {
            match sys::getdents64(self.dir.fd(), &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => {
                    self.len = n;
                    self.pos = 0;
                }
                Err(e) => return Some(Err(e)),
            }
        }
        // struct linux_dirent64 { u64 d_ino; i64 d_off; u16 d_reclen;
        //                         u8 d_type; char d_name[]; }
        let rec = &self.buf[self.pos..self.len];
        if rec.len() < 20 {
            self.pos = self.len;
            return Some(Err(Errno::EIO));
        }
        let ino = u64::from_le_bytes(rec[0..8].try_into().unwrap());
        let reclen = u16::from_le_bytes([rec[16], rec[17]]) as usize;
        if reclen < 20 || reclen > rec.len() {
            self.pos = self.len;
            return Some(Err(Errno::EIO)); // a malformed record: stop here
        }
        let kind = rec[18];
        let raw = &rec[19..reclen];
        let name_len = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
        let name = String::from_utf8_lossy(&raw[..name_len]).into_owned();
        self.pos += reclen;
        Some(Ok(DirEntry { ino, kind, name }))
    }
}

/// Join a directory and a name with exactly one '/'.
pub fn join(dir: &str, name: &str) -> String {
    let mut s = String::with_capacity(dir.len() + 1 + name.len());
    s.push_str(dir);
    if !dir.ends_with('/') {
        s.push('/');
    }
    s.push_str(name);
    s
}

/// The last component of a path ("a/b/" -> "b").
pub fn basename(path: &str) -> &str {
    let p = path.trim_end_matches('/');
    match p.rfind('/') {
        Some(i) => &p[i + 1..],
        None => p,
    }
}
