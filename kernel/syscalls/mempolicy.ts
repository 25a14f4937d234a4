/**
 * NUMA memory policy on a machine with one memory node (node 0): set_mempolicy, get_mempolicy,
 * mbind, migrate_pages, move_pages and set_mempolicy_home_node, with Linux's argument checks.
 * Every policy Linux accepts for node 0 is accepted and reported back (the task's, and mbind's
 * per range for get_mempolicy(MPOL_F_ADDR)); a mask naming only other nodes is EINVAL (they are
 * not online). Where memory is changes nothing: all of it is on node 0, so nothing ever moves.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Process } from '../process.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { privileged } from './admin.js';

const MPOL_DEFAULT = 0;
const MPOL_PREFERRED = 1;
const MPOL_BIND = 2;
const MPOL_INTERLEAVE = 3;
const MPOL_LOCAL = 4;
const MPOL_PREFERRED_MANY = 5;
/** Modes below it are valid (Linux 6.1's MPOL_MAX). */
const MPOL_MAX = 6;
const MPOL_F_STATIC_NODES = 1 << 15;
const MPOL_F_RELATIVE_NODES = 1 << 14;
const MPOL_F_NUMA_BALANCING = 1 << 13;
const MPOL_MODE_FLAGS = MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING;
const MPOL_F_NODE = 1;
const MPOL_F_ADDR = 2;
const MPOL_F_MEMS_ALLOWED = 4;
const MPOL_MF_STRICT = 1;
const MPOL_MF_MOVE = 2;
const MPOL_MF_MOVE_ALL = 4;
const PAGE_SIZE = 4096;
/** MAX_NUMNODES with CONFIG_NODES_SHIFT=6 (arm64 defconfig... Debian's is 2^6 too? 64 bits either way for node masks here). */
const MAX_NUMNODES = 64;
/** nr_node_ids: one node. */
const NR_NODE_IDS = 1;

interface Policy {
  mode: number;
  flags: number;
  /** The nodes as given (only bit 0 can be online). */
  nodes: bigint;
}

interface RangePolicy extends Policy {
  start: number;
  end: number;
}

const taskPolicies = new WeakMap<Process, Policy>();
const rangePolicies = new WeakMap<Process, RangePolicy[]>();

/** get_nodes: maxnode - 1 bits from user memory; bits past MAX_NUMNODES must be clear. */
function readNodes(ctx: KernelContext, addr: number, maxnodeArg: number): bigint {
  const maxnode = maxnodeArg - 1;
  if (maxnode <= 0 || !addr) return 0n;
  if (maxnode > PAGE_SIZE * 8) throw new SyscallError(Errno.EINVAL);
  const longs = Math.ceil(maxnode / 64);
  const b = Buffer.from(ctx.mem.read(addr, longs * 8));
  let mask = 0n;
  for (let i = 0; i < longs; i++) {
    let word = b.readBigUInt64LE(i * 8);
    const lastBits = maxnode - i * 64;
    if (lastBits < 64) word &= (1n << BigInt(lastBits)) - 1n;
    if (i * 64 >= MAX_NUMNODES) {
      if (word) throw new SyscallError(Errno.EINVAL);
    } else mask |= word;
  }
  return mask;
}

/** copy_nodes_to_user: ALIGN(maxnode - 1, 64) / 8 bytes, the node bits first and zeros after. */
function writeNodes(ctx: KernelContext, addr: number, maxnode: number, nodes: bigint): void {
  const bytes = Math.ceil((maxnode - 1) / 64) * 8;
  if (bytes > PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.alloc(Math.max(bytes, 0));
  if (bytes >= 8) b.writeBigUInt64LE(BigInt.asUintN(64, nodes), 0);
  ctx.mem.write(addr, b);
}

/** sanitize_mpol_flags and mpol_new's checks: the policy as stored, or null for MPOL_DEFAULT. */
function newPolicy(modeArg: number, nodes: bigint): Policy | null {
  const flags = modeArg & MPOL_MODE_FLAGS;
  let mode = modeArg & ~MPOL_MODE_FLAGS;
  if (mode >>> 0 >= MPOL_MAX) throw new SyscallError(Errno.EINVAL);
  if (flags & MPOL_F_STATIC_NODES && flags & MPOL_F_RELATIVE_NODES) throw new SyscallError(Errno.EINVAL);
  if (flags & MPOL_F_NUMA_BALANCING && mode !== MPOL_BIND) throw new SyscallError(Errno.EINVAL);
  if (mode === MPOL_DEFAULT) {
    if (nodes) throw new SyscallError(Errno.EINVAL);
    return null;
  }
  if (!nodes) {
    if (mode === MPOL_PREFERRED_MANY || mode === MPOL_BIND || mode === MPOL_INTERLEAVE) throw new SyscallError(Errno.EINVAL);
    if (mode === MPOL_PREFERRED) {
      if (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) throw new SyscallError(Errno.EINVAL);
      mode = MPOL_LOCAL;
    }
  } else if (mode === MPOL_LOCAL) throw new SyscallError(Errno.EINVAL);
  // The nodes must meet the online ones (node 0); MPOL_F_RELATIVE_NODES folds any mask onto them.
  if (mode !== MPOL_LOCAL && !(flags & MPOL_F_RELATIVE_NODES) && !(nodes & 1n)) throw new SyscallError(Errno.EINVAL);
  return { mode, flags, nodes };
}

function setMempolicy(ctx: KernelContext): number {
  const nodes = readNodes(ctx, ctx.args.u64(1), ctx.args.u64(2));
  const policy = newPolicy(ctx.args.int(0), nodes);
  const p = ctx.proc.process;
  if (policy) taskPolicies.set(p, policy);
  else taskPolicies.delete(p);
  return 0;
}

function policyAt(p: Process, addr: number): Policy | undefined {
  const list = rangePolicies.get(p) ?? [];
  for (let i = list.length - 1; i >= 0; i--) if (addr >= list[i]!.start && addr < list[i]!.end) return list[i];
  return undefined;
}

/** The nodes get_mempolicy reports: the user's mask for static/relative policies, else the effective one. */
function reportedNodes(pol: Policy | undefined): bigint {
  if (!pol || pol.mode === MPOL_LOCAL) return 0n;
  if (pol.flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) return pol.nodes;
  return pol.nodes & 1n;
}

function getMempolicy(ctx: KernelContext): number {
  const policyAddr = ctx.args.u64(0);
  const nmask = ctx.args.u64(1);
  const maxnode = ctx.args.u64(2);
  const addr = ctx.args.u64(3);
  const flags = ctx.args.u64(4);
  if (flags & ~(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED)) throw new SyscallError(Errno.EINVAL);
  if (nmask && maxnode < NR_NODE_IDS) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc.process;
  let mode: number;
  let nodes: bigint;
  if (flags & MPOL_F_MEMS_ALLOWED) {
    if (flags & (MPOL_F_NODE | MPOL_F_ADDR)) throw new SyscallError(Errno.EINVAL);
    mode = 0;
    nodes = 1n;
  } else {
    let pol: Policy | undefined;
    if (flags & MPOL_F_ADDR) {
      if (!ctx.proc.vm.findRegion(addr)) throw new SyscallError(Errno.EFAULT);
      pol = policyAt(p, addr) ?? taskPolicies.get(p);
    } else if (addr) throw new SyscallError(Errno.EINVAL);
    else pol = taskPolicies.get(p);
    if (flags & MPOL_F_NODE) {
      if (flags & MPOL_F_ADDR) mode = 0; // the node the page is on
      else if (pol && pol === taskPolicies.get(p) && pol.mode === MPOL_INTERLEAVE) mode = 0; // the next interleave node
      else throw new SyscallError(Errno.EINVAL);
    } else mode = pol ? pol.mode | (pol.flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) : MPOL_DEFAULT;
    nodes = reportedNodes(pol);
  }
  if (policyAddr) ctx.mem.writeU32(policyAddr, mode);
  if (nmask) writeNodes(ctx, nmask, maxnode, nodes);
  return 0;
}

/** Every page of [start, end) mapped, else EFAULT (an unmapped hole). */
function checkMapped(ctx: KernelContext, start: number, end: number): void {
  for (let va = start; va < end; ) {
    const r = ctx.proc.vm.findRegion(va);
    if (!r) throw new SyscallError(Errno.EFAULT);
    va = r.end;
  }
}

function mbind(ctx: KernelContext): number {
  const start = ctx.args.u64(0);
  const len = ctx.args.u64(1);
  const modeArg = ctx.args.int(2);
  const flags = ctx.args.u32(5);
  const nodes = readNodes(ctx, ctx.args.u64(3), ctx.args.u64(4));
  if (flags & ~(MPOL_MF_STRICT | MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)) throw new SyscallError(Errno.EINVAL);
  if (flags & MPOL_MF_MOVE_ALL && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
  if (start % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  const end = start + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
  if (!Number.isFinite(end)) throw new SyscallError(Errno.EINVAL);
  const policy = newPolicy(modeArg, nodes);
  if (end === start) return 0;
  checkMapped(ctx, start, end);
  const p = ctx.proc.process;
  const list = (rangePolicies.get(p) ?? []).filter((r) => r.end <= start || r.start >= end || (r.start < start || r.end > end));
  if (policy) list.push({ ...policy, start, end });
  rangePolicies.set(p, list);
  return 0;
}

/** The process a migrate_pages/move_pages pid names, if the caller may act on it. */
function processFor(ctx: KernelContext, pid: number): Process {
  const me = ctx.proc.process;
  const p = pid === 0 ? me : ctx.kernel.processes.get(pid);
  if (!p || p.exit) throw new SyscallError(Errno.ESRCH);
  if (p !== me && !privileged(ctx) && (p.ruid !== me.ruid || p.uid !== me.ruid || p.suid !== me.ruid)) throw new SyscallError(Errno.EPERM);
  return p;
}

function migratePages(ctx: KernelContext): number {
  const maxnode = ctx.args.u64(1);
  readNodes(ctx, ctx.args.u64(2), maxnode);
  const to = readNodes(ctx, ctx.args.u64(3), maxnode);
  processFor(ctx, ctx.args.int(0));
  if (to & ~1n) throw new SyscallError(privileged(ctx) ? Errno.EINVAL : Errno.EPERM);
  return 0; // no page needed moving
}

function movePages(ctx: KernelContext): number {
  const count = ctx.args.u64(1);
  const pages = ctx.args.u64(2);
  const nodesAddr = ctx.args.u64(3);
  const status = ctx.args.u64(4);
  const flags = ctx.args.int(5);
  if (flags & ~(MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)) throw new SyscallError(Errno.EINVAL);
  if (flags & MPOL_MF_MOVE_ALL && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
  const p = processFor(ctx, ctx.args.int(0));
  const n = Math.min(count, 1 << 20);
  for (let i = 0; i < n; i++) {
    const va = Number(Buffer.from(ctx.mem.read(pages + i * 8, 8)).readBigUInt64LE(0));
    if (nodesAddr) {
      const node = ctx.mem.readU32(nodesAddr + i * 4) | 0;
      if (node < 0 || node >= MAX_NUMNODES || node !== 0) throw new SyscallError(Errno.ENODEV);
    }
    const region = p.vm.findRegion(va);
    const answer = !region ? -Errno.EFAULT : p.vm.lookup(va) >= 0 ? 0 : -Errno.ENOENT;
    ctx.mem.writeU32(status + i * 4, answer >>> 0);
  }
  return 0;
}

function setMempolicyHomeNode(ctx: KernelContext): number {
  const start = ctx.args.u64(0);
  const len = ctx.args.u64(1);
  const home = ctx.args.u64(2);
  if (start % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  if (ctx.args.u64(3) !== 0) throw new SyscallError(Errno.EINVAL);
  if (home !== 0) throw new SyscallError(Errno.EINVAL);
  const end = start + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
  if (!Number.isFinite(end)) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc.process;
  for (let va = start; va < end; ) {
    const r = p.vm.findRegion(va) ?? p.vm.regions().find((x) => x.start > va && x.start < end);
    if (!r) break;
    const pol = policyAt(p, Math.max(va, r.start));
    if (!pol || (pol.mode !== MPOL_BIND && pol.mode !== MPOL_PREFERRED_MANY)) throw new SyscallError(Errno.ENOTSUP);
    va = r.end;
  }
  return 0;
}

export const MEMPOLICY_SYSCALLS: HandlerTable = {
  235: mbind,
  236: getMempolicy,
  237: setMempolicy,
  238: migratePages,
  239: movePages,
  450: setMempolicyHomeNode,
};
