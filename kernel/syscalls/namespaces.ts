/**
 * unshare(2) and setns(2). Unsharing what a process shares is real and cheap: CLONE_FS gives it
 * its own cwd, root and umask, CLONE_FILES its own copy of the file table (shared with another
 * process through clone), CLONE_NEWUTS (root) its own host and domain names. The other namespaces
 * (mount, IPC, network, PID, user, cgroup, time) are refused as Linux refuses them: EPERM without
 * CAP_SYS_ADMIN, and for root EINVAL, what a kernel built without that namespace says. Unknown
 * flags are EINVAL; CLONE_VM/SIGHAND/THREAD are accepted only by a single-threaded process.
 *
 * Threads of one process share its fs state and file table here: unshare(CLONE_FS|CLONE_FILES)
 * in a multi-threaded process parts the whole process from other processes, not one thread from
 * its siblings (Linux would part the calling thread alone).
 *
 * setns: this kernel has no namespace files (/proc/<pid>/ns/*), so a file descriptor is never
 * one (EINVAL); a pidfd with namespace flags is refused as unshare refuses them.
 */

import { Errno, SyscallError } from '../errno.js';
import { fileTableShared, releaseFileTable } from '../process.js';
import { PidFd } from '../pidfd.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { privileged } from './admin.js';

const CLONE_VM = 0x100;
const CLONE_FS = 0x200;
const CLONE_FILES = 0x400;
const CLONE_SIGHAND = 0x800;
const CLONE_THREAD = 0x10000;
const CLONE_NEWNS = 0x20000;
const CLONE_SYSVSEM = 0x40000;
const CLONE_NEWCGROUP = 0x2000000;
const CLONE_NEWUTS = 0x4000000;
const CLONE_NEWIPC = 0x8000000;
const CLONE_NEWUSER = 0x10000000;
const CLONE_NEWPID = 0x20000000;
const CLONE_NEWNET = 0x40000000;
const CLONE_NEWTIME = 0x80;

const NOT_HERE = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME;
const ALLOWED = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | CLONE_NEWUTS | NOT_HERE;

function unshare(ctx: KernelContext): number {
  const flags = ctx.args.u32(0);
  if (flags & ~ALLOWED) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc.process;
  if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM) && p.threads.length > 1) throw new SyscallError(Errno.EINVAL);
  if (flags & (CLONE_NEWUTS | NOT_HERE)) {
    if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
    if (flags & NOT_HERE) throw new SyscallError(Errno.EINVAL);
  }
  // Linux unshares the fs state along with a new mount namespace; nothing else can fail from here.
  if (flags & CLONE_FS) p.fs = { ...p.fs };
  if (flags & CLONE_FILES && fileTableShared(p.files)) {
    const copy = p.files.clone();
    releaseFileTable(p.files); // the others keep the old table
    p.files = copy;
  }
  if (flags & CLONE_NEWUTS) p.uts = (p.uts ?? ctx.kernel.uts).copy();
  return 0;
}

function setns(ctx: KernelContext): number {
  const f = ctx.proc.files.get(ctx.args.int(0));
  const nstype = ctx.args.u32(1);
  if (!(f instanceof PidFd)) throw new SyscallError(Errno.EINVAL);
  if (!nstype || nstype & ~(CLONE_NEWUTS | NOT_HERE)) throw new SyscallError(Errno.EINVAL);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  // Joining its own namespaces changes nothing; another process's UTS namespace is shared with it.
  const target = f.target;
  if (nstype & NOT_HERE) throw new SyscallError(Errno.EINVAL);
  ctx.proc.process.uts = target.uts;
  return 0;
}

export const NAMESPACE_SYSCALLS: HandlerTable = {
  97: unshare,
  268: setns,
};
