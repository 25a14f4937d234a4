//! Raw Linux AArch64 system calls and thin, typed wrappers around them.
//!
//! The calling convention is the Linux one: number in x8, arguments in
//! x0..x5, `svc #0`, result in x0. A kernel must change x0 and nothing else,
//! so the inline assembly below declares exactly that and no other clobber:
//! a kernel that damages another register breaks these programs loudly (that
//! is how the original x9 bug showed up), instead of being papered over here.
//!
//! Results in -4095..=-1 are negated errno values (the Linux rule); every
//! wrapper turns them into `Err(Errno)`.

use core::arch::asm;
use core::fmt;

/// System call numbers from the asm-generic table that AArch64 Linux uses.
pub mod nr {
    pub const GETCWD: usize = 17;
    pub const DUP3: usize = 24;
    pub const FCNTL: usize = 25;
    pub const IOCTL: usize = 29;
    pub const MKDIRAT: usize = 34;
    pub const UNLINKAT: usize = 35;
    pub const RENAMEAT: usize = 38;
    pub const FTRUNCATE: usize = 46;
    pub const FACCESSAT: usize = 48;
    pub const CHDIR: usize = 49;
    pub const OPENAT: usize = 56;
    pub const CLOSE: usize = 57;
    pub const PIPE2: usize = 59;
    pub const GETDENTS64: usize = 61;
    pub const LSEEK: usize = 62;
    pub const READ: usize = 63;
    pub const WRITE: usize = 64;
    pub const READLINKAT: usize = 78;
    pub const NEWFSTATAT: usize = 79;
    pub const FSTAT: usize = 80;
    pub const EXIT: usize = 93;
    pub const EXIT_GROUP: usize = 94;
    pub const NANOSLEEP: usize = 101;
    pub const CLOCK_GETTIME: usize = 113;
    pub const SCHED_YIELD: usize = 124;
    pub const KILL: usize = 129;
    pub const UNAME: usize = 160;
    pub const GETPID: usize = 172;
    pub const GETPPID: usize = 173;
    pub const BRK: usize = 214;
    pub const MUNMAP: usize = 215;
    pub const MMAP: usize = 222;
    pub const MPROTECT: usize = 226;
    pub const GETRANDOM: usize = 278;
}

/// Constants that go with the calls (values from the Linux UAPI headers).
pub const AT_FDCWD: i32 = -100;
pub const AT_SYMLINK_NOFOLLOW: usize = 0x100;
pub const AT_REMOVEDIR: usize = 0x200;

pub const O_RDONLY: usize = 0;
pub const O_WRONLY: usize = 1;
pub const O_RDWR: usize = 2;
pub const O_CREAT: usize = 0o100;
pub const O_EXCL: usize = 0o200;
pub const O_TRUNC: usize = 0o1000;
pub const O_APPEND: usize = 0o2000;
pub const O_DIRECTORY: usize = 0o40000; // AArch64 value (differs from x86)
pub const O_CLOEXEC: usize = 0o2000000;

pub const SEEK_SET: usize = 0;
pub const SEEK_CUR: usize = 1;
pub const SEEK_END: usize = 2;

pub const PROT_NONE: usize = 0;
pub const PROT_READ: usize = 1;
pub const PROT_WRITE: usize = 2;
pub const PROT_EXEC: usize = 4;
pub const MAP_PRIVATE: usize = 0x02;
pub const MAP_ANONYMOUS: usize = 0x20;

pub const CLOCK_REALTIME: usize = 0;
pub const CLOCK_MONOTONIC: usize = 1;

pub const TIOCGWINSZ: usize = 0x5413;

pub const S_IFMT: u32 = 0o170000;
pub const S_IFDIR: u32 = 0o040000;
pub const S_IFREG: u32 = 0o100000;
pub const S_IFLNK: u32 = 0o120000;
pub const S_IFCHR: u32 = 0o020000;
pub const S_IFBLK: u32 = 0o060000;
pub const S_IFIFO: u32 = 0o010000;
pub const S_IFSOCK: u32 = 0o140000;

/// A Linux error number, e.g. `Errno::ENOENT`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Errno(pub i32);

pub type SysResult<T> = Result<T, Errno>;

macro_rules! errnos {
    ($($name:ident = $val:expr, $msg:expr;)*) => {
        impl Errno {
            $(pub const $name: Errno = Errno($val);)*

            /// The symbolic name, "ENOENT".
            pub fn name(self) -> &'static str {
                match self.0 { $($val => stringify!($name),)* _ => "E?" }
            }

            /// The strerror text, "No such file or directory".
            pub fn message(self) -> &'static str {
                match self.0 { $($val => $msg,)* _ => "Unknown error" }
            }
        }
    };
}

errnos! {
    EPERM = 1, "Operation not permitted";
    ENOENT = 2, "No such file or directory";
    ESRCH = 3, "No such process";
    EINTR = 4, "Interrupted system call";
    EIO = 5, "Input/output error";
    E2BIG = 7, "Argument list too long";
    ENOEXEC = 8, "Exec format error";
    EBADF = 9, "Bad file descriptor";
    ECHILD = 10, "No child processes";
    EAGAIN = 11, "Resource temporarily unavailable";
    ENOMEM = 12, "Cannot allocate memory";
    EACCES = 13, "Permission denied";
    EFAULT = 14, "Bad address";
    EBUSY = 16, "Device or resource busy";
    EEXIST = 17, "File exists";
    EXDEV = 18, "Invalid cross-device link";
    ENODEV = 19, "No such device";
    ENOTDIR = 20, "Not a directory";
    EISDIR = 21, "Is a directory";
    EINVAL = 22, "Invalid argument";
    EMFILE = 24, "Too many open files";
    ENOTTY = 25, "Inappropriate ioctl for device";
    EFBIG = 27, "File too large";
    ENOSPC = 28, "No space left on device";
    ESPIPE = 29, "Illegal seek";
    EROFS = 30, "Read-only file system";
    EPIPE = 32, "Broken pipe";
    ERANGE = 34, "Numerical result out of range";
    ENAMETOOLONG = 36, "File name too long";
    ENOSYS = 38, "Function not implemented";
    ENOTEMPTY = 39, "Directory not empty";
    ELOOP = 40, "Too many levels of symbolic links";
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

/// One system call with up to six arguments (unused ones are passed as 0).
///
/// Only x0 is declared as changed; memory is assumed read and written
/// (no `nomem`/`readonly`), which is right for calls such as read or stat.
#[inline(always)]
pub unsafe fn syscall(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize, a4: usize, a5: usize) -> isize {
    let ret: isize;
    asm!(
        "svc #0",
        inlateout("x0") a0 as isize => ret,
        in("x1") a1, in("x2") a2, in("x3") a3, in("x4") a4, in("x5") a5,
        in("x8") nr,
        options(nostack),
    );
    ret
}

/// Turn a raw return value into a Result following the Linux -4095..-1 rule.
#[inline]
pub fn check(ret: isize) -> SysResult<usize> {
    if (-4095..0).contains(&ret) {
        Err(Errno(-ret as i32))
    } else {
        Ok(ret as usize)
    }
}

#[inline(always)]
fn call(nr: usize, a: [usize; 6]) -> SysResult<usize> {
    check(unsafe { syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]) })
}

/// Run `f` with `path` as a NUL-terminated C string (copied to the stack:
/// Rust strings carry no terminator). Longer than PATH_MAX: ENAMETOOLONG.
pub fn with_cpath<R>(path: &str, f: impl FnOnce(usize) -> SysResult<R>) -> SysResult<R> {
    const PATH_MAX: usize = 4096;
    let bytes = path.as_bytes();
    if bytes.len() >= PATH_MAX {
        return Err(Errno::ENAMETOOLONG);
    }
    if bytes.contains(&0) {
        return Err(Errno::EINVAL);
    }
    let mut buf = [0u8; PATH_MAX];
    buf[..bytes.len()].copy_from_slice(bytes);
    f(buf.as_ptr() as usize)
}

// ---- files -------------------------------------------------------------

pub fn read(fd: i32, buf: &mut [u8]) -> SysResult<usize> {
    call(nr::READ, [fd as usize, buf.as_mut_ptr() as usize, buf.len(), 0, 0, 0])
}

pub fn write(fd: i32, buf: &[u8]) -> SysResult<usize> {
    call(nr::WRITE, [fd as usize, buf.as_ptr() as usize, buf.len(), 0, 0, 0])
}

/// Write all of `buf`, retrying short writes and EINTR.
pub fn write_all(fd: i32, mut buf: &[u8]) -> SysResult<()> {
    while !buf.is_empty() {
        match write(fd, buf) {
            Ok(0) => return Err(Errno::EIO),
            Ok(n) => buf = &buf[n..],
            Err(Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

pub fn openat(dirfd: i32, path: &str, flags: usize, mode: usize) -> SysResult<i32> {
    with_cpath(path, |p| call(nr::OPENAT, [dirfd as usize, p, flags, mode, 0, 0]).map(|fd| fd as i32))
}

pub fn open(path: &str, flags: usize, mode: usize) -> SysResult<i32> {
    openat(AT_FDCWD, path, flags, mode)
}

pub fn close(fd: i32) -> SysResult<()> {
    call(nr::CLOSE, [fd as usize, 0, 0, 0, 0, 0]).map(drop)
}

pub fn lseek(fd: i32, offset: i64, whence: usize) -> SysResult<u64> {
    call(nr::LSEEK, [fd as usize, offset as usize, whence, 0, 0, 0]).map(|o| o as u64)
}

pub fn ftruncate(fd: i32, len: u64) -> SysResult<()> {
    call(nr::FTRUNCATE, [fd as usize, len as usize, 0, 0, 0, 0]).map(drop)
}

pub fn dup3(old: i32, new: i32, flags: usize) -> SysResult<i32> {
    call(nr::DUP3, [old as usize, new as usize, flags, 0, 0, 0]).map(|fd| fd as i32)
}

pub fn pipe2(flags: usize) -> SysResult<[i32; 2]> {
    let mut fds = [0i32; 2];
    call(nr::PIPE2, [fds.as_mut_ptr() as usize, flags, 0, 0, 0, 0])?;
    Ok(fds)
}

pub fn ioctl(fd: i32, request: usize, arg: usize) -> SysResult<usize> {
    call(nr::IOCTL, [fd as usize, request, arg, 0, 0, 0])
}

/// `struct winsize` for TIOCGWINSZ.
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub struct Winsize {
    pub rows: u16,
    pub cols: u16,
    pub xpixel: u16,
    pub ypixel: u16,
}

/// Terminal size of `fd`, or an error when it is not a terminal.
pub fn winsize(fd: i32) -> SysResult<Winsize> {
    let mut ws = Winsize::default();
    ioctl(fd, TIOCGWINSZ, &mut ws as *mut Winsize as usize)?;
    Ok(ws)
}

/// `struct stat` as AArch64 Linux lays it out (asm-generic, 128 bytes).
#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub struct Stat {
    pub dev: u64,
    pub ino: u64,
    pub mode: u32,
    pub nlink: u32,
    pub uid: u32,
    pub gid: u32,
    pub rdev: u64,
    _pad1: u64,
    pub size: i64,
    pub blksize: i32,
    _pad2: i32,
    pub blocks: i64,
    pub atime: i64,
    pub atime_nsec: i64,
    pub mtime: i64,
    pub mtime_nsec: i64,
    pub ctime: i64,
    pub ctime_nsec: i64,
    _unused: [u32; 2],
}

impl Stat {
    pub fn is_dir(&self) -> bool {
        self.mode & S_IFMT == S_IFDIR
    }
    pub fn is_file(&self) -> bool {
        self.mode & S_IFMT == S_IFREG
    }
}

pub fn fstat(fd: i32) -> SysResult<Stat> {
    let mut st = Stat::default();
    call(nr::FSTAT, [fd as usize, &mut st as *mut Stat as usize, 0, 0, 0, 0])?;
    Ok(st)
}

pub fn fstatat(dirfd: i32, path: &str, flags: usize) -> SysResult<Stat> {
    let mut st = Stat::default();
    with_cpath(path, |p| call(nr::NEWFSTATAT, [dirfd as usize, p, &mut st as *mut Stat as usize, flags, 0, 0]))?;
    Ok(st)
}

/// stat(2): follows symbolic links.
pub fn stat(path: &str) -> SysResult<Stat> {
    fstatat(AT_FDCWD, path, 0)
}

/// lstat(2): describes a symbolic link itself.
pub fn lstat(path: &str) -> SysResult<Stat> {
    fstatat(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW)
}

/// The target of symbolic link `path`, written into `buf`.
pub fn readlink<'a>(path: &str, buf: &'a mut [u8]) -> SysResult<&'a str> {
    let n = with_cpath(path, |p| {
        call(nr::READLINKAT, [AT_FDCWD as usize, p, buf.as_mut_ptr() as usize, buf.len(), 0, 0])
    })?;
    core::str::from_utf8(&buf[..n]).map_err(|_| Errno::EINVAL)
}

/// Fill `buf` with `struct linux_dirent64` records; 0 means end of directory.
pub fn getdents64(fd: i32, buf: &mut [u8]) -> SysResult<usize> {
    call(nr::GETDENTS64, [fd as usize, buf.as_mut_ptr() as usize, buf.len(), 0, 0, 0])
}

pub fn mkdirat(dirfd: i32, path: &str, mode: usize) -> SysResult<()> {
    with_cpath(path, |p| call(nr::MKDIRAT, [dirfd as usize, p, mode, 0, 0, 0])).map(drop)
}

pub fn mkdir(path: &str, mode: usize) -> SysResult<()> {
    mkdirat(AT_FDCWD, path, mode)
}

pub fn unlinkat(dirfd: i32, path: &str, flags: usize) -> SysResult<()> {
    with_cpath(path, |p| call(nr::UNLINKAT, [dirfd as usize, p, flags, 0, 0, 0])).map(drop)
}

pub fn unlink(path: &str) -> SysResult<()> {
    unlinkat(AT_FDCWD, path, 0)
}

pub fn rmdir(path: &str) -> SysResult<()> {
    unlinkat(AT_FDCWD, path, AT_REMOVEDIR)
}

pub fn rename(from: &str, to: &str) -> SysResult<()> {
    with_cpath(from, |f| {
        with_cpath(to, |t| call(nr::RENAMEAT, [AT_FDCWD as usize, f, AT_FDCWD as usize, t, 0, 0]))
    })
    .map(drop)
}

/// The current directory, written into `buf`.
pub fn getcwd(buf: &mut [u8]) -> SysResult<&str> {
    // Linux returns the length including the NUL, older interfaces the
    // pointer: find the terminator rather than trust either.
    call(nr::GETCWD, [buf.as_mut_ptr() as usize, buf.len(), 0, 0, 0, 0])?;
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    core::str::from_utf8(&buf[..len]).map_err(|_| Errno::EINVAL)
}

pub fn chdir(path: &str) -> SysResult<()> {
    with_cpath(path, |p| call(nr::CHDIR, [p, 0, 0, 0, 0, 0])).map(drop)
}

// ---- memory ------------------------------------------------------------

/// brk(2) as the kernel implements it: returns the (new) program break.
/// `brk(0)` asks for the current break. On failure Linux returns the old
/// break unchanged, so callers compare the result with what they asked for.
pub fn brk(addr: usize) -> usize {
    unsafe { syscall(nr::BRK, addr, 0, 0, 0, 0, 0) as usize }
}

pub fn mmap(addr: usize, len: usize, prot: usize, flags: usize, fd: i32, offset: usize) -> SysResult<*mut u8> {
    call(nr::MMAP, [addr, len, prot, flags, fd as usize, offset]).map(|a| a as *mut u8)
}

pub fn munmap(addr: *mut u8, len: usize) -> SysResult<()> {
    call(nr::MUNMAP, [addr as usize, len, 0, 0, 0, 0]).map(drop)
}

pub fn mprotect(addr: *mut u8, len: usize, prot: usize) -> SysResult<()> {
    call(nr::MPROTECT, [addr as usize, len, prot, 0, 0, 0]).map(drop)
}

// ---- processes, time, misc -------------------------------------------

/// End the process (all threads) with `code`.
pub fn exit_group(code: i32) -> ! {
    unsafe {
        syscall(nr::EXIT_GROUP, code as usize, 0, 0, 0, 0, 0);
        // exit_group cannot return; if a broken kernel lets it, stop here.
        loop {
            asm!("udf #0", options(nomem, nostack));
        }
    }
}

pub fn getpid() -> i32 {
    unsafe { syscall(nr::GETPID, 0, 0, 0, 0, 0, 0) as i32 }
}

pub fn getppid() -> i32 {
    unsafe { syscall(nr::GETPPID, 0, 0, 0, 0, 0, 0) as i32 }
}

pub fn kill(pid: i32, sig: i32) -> SysResult<()> {
    call(nr::KILL, [pid as usize, sig as usize, 0, 0, 0, 0]).map(drop)
}

pub fn sched_yield() {
    let _ = call(nr::SCHED_YIELD, [0; 6]);
}

#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Timespec {
    pub sec: i64,
    pub nsec: i64,
}

impl Timespec {
    pub fn as_nanos(&self) -> u64 {
        (self.sec as u64).wrapping_mul(1_000_000_000).wrapping_add(self.nsec as u64)
    }
    pub fn from_nanos(ns: u64) -> Timespec {
        Timespec { sec: (ns / 1_000_000_000) as i64, nsec: (ns % 1_000_000_000) as i64 }
    }
}

pub fn clock_gettime(clock: usize) -> SysResult<Timespec> {
    let mut ts = Timespec::default();
    call(nr::CLOCK_GETTIME, [clock, &mut ts as *mut Timespec as usize, 0, 0, 0, 0])?;
    Ok(ts)
}

/// Sleep for `req`; on EINTR returns the time left.
pub fn nanosleep(req: &Timespec) -> Result<(), (Errno, Timespec)> {
    let mut rem = Timespec::default();
    match call(nr::NANOSLEEP, [req as *const Timespec as usize, &mut rem as *mut Timespec as usize, 0, 0, 0, 0]) {
        Ok(_) => Ok(()),
        Err(e) => Err((e, rem)),
    }
}

/// `struct utsname`: six NUL-terminated 65-byte fields.
#[repr(C)]
pub struct Utsname {
    pub sysname: [u8; 65],
    pub nodename: [u8; 65],
    pub release: [u8; 65],
    pub version: [u8; 65],
    pub machine: [u8; 65],
    pub domainname: [u8; 65],
}

/// The text of one utsname field, up to its NUL.
pub fn field_str(field: &[u8]) -> &str {
    let len = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    core::str::from_utf8(&field[..len]).unwrap_or("?")
}

pub fn uname() -> SysResult<Utsname> {
    let mut u = Utsname {
        sysname: [0; 65],
        nodename: [0; 65],
        release: [0; 65],
        version: [0; 65],
        machine: [0; 65],
        domainname: [0; 65],
    };
    call(nr::UNAME, [&mut u as *mut Utsname as usize, 0, 0, 0, 0, 0])?;
    Ok(u)
}

pub fn getrandom(buf: &mut [u8], flags: usize) -> SysResult<usize> {
    call(nr::GETRANDOM, [buf.as_mut_ptr() as usize, buf.len(), flags, 0, 0, 0])
}
