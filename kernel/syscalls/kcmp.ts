/**
 * kcmp(2), pidfd_getfd(2), name_to_handle_at(2) and open_by_handle_at(2).
 *
 * kcmp compares kernel objects of two processes the caller may inspect: an open file
 * description, the address space, file table, fs state (cwd/root/umask), signal handlers. It
 * answers 0 for the same object, else 1 or 2 by a stable order of the objects (Linux orders
 * obfuscated pointers: only "same or not" means anything). Two processes that never did I/O or
 * used SEM_UNDO share "no I/O context" and "no undo list", so KCMP_IO and KCMP_SYSVSEM compare
 * equal, as on Linux for such processes; KCMP_EPOLL_TFD is EOPNOTSUPP (a kernel without that
 * comparison).
 *
 * pidfd_getfd duplicates another process's file descriptor into the caller (close-on-exec),
 * with ptrace's attach rule (same uids and gids, or root).
 *
 * The file systems here have no export operations: name_to_handle_at finds the file and then
 * says EOPNOTSUPP; open_by_handle_at needs CAP_DAC_READ_SEARCH (EPERM) and, for root, no handle
 * was ever issued, so every well-formed one is stale (ESTALE).
 */

import { Errno, SyscallError } from '../errno.js';
import { PidFd } from '../pidfd.js';
import { Vfs } from '../fs/vfs.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { targetOf } from './process-vm.js';
import { privileged } from './admin.js';

const KCMP_FILE = 0;
const KCMP_VM = 1;
const KCMP_FILES = 2;
const KCMP_FS = 3;
const KCMP_SIGHAND = 4;
const KCMP_IO = 5;
const KCMP_SYSVSEM = 6;
const KCMP_EPOLL_TFD = 7;

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

function order(a: object, b: object): number {
  if (a === b) return 0;
  return idOf(a) < idOf(b) ? 1 : 2;
}

function kcmp(ctx: KernelContext): number {
  const p1 = targetOf(ctx, ctx.args.int(0));
  const p2 = targetOf(ctx, ctx.args.int(1));
  const type = ctx.args.int(2);
  switch (type) {
    case KCMP_FILE: {
      const fd1 = ctx.args.int(3);
      const fd2 = ctx.args.int(4);
      if (!p1.files.has(fd1) || !p2.files.has(fd2)) throw new SyscallError(Errno.EBADF);
      return order(p1.files.get(fd1), p2.files.get(fd2));
    }
    case KCMP_VM:
      return order(p1.mm, p2.mm);
    case KCMP_FILES:
      return order(p1.files, p2.files);
    case KCMP_FS:
      return order(p1.fs, p2.fs);
    case KCMP_SIGHAND:
      return order(p1.handlers, p2.handlers);
    case KCMP_IO:
    case KCMP_SYSVSEM:
      return 0;
    case KCMP_EPOLL_TFD:
      throw new SyscallError(Errno.ENOTSUP);
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

function pidfdGetfd(ctx: KernelContext): number {
  if (ctx.args.u32(2) !== 0) throw new SyscallError(Errno.EINVAL);
  const f = ctx.proc.files.get(ctx.args.int(0));
  if (!(f instanceof PidFd)) throw new SyscallError(Errno.EBADF);
  const target = f.target;
  if (target.exit) throw new SyscallError(Errno.ESRCH);
  targetOf(ctx, target.pid);
  const fd = ctx.args.int(1);
  if (!target.files.has(fd)) throw new SyscallError(Errno.EBADF);
  const file = target.files.get(fd).retain();
  try {
    return ctx.proc.files.install(file, true);
  } catch (e) {
    file.release();
    throw e;
  }
}

const AT_SYMLINK_FOLLOW = 0x400;
const AT_EMPTY_PATH = 0x1000;
const AT_HANDLE_FID = 0x200;
const AT_FDCWD = -100;
const MAX_HANDLE_SZ = 128;

function nameToHandleAt(ctx: KernelContext): number {
  const dirfd = ctx.args.int(0);
  const flags = ctx.args.int(4);
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH | AT_HANDLE_FID)) throw new SyscallError(Errno.EINVAL);
  const path = ctx.mem.readCString(ctx.args.u64(1), 4096);
  const vfs = ctx.kernel.vfs;
  if (!(vfs instanceof Vfs)) throw new SyscallError(Errno.ENOENT);
  if (path === '' && flags & AT_EMPTY_PATH) {
    if (dirfd !== AT_FDCWD) ctx.proc.files.get(dirfd);
  } else {
    let base: string | undefined;
    if (!path.startsWith('/') && dirfd !== AT_FDCWD) {
      const d = ctx.proc.files.get(dirfd) as { path?: string; inode?: { type?: string } };
      if (d.inode?.type !== 'dir' || !d.path) throw new SyscallError(Errno.ENOTDIR);
      base = d.path;
    }
    const r = vfs.lookup(ctx.proc, path, { follow: (flags & AT_SYMLINK_FOLLOW) !== 0, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
  }
  throw new SyscallError(Errno.ENOTSUP);
}

function openByHandleAt(ctx: KernelContext): number {
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  const mountFd = ctx.args.int(0);
  if (mountFd !== AT_FDCWD) ctx.proc.files.get(mountFd);
  const bytes = ctx.mem.readU32(ctx.args.u64(1));
  if (bytes === 0 || bytes > MAX_HANDLE_SZ) throw new SyscallError(Errno.EINVAL);
  ctx.mem.read(ctx.args.u64(1), 8 + bytes);
  throw new SyscallError(Errno.ESTALE);
}

export const KCMP_SYSCALLS: HandlerTable = {
  272: kcmp,
  438: pidfdGetfd,
  264: nameToHandleAt,
  265: openByHandleAt,
};
