/**
 * mount(2), umount2(2) and pivot_root(2). As on Linux the mount point is looked up first
 * (ENOENT, ENOTDIR for anyone), then the caller needs root (CAP_SYS_ADMIN) or gets EPERM. For
 * root, what this machine's file systems allow is real, which is what chroot builds need:
 *
 * - `-t tmpfs` (size= and mode= options): a new, empty tmpfs; `-t proc`: the machine's /proc;
 *   `-t devtmpfs`: its /dev; MS_BIND: a directory's tree seen at a second place too.
 * - MS_REMOUNT and the propagation changes (MS_SHARED, MS_PRIVATE, MS_SLAVE, MS_UNBINDABLE) of an
 *   existing mount point succeed and change nothing (there is one mount namespace, nothing shared).
 * - Disk file systems (ext4, xfs...) need a block device: the machine has none (ENOTBLK for a
 *   source that exists); sysfs, devpts, cgroup and the rest are not in this kernel (ENODEV).
 * - umount2 removes a mount made by mount(2); the machine's own /, /tmp, /dev, /proc are busy.
 * - pivot_root: the root is not a mount that can be moved: EINVAL.
 */

import { Errno, SyscallError } from '../errno.js';
import { Vfs } from '../fs/vfs.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { privileged } from './admin.js';

const MS_RDONLY = 0x1;
const MS_REMOUNT = 0x20;
const MS_BIND = 0x1000;
const MS_MOVE = 0x2000;
const MS_REC = 0x4000;
const MS_UNBINDABLE = 0x20000;
const MS_PRIVATE = 0x40000;
const MS_SLAVE = 0x80000;
const MS_SHARED = 0x100000;
const MS_NOUSER = 0x80000000;
const MS_MGC_MSK = 0xffff0000;
const MS_MGC_VAL = 0xc0ed0000;
const PROPAGATION = MS_UNBINDABLE | MS_PRIVATE | MS_SLAVE | MS_SHARED;

const MNT_FORCE = 1;
const MNT_DETACH = 2;
const MNT_EXPIRE = 4;
const UMOUNT_NOFOLLOW = 8;

/** File systems that live on a block device. */
const BLOCK_FILESYSTEMS = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat', 'msdos', 'exfat', 'iso9660', 'f2fs', 'squashfs', 'ntfs', 'ntfs3']);
const TMPFS_DEFAULT_BYTES = 256 * 1024 * 1024;

function vfsOf(ctx: KernelContext): Vfs {
  if (ctx.kernel.vfs instanceof Vfs) return ctx.kernel.vfs;
  throw new SyscallError(Errno.ENOENT, 'no file system');
}

function optionalString(ctx: KernelContext, addr: number, max = 4096): string | null {
  return addr ? ctx.mem.readCString(addr, max) : null;
}

/** tmpfs options: size=N[k|m|g|%] and mode=OCTAL (others are accepted and ignored, as harmless ones are on Linux). */
function tmpfsOptions(data: string | null): { bytes: number; mode: number; uid: number; gid: number } {
  const o = { bytes: TMPFS_DEFAULT_BYTES, mode: 0o1777, uid: 0, gid: 0 };
  for (const opt of (data ?? '').split(',').filter(Boolean)) {
    const [key, value = ''] = opt.split('=');
    if (key === 'size') {
      const m = /^(\d+)([kmg%]?)$/i.exec(value);
      if (!m) throw new SyscallError(Errno.EINVAL);
      const unit = m[2]!.toLowerCase();
      const n = Number(m[1]);
      o.bytes = unit === 'k' ? n * 1024 : unit === 'm' ? n * 1024 * 1024 : unit === 'g' ? n * 1024 ** 3 : unit === '%' ? Math.floor((TMPFS_DEFAULT_BYTES * 2 * n) / 100) : n;
    } else if (key === 'mode') {
      if (!/^[0-7]+$/.test(value)) throw new SyscallError(Errno.EINVAL);
      o.mode = parseInt(value, 8) & 0o7777;
    } else if (key === 'uid' || key === 'gid') {
      if (!/^\d+$/.test(value)) throw new SyscallError(Errno.EINVAL);
      o[key] = Number(value);
    }
  }
  return o;
}

function mount(ctx: KernelContext): number {
  const source = optionalString(ctx, ctx.args.u64(0));
  const target = ctx.mem.readCString(ctx.args.u64(1), 4096);
  const fstype = optionalString(ctx, ctx.args.u64(2), 256);
  let flags = ctx.args.u32(3);
  const data = optionalString(ctx, ctx.args.u64(4), 4096);
  if ((flags & MS_MGC_MSK) === MS_MGC_VAL) flags &= ~MS_MGC_MSK;
  const vfs = vfsOf(ctx);
  const at = vfs.lookup(ctx.proc, target, { follow: true });
  if (!at.node) throw new SyscallError(Errno.ENOENT);
  if (flags & MS_NOUSER) throw new SyscallError(Errno.EINVAL);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  void MS_RDONLY;
  void MS_REC;
  if (flags & MS_REMOUNT) {
    if (!vfs.isMountPoint(at)) throw new SyscallError(Errno.EINVAL);
    return 0;
  }
  if (flags & MS_BIND) {
    if (!source) throw new SyscallError(Errno.EFAULT);
    const from = vfs.lookup(ctx.proc, source, { follow: true });
    if (!from.node) throw new SyscallError(Errno.ENOENT);
    if (from.node.type !== 'dir') throw new SyscallError(at.node.type === 'dir' ? Errno.ENOTDIR : Errno.EINVAL);
    vfs.mountAt(at, from.node as Parameters<Vfs['mountAt']>[1]);
    return 0;
  }
  if (flags & PROPAGATION) {
    if (!vfs.isMountPoint(at)) throw new SyscallError(Errno.EINVAL);
    return 0;
  }
  if (flags & MS_MOVE) throw new SyscallError(Errno.EINVAL);
  switch (fstype) {
    case 'tmpfs': {
      const o = tmpfsOptions(data);
      vfs.mountAt(at, vfs.newTmpfs(o.bytes, o.mode, o.uid, o.gid));
      return 0;
    }
    case 'proc':
      vfs.mountAt(at, vfs.proc);
      return 0;
    case 'devtmpfs':
      vfs.mountAt(at, vfs.dev);
      return 0;
    case null:
      throw new SyscallError(Errno.EFAULT);
    default:
      if (BLOCK_FILESYSTEMS.has(fstype)) {
        if (!source) throw new SyscallError(Errno.EINVAL);
        const dev = vfs.lookup(ctx.proc, source, { follow: true });
        if (!dev.node) throw new SyscallError(Errno.ENOENT);
        throw new SyscallError(Errno.ENOTBLK);
      }
      throw new SyscallError(Errno.ENODEV);
  }
}

function umount2(ctx: KernelContext): number {
  const flags = ctx.args.int(1);
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) throw new SyscallError(Errno.EINVAL);
  const target = ctx.mem.readCString(ctx.args.u64(0), 4096);
  const vfs = vfsOf(ctx);
  const r = vfs.lookup(ctx.proc, target, { follow: !(flags & UMOUNT_NOFOLLOW) });
  if (!r.node) throw new SyscallError(Errno.ENOENT);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  if (flags & MNT_EXPIRE && flags & (MNT_FORCE | MNT_DETACH)) throw new SyscallError(Errno.EINVAL);
  vfs.unmountAt(r);
  return 0;
}

function pivotRoot(ctx: KernelContext): number {
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  const vfs = vfsOf(ctx);
  for (const i of [0, 1]) {
    const r = vfs.lookup(ctx.proc, ctx.mem.readCString(ctx.args.u64(i), 4096), { follow: true });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
  }
  throw new SyscallError(Errno.EINVAL);
}

export const MOUNT_SYSCALLS: HandlerTable = {
  40: mount,
  39: umount2,
  41: pivotRoot,
};
