/**
 * statfs(2) and fstatfs(2): the totals, free space and type (Linux's magic numbers) of the file
 * system holding a path or an open file, as df shows them: the disk's and /tmp's limits and
 * use, and procfs/devfs with no blocks.
 */

import { Errno, SyscallError } from '../errno.js';
import type { FsStats } from '../fs/vfs.js';
import type { SyscallContext, SyscallResult } from './context.js';
import { files, pathArg, vfsOf, type Ctx, type Handler } from './fs-common.js';

const NR_statfs = 43;
const NR_fstatfs = 44;
/** PIPEFS, sockfs... for files with no inode in the tree. */
const ANON_MAGIC = 0x50495045;

/** struct statfs on arm64 (every field 64-bit but f_fsid, two ints). */
function encode(s: FsStats): Uint8Array {
  const b = new Uint8Array(120);
  const v = new DataView(b.buffer);
  const u64 = (off: number, n: number): void => v.setBigUint64(off, BigInt(Math.max(0, Math.floor(n))), true);
  u64(0, s.type);
  u64(8, s.bsize);
  u64(16, s.blocks);
  u64(24, s.bfree);
  u64(32, s.bavail);
  u64(40, s.files);
  u64(48, s.ffree);
  v.setInt32(56, s.fsid & 0x7fffffff, true);
  v.setInt32(60, 0, true);
  u64(64, s.namelen);
  u64(72, s.frsize);
  u64(80, s.flags);
  return b;
}

function write(ctx: Ctx, addr: number, s: FsStats): number {
  ctx.mem.write(addr, encode(s));
  return 0;
}

const statfs: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  const vfs = vfsOf(ctx);
  const r = vfs.lookup(ctx.proc, path, { follow: true });
  if (!r.node) throw new SyscallError(Errno.ENOENT);
  return write(ctx, ctx.args.u64(1), vfs.statfs(r.node));
};

const fstatfs: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const node = f.inode;
  const addr = ctx.args.u64(1);
  if (!node) {
    const st = f.stat();
    return write(ctx, addr, { type: ANON_MAGIC, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, fsid: st.dev, namelen: 255, frsize: 4096, flags: 0x20 });
  }
  return write(ctx, addr, vfsOf(ctx).statfs(node));
};

export const STATFS_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR_statfs]: statfs,
  [NR_fstatfs]: fstatfs,
};
