/**
 * chroot(2): the calling process's root directory becomes a directory of its choosing, so "/",
 * absolute symlinks and ".." at the top resolve inside it from then on (Vfs.lookup honours
 * FsState.root). As on Linux: the path is resolved and searched first (ENOENT, ENOTDIR, EACCES
 * for anyone), then the caller needs root (CAP_SYS_CHROOT) or gets EPERM; the cwd is left where
 * it was (a process that does not chdir("/") keeps a cwd outside, which getcwd shows as
 * "(unreachable)..."); fork and exec keep the root, CLONE_FS shares it.
 */

import { Errno, SyscallError } from '../errno.js';
import { baseOf, pathArg, vfsOf, type Handler } from './fs-common.js';
import { AT_FDCWD } from '../fs/constants.js';

const NR_chroot = 51;

const chroot: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  const dir = vfsOf(ctx).searchableDirectory(ctx.proc, path, baseOf(ctx, AT_FDCWD, path));
  if ((ctx.proc.uid ?? 0) !== 0) throw new SyscallError(Errno.EPERM);
  ctx.proc.root = dir;
  return 0;
};

export const CHROOT_SYSCALLS: Record<number, Handler> = {
  [NR_chroot]: chroot,
};
