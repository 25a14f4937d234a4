/**
 * inotify_init1, inotify_add_watch, inotify_rm_watch: an inotify instance (kernel/fs/inotify.ts)
 * as a file descriptor, read with read/poll/epoll like any other, fed by the Vfs's change
 * hooks (kernel/fs/fsnotify.ts). Queued events are charged to the caller's memory account,
 * the one its sockets' buffers use.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_CLOEXEC, O_NONBLOCK } from '../fs/constants.js';
import {
  IN_ALL_EVENTS, IN_DONT_FOLLOW, IN_EXCL_UNLINK, IN_IGNORED, IN_ISDIR, IN_MASK_ADD, IN_MASK_CREATE, IN_ONESHOT,
  IN_ONLYDIR, IN_Q_OVERFLOW, IN_UNMOUNT,
} from '../fs/fsnotify.js';
import { InotifyFile } from '../fs/inotify.js';
import { permits, R_OK } from '../fs/inode.js';
import { accountFor } from '../net/buffers.js';
import type { SyscallContext, SyscallResult } from './context.js';
import { files, pathArg, vfsOf, type Ctx, type Handler } from './fs-common.js';

const NR_inotify_init1 = 26;
const NR_inotify_add_watch = 27;
const NR_inotify_rm_watch = 28;

/** Every bit inotify_add_watch knows (Linux's ALL_INOTIFY_BITS). */
const ALL_INOTIFY_BITS = IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW |
  IN_EXCL_UNLINK | IN_MASK_ADD | IN_MASK_CREATE | IN_ISDIR | IN_ONESHOT;

function budgetOf(ctx: Ctx) {
  const p = ctx.proc as Ctx['proc'] & { vm?: { committedBytes(): number } };
  const limit = (ctx.kernel as { processMemoryLimit?: number } | undefined)?.processMemoryLimit ?? 256 << 20;
  return accountFor((p.vm as object | undefined) ?? p, () => limit - (p.vm?.committedBytes() ?? 0));
}

function instanceOf(ctx: Ctx, fd: number): InotifyFile {
  const f = files(ctx).get(fd);
  if (!(f instanceof InotifyFile)) throw new SyscallError(Errno.EINVAL);
  return f;
}

const inotifyInit1: Handler = (ctx) => {
  const flags = ctx.args.int(0);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) throw new SyscallError(Errno.EINVAL);
  const f = new InotifyFile(flags, budgetOf(ctx));
  try {
    return files(ctx).install(f, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    f.release();
    throw e;
  }
};

const inotifyAddWatch: Handler = (ctx) => {
  const inst = instanceOf(ctx, ctx.args.int(0));
  const mask = ctx.args.u32(2);
  if (!(mask & ALL_INOTIFY_BITS)) throw new SyscallError(Errno.EINVAL);
  if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE)) throw new SyscallError(Errno.EINVAL);
  const path = pathArg(ctx, 1);
  const r = vfsOf(ctx).lookup(ctx.proc, path, { follow: (mask & IN_DONT_FOLLOW) === 0, base: ctx.proc.cwd });
  const node = r.node;
  if (!node) throw new SyscallError(Errno.ENOENT);
  if ((mask & IN_ONLYDIR) && node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
  if (!permits(node, R_OK, { uid: ctx.proc.uid ?? 0, gid: ctx.proc.gid ?? 0 })) throw new SyscallError(Errno.EACCES);
  return inst.addWatch(node, mask);
};

const inotifyRmWatch: Handler = (ctx) => {
  instanceOf(ctx, ctx.args.int(0)).rmWatch(ctx.args.int(1));
  return 0;
};

export const INOTIFY_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR_inotify_init1]: inotifyInit1,
  [NR_inotify_add_watch]: inotifyAddWatch,
  [NR_inotify_rm_watch]: inotifyRmWatch,
};
