/** Linux AArch64 (asm-generic) constants of the file interface: open flags, modes, *at flags. */

// open(2) flags as arm64 defines them (O_DIRECTORY/O_NOFOLLOW differ from x86).
export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_ASYNC = 0o20000;
export const O_DIRECTORY = 0o40000;
export const O_NOFOLLOW = 0o100000;
export const O_DIRECT = 0o200000;
export const O_LARGEFILE = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20000000 | O_DIRECTORY;

/** Status flags F_SETFL may change. */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

// File types in st_mode.
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

// d_type values of getdents64.
export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_SOCK = 12;
export const DT_CHR = 2;
export const DT_DIR = 4;
export const DT_REG = 8;
export const DT_LNK = 10;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_EACCESS = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;

export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

// access(2) modes.
export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

export const PIPE_BUF = 4096;
export const PIPE_CAPACITY = 65536;
export const NAME_MAX = 255;
export const PATH_MAX = 4096;
/** Linux caps one read/write at this many bytes. */
export const MAX_RW_COUNT = 0x7ffff000;

/** Linux's new_encode_dev: the st_dev/st_rdev encoding of (major, minor). */
export function makedev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}

export type InodeType = 'dir' | 'reg' | 'lnk' | 'chr' | 'fifo';

export const TYPE_BITS: Readonly<Record<InodeType, number>> = {
  dir: S_IFDIR, reg: S_IFREG, lnk: S_IFLNK, chr: S_IFCHR, fifo: S_IFIFO,
};
export const DTYPE: Readonly<Record<InodeType, number>> = {
  dir: DT_DIR, reg: DT_REG, lnk: DT_LNK, chr: DT_CHR, fifo: DT_FIFO,
};
