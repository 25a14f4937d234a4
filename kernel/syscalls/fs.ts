/**
 * File system calls: the fd table, reads and writes, paths, directories, pipes, terminals.
 * Handlers take the calling process as FsProcess (the core's Process implements it) and find the
 * Vfs at ctx.kernel.vfs; SIGPIPE goes through ctx.kernel.signals. Calls that wait (pipes,
 * terminals, host input) park on a queue with ctx.block() and are re-run when woken, so nothing
 * here has a side effect before it decides to block.
 */

import { Errno, SyscallError } from '../errno.js';
import {
  AT_EACCESS, AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_SYMLINK_NOFOLLOW,
  O_CLOEXEC, O_DIRECT, O_NONBLOCK, PATH_MAX, PIPE_CAPACITY, SETFL_MASK,
  O_ACCMODE, O_APPEND, O_ASYNC, O_CREAT, O_DIRECTORY, O_DSYNC, O_EXCL, O_LARGEFILE, O_NOATIME, O_NOCTTY, O_NOFOLLOW, O_PATH,
  O_RDONLY, O_SYNC, O_TMPFILE, O_TRUNC,
} from '../fs/constants.js';
import { DirFile, RegularFile } from '../fs/file.js';
import { FileInode, permits, type Inode, type Stat } from '../fs/inode.js';
import { MEMFD_DEV, createMemfd } from '../fs/memfd.js';
import { MemFile, SEAL_FUTURE_WRITE, SEAL_GROW, SEAL_SEAL, SEAL_SHRINK, SEAL_WRITE } from '../fs/memfs.js';
import { PipeReader, PipeWriter, createPipe } from '../fs/pipe.js';
import { HostInput } from '../fs/stdio.js';
import { FIONREAD, TtyFile } from '../fs/tty.js';
import { RESOLVE_BENEATH, RESOLVE_CACHED, RESOLVE_IN_ROOT, RESOLVE_NO_MAGICLINKS, RESOLVE_NO_SYMLINKS, RESOLVE_NO_XDEV, Vfs, pathSeenFrom } from '../fs/vfs.js';
import { BLOCKED, type SyscallContext, type SyscallResult } from './context.js';
import { FS_IO_SYSCALLS } from './fs-io.js';
import { checkFsize, fsizeAllowed } from './fsize.js';
import { F_GETLK, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_SETLK, F_SETLKW, NR_flock, closedBy, fcntlLock, flock } from './locks.js';
import { STATFS_SYSCALLS } from './statfs.js';
import { CHROOT_SYSCALLS } from './chroot.js';
import { XATTR_SYSCALLS } from './xattr.js';
import { INOTIFY_SYSCALLS } from './inotify.js';
import { IN_ACCESS, IN_ATTRIB, IN_MODIFY, notifyFile, type Dentry } from '../fs/fsnotify.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

import {
  CHUNK, STAT_SIZE, STATX_SIZE, baseOf, count, files, gatherFrom, pathArg, readFrom, readIovecs, readable, scatter,
  vfsOf, writable, writeTo, type Ctx, type Handler,
} from './fs-common.js';

export type { FsKernel, FsSyscallProcess } from './fs-common.js';

// ioctl and fcntl numbers.
const FIONBIO = 0x5421;
const FIONCLEX = 0x5450;
const FIOCLEX = 0x5451;
const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_SETOWN = 8;
const F_GETOWN = 9;
const F_DUPFD_CLOEXEC = 1030;
const F_SETPIPE_SZ = 1031;
const F_GETPIPE_SZ = 1032;
const FD_CLOEXEC = 1;
const F_ADD_SEALS = 1033;
const F_GET_SEALS = 1034;

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

// Numbers not in the shared table.
const NR_truncate = 45;
const NR_fchdir = 50;
const NR_fchmod = 52;
const NR_utimensat = 88;
const NR_faccessat2 = 439;
const NR_fchown = 55;
const NR_close_range = 436;
const NR_memfd_create = 279;

// ------------------------------------------------------------------ read and write
const read: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  return readFrom(ctx, f, n, (d) => d.length && ctx.mem.write(buf, d));
};

const write: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  return writeTo(ctx, f, n, (off, len) => ctx.mem.read(buf + off, len));
};

const readv: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  const total = iovs.reduce((s, v) => s + v.len, 0);
  return readFrom(ctx, f, total, (d) => scatter(ctx, iovs, d));
};

const writev: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  const total = iovs.reduce((s, v) => s + v.len, 0);
  return writeTo(ctx, f, total, gatherFrom(ctx, iovs));
};

const pread64: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  const off = ctx.args.i64(3);
  if (off < 0) throw new SyscallError(Errno.EINVAL);
  const data = f.pread(off, n);
  if (data.length) ctx.mem.write(buf, data);
  return data.length;
};

const pwrite64: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  let n = count(ctx, 2);
  const off = ctx.args.i64(3);
  if (off < 0) throw new SyscallError(Errno.EINVAL);
  if (!f.seekable) throw new SyscallError(Errno.ESPIPE);
  if (n === 0) return 0;
  n = fsizeAllowed(ctx, f, n, off);
  let done = 0;
  while (done < n) {
    let data: Uint8Array;
    try {
      data = ctx.mem.read(buf + done, Math.min(CHUNK, n - done));
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
    try {
      done += f.pwrite(off + done, data);
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
  }
  return done;
};

// ------------------------------------------------------------------ descriptors

const openat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const flags = ctx.args.int(2);
  const mode = ctx.args.u32(3);
  const file = vfsOf(ctx).openOrBlock(ctx.proc, baseOf(ctx, dirfd, path), path, flags, mode, 0, ctx);
  if (file === BLOCKED) return BLOCKED;
  try {
    return files(ctx).install(file, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    file.release();
    throw e;
  }
};

/** openat2's flags: what build_open_flags accepts (anything else is EINVAL, never ignored as openat does). */
const VALID_OPEN_FLAGS = O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC | O_DIRECT |
  O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE | O_SYNC;
const O_PATH_FLAGS = O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
const VALID_RESOLVE = RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED;
const OPEN_HOW_SIZE_VER0 = 24;

/**
 * openat2(dirfd, path, struct open_how *, size): openat with strict flags and mode, and the
 * RESOLVE_* restrictions on how the path may be resolved (Vfs.lookup applies them). The
 * structure may be larger than this kernel's (extensible struct): extra bytes must be zero (E2BIG).
 */
const openat2: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const howAddr = ctx.args.u64(2);
  const size = ctx.args.u64(3);
  if (size < OPEN_HOW_SIZE_VER0) throw new SyscallError(Errno.EINVAL);
  if (size > 4096) throw new SyscallError(Errno.E2BIG);
  const how = Buffer.from(ctx.mem.read(howAddr, size));
  if (how.subarray(OPEN_HOW_SIZE_VER0).some((b) => b !== 0)) throw new SyscallError(Errno.E2BIG);
  const flags64 = how.readBigUInt64LE(0);
  const mode64 = how.readBigUInt64LE(8);
  const resolve64 = how.readBigUInt64LE(16);
  if (flags64 & ~BigInt(VALID_OPEN_FLAGS)) throw new SyscallError(Errno.EINVAL);
  if (resolve64 & ~BigInt(VALID_RESOLVE)) throw new SyscallError(Errno.EINVAL);
  const flags = Number(flags64);
  const resolve = Number(resolve64);
  if (resolve & RESOLVE_BENEATH && resolve & RESOLVE_IN_ROOT) throw new SyscallError(Errno.EINVAL);
  const creates = (flags & O_CREAT) !== 0 || (flags & O_TMPFILE) === O_TMPFILE;
  if (creates ? mode64 & ~0o7777n : mode64 !== 0n) throw new SyscallError(Errno.EINVAL);
  if (flags & 0o20000000 && (flags & O_TMPFILE) !== O_TMPFILE) throw new SyscallError(Errno.EINVAL);
  if ((flags & O_TMPFILE) === O_TMPFILE && (flags & O_ACCMODE) === O_RDONLY) throw new SyscallError(Errno.EINVAL);
  if (flags & O_PATH && flags & ~O_PATH_FLAGS) throw new SyscallError(Errno.EINVAL);
  if (resolve & RESOLVE_CACHED && flags & (O_TRUNC | O_CREAT | 0o20000000)) throw new SyscallError(Errno.EAGAIN);
  const path = pathArg(ctx, 1);
  let base: string | undefined;
  if (resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT)) {
    // A scoped lookup is relative to dirfd even for an absolute path.
    if (dirfd === AT_FDCWD) base = ctx.proc.cwd;
    else {
      const d = files(ctx).get(dirfd);
      if (!(d instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
      base = d.path;
    }
  } else base = baseOf(ctx, dirfd, path);
  const file = vfsOf(ctx).openOrBlock(ctx.proc, base, path, flags, Number(mode64), resolve, ctx);
  if (file === BLOCKED) return BLOCKED;
  try {
    return files(ctx).install(file, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    file.release();
    throw e;
  }
};

const close: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const f = files(ctx).get(fd);
  files(ctx).close(fd);
  closedBy(f, ctx.proc.pid);
  return 0;
};

const CLOSE_RANGE_UNSHARE = 2;
const CLOSE_RANGE_CLOEXEC = 4;

/** close_range(2); CLOSE_RANGE_UNSHARE acts on the caller's table as it is (shared or not). */
const closeRange: Handler = (ctx) => {
  const first = ctx.args.u32(0);
  const last = ctx.args.u32(1);
  const flags = ctx.args.u32(2);
  if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC) || first > last) throw new SyscallError(Errno.EINVAL);
  const t = files(ctx);
  for (const fd of t.fds()) {
    if (fd < first || fd > last) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) t.setCloexec(fd, true);
    else {
      const f = t.get(fd);
      t.close(fd);
      closedBy(f, ctx.proc.pid);
    }
  }
  return 0;
};

const MFD_CLOEXEC = 1;
const MFD_ALLOW_SEALING = 2;
const MFD_NOEXEC_SEAL = 8;
const MFD_EXEC = 0x10;

const memfdCreate: Handler = (ctx) => {
  const name = ctx.mem.readCString(ctx.args.u64(0), 250);
  const flags = ctx.args.u32(1);
  if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL | MFD_EXEC)) throw new SyscallError(Errno.EINVAL);
  if ((flags & MFD_NOEXEC_SEAL) && (flags & MFD_EXEC)) throw new SyscallError(Errno.EINVAL);
  const limit = (ctx.kernel as { processMemoryLimit?: number }).processMemoryLimit ?? 256 * 1024 * 1024;
  const file = createMemfd(name, (flags & (MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL)) !== 0, { uid: ctx.proc.uid ?? 0, gid: ctx.proc.gid ?? 0 }, limit);
  try {
    return files(ctx).install(file, (flags & MFD_CLOEXEC) !== 0);
  } catch (e) {
    file.release();
    throw e;
  }
};

const lseek: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  return f.seek(ctx.args.i64(1), ctx.args.int(2));
};

const dup: Handler = (ctx) => {
  const file = files(ctx).get(ctx.args.int(0)).retain();
  try {
    return files(ctx).install(file);
  } catch (e) {
    file.release();
    throw e;
  }
};

const dup3: Handler = (ctx) => {
  const oldfd = ctx.args.int(0);
  const newfd = ctx.args.int(1);
  const flags = ctx.args.int(2);
  if (flags & ~O_CLOEXEC) throw new SyscallError(Errno.EINVAL);
  const f = files(ctx).get(oldfd);
  if (oldfd === newfd) throw new SyscallError(Errno.EINVAL);
  if (newfd < 0 || newfd >= files(ctx).maxFds) throw new SyscallError(Errno.EBADF);
  files(ctx).installAt(newfd, f.retain(), (flags & O_CLOEXEC) !== 0);
  return newfd;
};

const pipe2: Handler = (ctx) => {
  const addr = ctx.args.u64(0);
  const flags = ctx.args.int(1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) throw new SyscallError(Errno.EINVAL);
  const [r, w] = createPipe(flags);
  const t = files(ctx);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  let rfd = -1;
  try {
    rfd = t.install(r, cloexec);
  } catch (e) {
    r.release();
    w.release();
    throw e;
  }
  let wfd: number;
  try {
    wfd = t.install(w, cloexec);
  } catch (e) {
    t.close(rfd);
    w.release();
    throw e;
  }
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setInt32(0, rfd, true);
  v.setInt32(4, wfd, true);
  try {
    ctx.mem.write(addr, out);
  } catch (e) {
    t.close(rfd);
    t.close(wfd);
    throw e;
  }
  return 0;
};

const fcntl: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const cmd = ctx.args.int(1);
  const t = files(ctx);
  const f = t.get(fd);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      const min = ctx.args.int(2);
      if (min < 0 || min >= t.maxFds) throw new SyscallError(Errno.EINVAL);
      const file = f.retain();
      try {
        return t.install(file, cmd === F_DUPFD_CLOEXEC, min);
      } catch (e) {
        file.release();
        throw e;
      }
    }
    case F_GETFD:
      return t.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      t.setCloexec(fd, (ctx.args.int(2) & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return f.flags;
    case F_SETFL:
      f.flags = (f.flags & ~SETFL_MASK) | (ctx.args.int(2) & SETFL_MASK);
      return 0;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
      return fcntlLock(ctx, fd, cmd);
    case F_ADD_SEALS: {
      const node = f.inode;
      if (!(node instanceof MemFile) || node.dev !== MEMFD_DEV || !(f instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
      const seals = ctx.args.u32(2);
      if (seals & ~(SEAL_SEAL | SEAL_SHRINK | SEAL_GROW | SEAL_WRITE | SEAL_FUTURE_WRITE)) throw new SyscallError(Errno.EINVAL);
      if (!f.writable) throw new SyscallError(Errno.EPERM);
      if (node.seals & SEAL_SEAL) throw new SyscallError(Errno.EPERM);
      node.seals |= seals;
      return 0;
    }
    case F_GET_SEALS: {
      const node = f.inode;
      if (!(node instanceof MemFile) || node.dev !== MEMFD_DEV) throw new SyscallError(Errno.EINVAL);
      return node.seals;
    }
    case F_SETOWN:
      return 0;
    case F_GETOWN:
      return 0;
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
      if (!(f instanceof PipeReader || f instanceof PipeWriter)) throw new SyscallError(Errno.EBADF);
      return PIPE_CAPACITY;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
};

const ioctl: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const req = ctx.args.u32(1);
  const arg = ctx.args.u64(2);
  const t = files(ctx);
  const f = t.get(fd);
  switch (req) {
    case FIONBIO:
      if (ctx.mem.readU32(arg)) f.flags |= O_NONBLOCK;
      else f.flags &= ~O_NONBLOCK;
      return 0;
    case FIOCLEX:
    case FIONCLEX:
      t.setCloexec(fd, req === FIOCLEX);
      return 0;
    case FIONREAD:
      if (f instanceof RegularFile || f instanceof PipeReader || f instanceof PipeWriter || f instanceof HostInput) {
        ctx.mem.writeU32(arg, Math.min(f.available(), 0x7fffffff));
        return 0;
      }
      break;
  }
  if (f instanceof TtyFile && ctx.kernel.ttyIoctl) {
    const r = ctx.kernel.ttyIoctl(ctx.proc as never, f.tty, req, arg, ctx);
    if (r !== null) return r;
  }
  return f.ioctl(req, arg, ctx);
};

// ------------------------------------------------------------------ metadata

function encodeStat(s: Stat): Uint8Array {
  const b = new Uint8Array(STAT_SIZE);
  const v = new DataView(b.buffer);
  const u64 = (off: number, n: number): void => v.setBigUint64(off, BigInt(Math.max(0, Math.floor(n))), true);
  const time = (off: number, ms: number): void => {
    const sec = Math.floor(ms / 1000);
    v.setBigInt64(off, BigInt(sec), true);
    v.setBigUint64(off + 8, BigInt(Math.round((ms - sec * 1000) * 1e6) % 1e9), true);
  };
  u64(0, s.dev);
  u64(8, s.ino);
  v.setUint32(16, s.mode, true);
  v.setUint32(20, s.nlink, true);
  v.setUint32(24, s.uid, true);
  v.setUint32(28, s.gid, true);
  u64(32, s.rdev);
  u64(48, s.size);
  v.setInt32(56, s.blksize, true);
  u64(64, s.blocks);
  time(72, s.atimeMs);
  time(88, s.mtimeMs);
  time(104, s.ctimeMs);
  return b;
}

function encodeStatx(s: Stat): Uint8Array {
  const b = new Uint8Array(STATX_SIZE);
  const v = new DataView(b.buffer);
  const time = (off: number, ms: number): void => {
    const sec = Math.floor(ms / 1000);
    v.setBigInt64(off, BigInt(sec), true);
    v.setUint32(off + 8, Math.round((ms - sec * 1000) * 1e6) % 1e9, true);
  };
  v.setUint32(0, 0x7ff, true); // STATX_BASIC_STATS
  v.setUint32(4, s.blksize, true);
  v.setUint32(16, s.nlink, true);
  v.setUint32(20, s.uid, true);
  v.setUint32(24, s.gid, true);
  v.setUint16(28, s.mode, true);
  v.setBigUint64(32, BigInt(s.ino), true);
  v.setBigUint64(40, BigInt(s.size), true);
  v.setBigUint64(48, BigInt(s.blocks), true);
  time(64, s.atimeMs);
  time(80, s.ctimeMs); // btime: creation time is not kept; ctime stands in
  time(96, s.ctimeMs);
  time(112, s.mtimeMs);
  const major = (d: number): number => ((d >> 8) & 0xfff);
  const minor = (d: number): number => (d & 0xff) | ((d >> 12) & 0xfff00);
  v.setUint32(128, major(s.rdev), true);
  v.setUint32(132, minor(s.rdev), true);
  v.setUint32(136, major(s.dev), true);
  v.setUint32(140, minor(s.dev), true);
  return b;
}

/** stat of (dirfd, path, flags) as the *at calls define it (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW). */
function statOf(ctx: Ctx, dirfd: number, pathAddr: number, flags: number): Stat {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | 0x6000 /* AT_STATX_SYNC_TYPE */)) {
    throw new SyscallError(Errno.EINVAL);
  }
  const path = ctx.mem.readCString(pathAddr, PATH_MAX);
  if (path === '' && (flags & AT_EMPTY_PATH)) {
    if (dirfd === AT_FDCWD) return vfsOf(ctx).statAt(ctx.proc, undefined, ctx.proc.cwd, true);
    return files(ctx).get(dirfd).stat();
  }
  return vfsOf(ctx).statAt(ctx.proc, baseOf(ctx, dirfd, path), path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

const newfstatat: Handler = (ctx) => {
  const s = statOf(ctx, ctx.args.int(0), ctx.args.u64(1), ctx.args.int(3));
  ctx.mem.write(ctx.args.u64(2), encodeStat(s));
  return 0;
};

const fstat: Handler = (ctx) => {
  const s = files(ctx).get(ctx.args.int(0)).stat();
  ctx.mem.write(ctx.args.u64(1), encodeStat(s));
  return 0;
};

const statx: Handler = (ctx) => {
  const s = statOf(ctx, ctx.args.int(0), ctx.args.u64(1), ctx.args.int(2));
  ctx.mem.write(ctx.args.u64(4), encodeStatx(s));
  return 0;
};

const getdents64: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const addr = ctx.args.u64(1);
  const size = count(ctx, 2);
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  const entries = f.readdir(f.offset);
  const out = new Uint8Array(Math.min(size, 1 << 20));
  const v = new DataView(out.buffer);
  let pos = 0;
  let taken = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (pos + reclen > out.length) break;
    v.setBigUint64(pos, BigInt(e.ino), true);
    v.setBigInt64(pos + 8, BigInt(f.offset + taken + 1), true);
    v.setUint16(pos + 16, reclen, true);
    out[pos + 18] = e.type;
    out.set(name, pos + 19);
    pos += reclen;
    taken++;
  }
  if (taken === 0 && entries.length > 0) throw new SyscallError(Errno.EINVAL);
  if (pos > 0) ctx.mem.write(addr, out.subarray(0, pos));
  f.offset += taken;
  return pos;
};

// ------------------------------------------------------------------ names

const mkdirat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  vfsOf(ctx).mkdirAt(ctx.proc, baseOf(ctx, dirfd, path), path, ctx.args.u32(2));
  return 0;
};

/** mknodat(dirfd, path, mode, dev): glibc's mkfifo and mknod both come here. */
const mknodat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  vfsOf(ctx).mknodAt(ctx.proc, baseOf(ctx, dirfd, path), path, ctx.args.u32(2));
  return 0;
};

const unlinkat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const flags = ctx.args.int(2);
  if (flags & ~AT_REMOVEDIR) throw new SyscallError(Errno.EINVAL);
  vfsOf(ctx).unlinkAt(ctx.proc, baseOf(ctx, dirfd, path), path, (flags & AT_REMOVEDIR) !== 0);
  return 0;
};

function rename(ctx: Ctx, flags: number): number {
  const oldfd = ctx.args.int(0);
  const oldPath = pathArg(ctx, 1);
  const newfd = ctx.args.int(2);
  const newPath = pathArg(ctx, 3);
  vfsOf(ctx).renameAt(ctx.proc, baseOf(ctx, oldfd, oldPath), oldPath, baseOf(ctx, newfd, newPath), newPath, flags);
  return 0;
}

const renameat: Handler = (ctx) => rename(ctx, 0);
const renameat2: Handler = (ctx) => rename(ctx, ctx.args.u32(4));

const symlinkat: Handler = (ctx) => {
  const target = pathArg(ctx, 0);
  const dirfd = ctx.args.int(1);
  const path = pathArg(ctx, 2);
  vfsOf(ctx).symlinkAt(ctx.proc, target, baseOf(ctx, dirfd, path), path);
  return 0;
};

const linkat: Handler = (ctx) => {
  const oldfd = ctx.args.int(0);
  const oldPath = pathArg(ctx, 1);
  const newfd = ctx.args.int(2);
  const newPath = ctx.mem.readCString(ctx.args.u64(3), PATH_MAX);
  const flags = ctx.args.int(4);
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) throw new SyscallError(Errno.EINVAL);
  if (newPath === '') throw new SyscallError(Errno.ENOENT);
  const vfs = vfsOf(ctx);
  if (oldPath === '' && (flags & AT_EMPTY_PATH)) {
    // Linux: AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH; the file is the fd's own.
    if ((ctx.proc.uid ?? 0) !== 0) throw new SyscallError(Errno.ENOENT);
    const node = oldfd === AT_FDCWD ? undefined : files(ctx).get(oldfd).inode;
    if (!node) throw new SyscallError(oldfd === AT_FDCWD ? Errno.EPERM : Errno.ENOENT);
    vfs.linkNode(ctx.proc, node, baseOf(ctx, newfd, newPath), newPath);
    return 0;
  }
  vfs.linkAt(ctx.proc, baseOf(ctx, oldfd, oldPath), oldPath, baseOf(ctx, newfd, newPath), newPath, (flags & AT_SYMLINK_FOLLOW) !== 0);
  return 0;
};

const readlinkat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const buf = ctx.args.u64(2);
  const size = ctx.args.int(3);
  if (size <= 0) throw new SyscallError(Errno.EINVAL);
  const target = Buffer.from(vfsOf(ctx).readlinkAt(ctx.proc, baseOf(ctx, dirfd, path), path));
  const n = Math.min(size, target.length);
  ctx.mem.write(buf, target.subarray(0, n));
  return n;
};

function access(ctx: Ctx, flags: number): number {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const mode = ctx.args.int(2);
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SyscallError(Errno.EINVAL);
  vfsOf(ctx).accessAt(ctx.proc, baseOf(ctx, dirfd, path), path, mode, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  return 0;
}

const faccessat: Handler = (ctx) => access(ctx, 0);
const faccessat2: Handler = (ctx) => access(ctx, ctx.args.int(3));

const getcwd: Handler = (ctx) => {
  const buf = ctx.args.u64(0);
  const size = ctx.args.u64(1);
  // Under chroot, the path from the process's root; a cwd outside it is "(unreachable)/..." as on Linux.
  const cwd = ctx.proc.cwd;
  const bytes = Buffer.from((pathSeenFrom(ctx.proc.root, cwd) ?? '(unreachable)' + cwd) + '\0');
  if (size < bytes.length) throw new SyscallError(Errno.ERANGE);
  ctx.mem.write(buf, bytes);
  return bytes.length;
};

const chdir: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  vfsOf(ctx).chdir(ctx.proc, path);
  return 0;
};

const fchdir: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  // f.path is from the machine's root: as a base it resolves the same inside a chroot.
  vfsOf(ctx).chdir(ctx.proc, '.', f.path);
  return 0;
};

const fchmodat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  vfsOf(ctx).chmodAt(ctx.proc, baseOf(ctx, dirfd, path), path, ctx.args.u32(2));
  return 0;
};

const fchmod: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (!(f instanceof RegularFile || f instanceof DirFile)) throw new SyscallError(Errno.EPERM);
  vfsOf(ctx).chmodAt(ctx.proc, undefined, f.path, ctx.args.u32(1));
  return 0;
};

/** The caller's supplementary groups (the core's thread answers through its process). */
function groupsOf(ctx: Ctx): readonly number[] {
  const p = ctx.proc as { groups?: readonly number[]; process?: { groups?: readonly number[] } };
  return p.groups ?? p.process?.groups ?? [];
}

/** The uid/gid arguments of the chown calls: -1 (as u32) means "leave it". */
function chownTo(ctx: Ctx, node: Inode, uidArg: number, gidArg: number, at: Dentry | null): number {
  vfsOf(ctx).chown(ctx.proc, node, uidArg === 0xffffffff ? -1 : uidArg, gidArg === 0xffffffff ? -1 : gidArg, groupsOf(ctx), at);
  return 0;
}

const fchownat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const flags = ctx.args.int(4);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SyscallError(Errno.EINVAL);
  let node: Inode | undefined;
  let at: Dentry | null = null;
  if (path === '' && (flags & AT_EMPTY_PATH)) {
    const f = dirfd === AT_FDCWD ? null : files(ctx).get(dirfd);
    node = f ? f.inode ?? undefined : vfsOf(ctx).lookup(ctx.proc, ctx.proc.cwd, { follow: true }).node;
    at = f?.dentry ?? null;
    if (!node) throw new SyscallError(Errno.EBADF);
  } else {
    const r = vfsOf(ctx).lookup(ctx.proc, path, { follow: (flags & AT_SYMLINK_NOFOLLOW) === 0, base: baseOf(ctx, dirfd, path) });
    node = r.node;
    if (!node) throw new SyscallError(Errno.ENOENT);
    at = vfsOf(ctx).dentryOf(r);
  }
  return chownTo(ctx, node, ctx.args.u32(2), ctx.args.u32(3), at);
};

const fchown: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (f.flags & 0o10000000 /* O_PATH */) throw new SyscallError(Errno.EBADF);
  const node = f.inode;
  if (!node) throw new SyscallError(Errno.EPERM);
  return chownTo(ctx, node, ctx.args.u32(1), ctx.args.u32(2), f.dentry);
};

const utimensat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const pathAddr = ctx.args.u64(1);
  const timesAddr = ctx.args.u64(2);
  const flags = ctx.args.int(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SyscallError(Errno.EINVAL);
  let node: Inode | null | undefined;
  let at: Dentry | null = null;
  const ofFd = (): Inode | null | undefined => {
    if (dirfd === AT_FDCWD) return vfsOf(ctx).lookup(ctx.proc, ctx.proc.cwd, { follow: true }).node;
    const f = files(ctx).get(dirfd);
    at = f.dentry;
    return f.inode;
  };
  if (pathAddr === 0) {
    // Linux's futimens form: the fd itself (AT_SYMLINK_NOFOLLOW makes no sense there).
    if (flags & AT_SYMLINK_NOFOLLOW) throw new SyscallError(Errno.EINVAL);
    node = ofFd();
  } else {
    const path = ctx.mem.readCString(pathAddr, PATH_MAX);
    if (path === '' && (flags & AT_EMPTY_PATH)) node = ofFd();
    else {
      const r = vfsOf(ctx).lookup(ctx.proc, path, { follow: (flags & AT_SYMLINK_NOFOLLOW) === 0, base: baseOf(ctx, dirfd, path) });
      node = r.node;
      if (!node) throw new SyscallError(Errno.ENOENT);
      at = vfsOf(ctx).dentryOf(r);
    }
  }
  const now = Date.now();
  let atime: number | null = now;
  let mtime: number | null = now;
  let explicit = false;
  if (timesAddr !== 0) {
    const raw = ctx.mem.read(timesAddr, 32);
    const v = new DataView(raw.buffer, raw.byteOffset, 32);
    const ts = (off: number): number | null => {
      const nsec = Number(v.getBigInt64(off + 8, true));
      if (nsec === UTIME_NOW) return now;
      if (nsec === UTIME_OMIT) return null;
      if (nsec < 0 || nsec >= 1e9) throw new SyscallError(Errno.EINVAL);
      explicit = true;
      return Number(v.getBigInt64(off, true)) * 1000 + nsec / 1e6;
    };
    atime = ts(0);
    mtime = ts(16);
  }
  if (!node) return 0;
  if (atime === null && mtime === null) return 0;
  // Explicit times: the owner (or root). "Now": the owner or anyone who may write the file.
  const uid = ctx.proc.uid ?? 0;
  if (uid !== 0 && uid !== node.uid) {
    if (explicit) throw new SyscallError(Errno.EPERM);
    if (!permits(node, 2 /* W_OK */, { uid, gid: ctx.proc.gid ?? 0 })) throw new SyscallError(Errno.EACCES);
  }
  if (atime !== null) node.atimeMs = atime;
  if (mtime !== null) node.mtimeMs = mtime;
  node.ctimeMs = now;
  node.persistMeta();
  // Linux's fsnotify_change: both times is IN_ATTRIB, the access time alone IN_ACCESS, the modification time alone IN_MODIFY.
  notifyFile(node, atime !== null && mtime !== null ? IN_ATTRIB : atime !== null ? IN_ACCESS : IN_MODIFY, at);
  return 0;
};

// ------------------------------------------------------------------ data integrity

function regularWritable(ctx: Ctx, fd: number): RegularFile {
  const f = files(ctx).get(fd);
  if (!(f instanceof RegularFile) || !f.writable) throw new SyscallError(Errno.EINVAL);
  return f;
}

const ftruncate: Handler = (ctx) => {
  const f = regularWritable(ctx, ctx.args.int(0));
  const len = ctx.args.i64(1);
  if (len < 0) throw new SyscallError(Errno.EINVAL);
  checkFsize(ctx, f.node.size(), len);
  f.truncate(len);
  return 0;
};

const truncate: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  const len = ctx.args.i64(1);
  if (len < 0) throw new SyscallError(Errno.EINVAL);
  // truncate(2) does not open the file (no IN_OPEN/IN_CLOSE_WRITE for inotify): the open checks by hand.
  const vfs = vfsOf(ctx);
  const r = vfs.lookup(ctx.proc, path, { follow: true, base: ctx.proc.cwd });
  const node = r.node;
  if (!node) throw new SyscallError(Errno.ENOENT);
  if (node.type === 'dir') throw new SyscallError(Errno.EISDIR);
  if (!(node instanceof FileInode)) throw new SyscallError(Errno.EINVAL);
  if (!permits(node, 2 /* W_OK */, { uid: ctx.proc.uid ?? 0, gid: ctx.proc.gid ?? 0 })) throw new SyscallError(Errno.EACCES);
  checkFsize(ctx, node.size(), len);
  node.truncate(len);
  notifyFile(node, IN_MODIFY, vfs.dentryOf(r));
  return 0;
};

const fsync: Handler = (ctx) => {
  files(ctx).get(ctx.args.int(0)).sync();
  return 0;
};

const sync: Handler = (ctx) => {
  const v = ctx.kernel?.vfs;
  if (v instanceof Vfs) v.sync();
  return 0;
};

export const FS_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR.openat2]: openat2,
  ...FS_IO_SYSCALLS,
  ...STATFS_SYSCALLS,
  ...CHROOT_SYSCALLS,
  ...XATTR_SYSCALLS,
  ...INOTIFY_SYSCALLS,
  [NR.read]: read,
  [NR.write]: write,
  [NR.readv]: readv,
  [NR.writev]: writev,
  [NR.pread64]: pread64,
  [NR.pwrite64]: pwrite64,
  [NR.openat]: openat,
  [NR.close]: close,
  [NR.lseek]: lseek,
  [NR.newfstatat]: newfstatat,
  [NR.fstat]: fstat,
  [NR.statx]: statx,
  [NR.getdents64]: getdents64,
  [NR.mknodat]: mknodat,
  [NR.mkdirat]: mkdirat,
  [NR.unlinkat]: unlinkat,
  [NR.renameat]: renameat,
  [NR.renameat2]: renameat2,
  [NR.symlinkat]: symlinkat,
  [NR.linkat]: linkat,
  [NR_fchown]: fchown,
  [NR_close_range]: closeRange,
  [NR_memfd_create]: memfdCreate,
  [NR_flock]: flock,
  [NR.readlinkat]: readlinkat,
  [NR.faccessat]: faccessat,
  [NR_faccessat2]: faccessat2,
  [NR.getcwd]: getcwd,
  [NR.chdir]: chdir,
  [NR_fchdir]: fchdir,
  [NR.fchmodat]: fchmodat,
  [NR_fchmod]: fchmod,
  [NR.fchownat]: fchownat,
  [NR_utimensat]: utimensat,
  [NR.dup]: dup,
  [NR.dup3]: dup3,
  [NR.pipe2]: pipe2,
  [NR.fcntl]: fcntl,
  [NR.ioctl]: ioctl,
  [NR.ftruncate]: ftruncate,
  [NR_truncate]: truncate,
  [NR.fsync]: fsync,
  [NR.fdatasync]: fsync,
  [NR.sync]: sync,
};
