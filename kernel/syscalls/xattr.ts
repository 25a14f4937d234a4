/**
 * The extended-attribute calls (getxattr, setxattr, listxattr, removexattr and their l- and f-
 * forms). akuma-vm's file systems keep no extended attributes, and these calls answer the
 * way Linux answers on a file system mounted without them: a path that exists has no
 * attributes (get and remove: ENODATA, list: an empty list) and none can be set
 * (EOPNOTSUPP). Without them, coreutils' `ls -l` and `cp -a` print "Function not
 * implemented" for every file, because ENOSYS reads to them as a broken kernel.
 */

import { Errno, SyscallError } from '../errno.js';
import { files, pathArg, vfsOf, type Ctx, type Handler } from './fs-common.js';

const NR = {
  setxattr: 5, lsetxattr: 6, fsetxattr: 7, getxattr: 8, lgetxattr: 9, fgetxattr: 10,
  listxattr: 11, llistxattr: 12, flistxattr: 13, removexattr: 14, lremovexattr: 15, fremovexattr: 16,
} as const;

const XATTR_NAME_MAX = 255;
const XATTR_CREATE = 1;
const XATTR_REPLACE = 2;

type Target = 'path' | 'lpath' | 'fd';

/** Checks that the object the call names exists (ENOENT, EBADF... as Linux gives them). */
function resolve(ctx: Ctx, how: Target): void {
  if (how === 'fd') {
    files(ctx).get(ctx.args.int(0));
    return;
  }
  const r = vfsOf(ctx).lookup(ctx.proc, pathArg(ctx, 0), { follow: how === 'path' });
  if (!r.node) throw new SyscallError(Errno.ENOENT);
}

/** The attribute name argument: Linux refuses empty and over-long names with ERANGE. */
function checkName(ctx: Ctx, i: number): void {
  const name = ctx.mem.readCString(ctx.args.u64(i), XATTR_NAME_MAX + 2);
  if (name.length === 0 || name.length > XATTR_NAME_MAX) throw new SyscallError(Errno.ERANGE);
}

// The order of the checks is Linux's: get and list look the object up before reading the
// name (so ENOENT wins over ERANGE); set and remove read flags and name first.
function get(how: Target): Handler {
  return (ctx) => {
    resolve(ctx, how);
    checkName(ctx, 1);
    throw new SyscallError(Errno.ENODATA);
  };
}

function list(how: Target): Handler {
  return (ctx) => {
    resolve(ctx, how);
    return 0;
  };
}

function set(how: Target): Handler {
  return (ctx) => {
    if (ctx.args.int(4) & ~(XATTR_CREATE | XATTR_REPLACE)) throw new SyscallError(Errno.EINVAL);
    checkName(ctx, 1);
    resolve(ctx, how);
    throw new SyscallError(Errno.ENOTSUP);
  };
}

function remove(how: Target): Handler {
  return (ctx) => {
    checkName(ctx, 1);
    resolve(ctx, how);
    throw new SyscallError(Errno.ENODATA);
  };
}

export const XATTR_SYSCALLS: Record<number, Handler> = {
  [NR.getxattr]: get('path'), [NR.lgetxattr]: get('lpath'), [NR.fgetxattr]: get('fd'),
  [NR.listxattr]: list('path'), [NR.llistxattr]: list('lpath'), [NR.flistxattr]: list('fd'),
  [NR.setxattr]: set('path'), [NR.lsetxattr]: set('lpath'), [NR.fsetxattr]: set('fd'),
  [NR.removexattr]: remove('path'), [NR.lremovexattr]: remove('lpath'), [NR.fremovexattr]: remove('fd'),
};
