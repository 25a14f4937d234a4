/**
 * Memory management system calls: brk, mmap, munmap, mprotect, madvise, mremap, msync.
 *
 * Private file mappings read their pages from the file when first touched. MAP_SHARED ones
 * map the file's page cache (shared-pages.ts), so they are coherent with read(2) and write(2)
 * at every moment; msync, munmap and exit write the changed pages back to the file system.
 */

import { Errno, SyscallError } from '../errno.js';
import { PAGE_SIZE } from '../pmm.js';
import { FileInode } from '../fs/inode.js';
import { SharedPages } from '../shared-pages.js';
import type { OpenFile } from '../fs/file.js';
import { pageUp, Prot, USER_MAX, USER_MIN, type AddressSpace, type MappingSource } from '../vm.js';
import type { CommitKind } from '../memory-admission.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_SHARED_VALIDATE = 0x03;
export const MAP_TYPE = 0x0f;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MAP_FIXED_NOREPLACE = 0x100000;
export const MREMAP_MAYMOVE = 1;
export const MREMAP_FIXED = 2;
export const MREMAP_DONTUNMAP = 4;
export const MADV_DONTNEED = 4;
export const MADV_FREE = 8;

/**
 * Commits `extra` more bytes of private writable memory for the caller, or ENOMEM: the
 * per-process limit, then memory admission (memory-admission.ts: the user's fair share of RAM).
 */
function checkLimit(ctx: KernelContext, extra: number, kind: CommitKind): void {
  if (extra <= 0) return;
  if (ctx.proc.vm.committedBytes() + extra > ctx.kernel.processMemoryLimit) throw new SyscallError(Errno.ENOMEM);
  if (!ctx.kernel.admission.admit(ctx.proc.process, extra, kind)) throw new SyscallError(Errno.ENOMEM);
}

/** Bytes of [start, end) covered by regions, and by writable ones (already committed). */
function coverage(vm: AddressSpace, start: number, end: number): { mapped: number; writable: number } {
  let mapped = 0;
  let writable = 0;
  for (const r of vm.regions()) {
    const n = Math.min(end, r.end) - Math.max(start, r.start);
    if (n <= 0) continue;
    mapped += n;
    if (r.prot & Prot.WRITE) writable += n;
  }
  return { mapped, writable };
}

function brk(ctx: KernelContext): number {
  const vm = ctx.proc.vm;
  const want = ctx.args.u64(0);
  if (!(want >= vm.brkStart) || want >= USER_MAX) return vm.brk;
  const oldEnd = pageUp(vm.brk);
  const newEnd = pageUp(want);
  if (newEnd > oldEnd) {
    if (!vm.isFree(oldEnd, newEnd)) return vm.brk;
    if (vm.committedBytes() + (newEnd - oldEnd) > ctx.kernel.processMemoryLimit) return vm.brk;
    if (!ctx.kernel.admission.admit(ctx.proc.process, newEnd - oldEnd, 'brk')) return vm.brk;
    // Extend the heap region that ends at the break (mprotect may have split the heap).
    const heap = vm.regions().find((r) => r.kind === 'heap' && r.end === oldEnd && r.prot === (Prot.READ | Prot.WRITE));
    if (heap) heap.end = newEnd;
    else vm.addRegion({ start: oldEnd, end: newEnd, prot: Prot.READ | Prot.WRITE, kind: 'heap', name: '[heap]', shared: false, offset: 0 });
  } else if (newEnd < oldEnd) {
    vm.unmap(newEnd, oldEnd);
  }
  vm.brk = want;
  return want;
}

function mmap(ctx: KernelContext): number {
  const { args, proc } = ctx;
  const vm = proc.vm;
  const addr = args.u64(0);
  const length = args.u64(1);
  const prot = args.u32(2);
  const flags = args.u32(3);
  const fd = args.int(4);
  const offset = args.u64(5);
  if (length === 0 || prot & ~7) throw new SyscallError(Errno.EINVAL);
  const type = flags & MAP_TYPE;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE) throw new SyscallError(Errno.EINVAL);
  if (offset % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  const len = pageUp(length);
  if (!(len < USER_MAX)) throw new SyscallError(Errno.ENOMEM);
  const anonymous = (flags & MAP_ANONYMOUS) !== 0;
  const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;

  // A regular file is mapped lazily (pages read at first touch, shared ones written back);
  // other mappable files (devices) give their bytes now.
  let data: Uint8Array | undefined;
  let source: OpenFile | undefined;
  let name = '';
  if (!anonymous) {
    const file = proc.files.get(fd);
    if (!file.readable) throw new SyscallError(Errno.EACCES);
    if (type !== MAP_PRIVATE && prot & Prot.WRITE && !file.writable) throw new SyscallError(Errno.EACCES);
    if (file.inode instanceof FileInode) source = file;
    else data = new Uint8Array(file.readAt(offset, length));
    name = file.path;
  }
  // MAP_FIXED over writable memory replaces what is already committed there.
  if (prot & Prot.WRITE) checkLimit(ctx, len - (fixed && flags & MAP_FIXED ? coverage(vm, addr, addr + len).writable : 0), 'mmap');

  let start: number;
  if (fixed) {
    if (addr % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
    if (addr < USER_MIN || addr + len > USER_MAX) throw new SyscallError(flags & MAP_FIXED_NOREPLACE ? Errno.EEXIST : Errno.ENOMEM);
    if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED) && !vm.isFree(addr, addr + len)) throw new SyscallError(Errno.EEXIST);
    start = addr;
    vm.unmap(start, start + len);
  } else {
    const hint = addr - (addr % PAGE_SIZE);
    if (hint >= USER_MIN && hint + len <= USER_MAX && vm.isFree(hint, hint + len)) start = hint;
    else {
      start = vm.findGap(len, vm.mmapBase);
      if (start < 0) throw new SyscallError(Errno.ENOMEM);
    }
  }
  const shared = type !== MAP_PRIVATE;
  // A shared mapping maps its object's pages: the file's page cache, or new anonymous memory
  // (also for a device such as /dev/zero, as Linux gives shared zero pages there).
  let shm: SharedPages | undefined;
  if (shared) shm = source ? SharedPages.ofFile(vm.machine, vm.pmm, source.inode as FileInode) : SharedPages.anonymous(vm.machine, vm.pmm);
  vm.addRegion({
    start, end: start + len, prot, kind: 'mmap', name, shared, data: shm ? undefined : data, dataVa: data && !shm ? start : undefined,
    offset: anonymous ? 0 : offset, source: source?.retain() as MappingSource | undefined, shm,
  });
  return start;
}

function rangeArgs(ctx: KernelContext): [number, number] {
  const addr = ctx.args.u64(0);
  const length = ctx.args.u64(1);
  if (addr % PAGE_SIZE || !Number.isFinite(length)) throw new SyscallError(Errno.EINVAL);
  const end = addr + pageUp(length);
  if (end > USER_MAX || addr < 0) throw new SyscallError(Errno.EINVAL);
  return [addr, end];
}

function munmap(ctx: KernelContext): number {
  const [start, end] = rangeArgs(ctx);
  if (start === end) throw new SyscallError(Errno.EINVAL);
  ctx.proc.vm.unmap(start, end);
  return 0;
}

export function mprotect(ctx: KernelContext): number {
  const [start, end] = rangeArgs(ctx);
  const prot = ctx.args.u32(2);
  if (prot & ~(7 | 0x01000000 | 0x02000000)) throw new SyscallError(Errno.EINVAL); // PROT_GROWSDOWN/UP tolerated
  if (start === end) return 0;
  // Making memory writable commits it (a runtime's PROT_NONE reservation turned into heap).
  if (prot & Prot.WRITE) {
    const c = coverage(ctx.proc.vm, start, end);
    checkLimit(ctx, c.mapped - c.writable, 'mprotect');
  }
  ctx.proc.vm.protect(start, end, prot & 7);
  return 0;
}

// madvise advice values Linux accepts (asm-generic); anything else is EINVAL.
const MADV_REMOVE = 9;
const MADV_HWPOISON = 100;
const MADV_SOFT_OFFLINE = 101;
const KNOWN_ADVICE = new Set([0, 1, 2, 3, MADV_DONTNEED, MADV_FREE, MADV_REMOVE, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);

/** Whether every page of [start, end) is in some region (else ENOMEM for the range calls). */
function fullyMapped(ctx: KernelContext, start: number, end: number): boolean {
  for (let va = start; va < end; ) {
    const r = ctx.proc.vm.findRegion(va);
    if (!r) return false;
    va = r.end;
  }
  return true;
}

/**
 * madvise(2). DONTNEED drops the private pages of the range, so anonymous memory reads zeros
 * again and a private file mapping its file's bytes; FREE may do the same (it does, here).
 * Shared mappings keep their pages. The hints (NORMAL, RANDOM, SEQUENTIAL, WILLNEED...) change
 * nothing in a machine that never pages out.
 */
function madvise(ctx: KernelContext): number {
  const addr = ctx.args.u64(0);
  const length = ctx.args.u64(1);
  const advice = ctx.args.int(2);
  if (addr % PAGE_SIZE || !Number.isFinite(length) || addr + length > USER_MAX) throw new SyscallError(Errno.EINVAL);
  if (advice === MADV_HWPOISON || advice === MADV_SOFT_OFFLINE) throw new SyscallError(Errno.EPERM);
  if (!KNOWN_ADVICE.has(advice)) throw new SyscallError(Errno.EINVAL);
  if (length === 0) return 0;
  const start = addr;
  const end = addr + pageUp(length);
  const vm = ctx.proc.vm;
  let mapped = true;
  for (let va = start; va < end; ) {
    const r = vm.findRegion(va);
    if (!r) {
      mapped = false;
      const next = vm.regions().find((x) => x.start > va);
      va = next ? next.start : end;
      continue;
    }
    const to = Math.min(end, r.end);
    if (advice === MADV_REMOVE && !r.shared) throw new SyscallError(Errno.EINVAL);
    if ((advice === MADV_DONTNEED || advice === MADV_FREE) && !r.shared) vm.discard(va, to);
    va = to;
  }
  if (!mapped) throw new SyscallError(Errno.ENOMEM);
  return 0;
}

/**
 * Whether the page at va is in memory, as mincore counts it: mapped here, or in its shared
 * object, or (a file mapping) inside the file, whose bytes the file systems keep in memory.
 */
function inCore(ctx: KernelContext, va: number): boolean {
  const vm = ctx.proc.vm;
  if (vm.lookup(va) >= 0) return true;
  const r = vm.findRegion(va);
  if (!r) return false;
  const offset = r.offset + (va - r.start);
  if (r.shm?.has(offset)) return true;
  if (!r.source) return false;
  try {
    return offset < r.source.stat().size;
  } catch {
    return false;
  }
}

/** mincore(2): one byte per page, 1 where a page is in memory. */
function mincore(ctx: KernelContext): number {
  const addr = ctx.args.u64(0);
  const length = ctx.args.u64(1);
  const vec = ctx.args.u64(2);
  if (addr % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  if (!Number.isFinite(length) || addr + length > USER_MAX) throw new SyscallError(Errno.ENOMEM);
  const pages = pageUp(length) / PAGE_SIZE;
  if (pages === 0) return 0;
  if (!fullyMapped(ctx, addr, addr + pages * PAGE_SIZE)) throw new SyscallError(Errno.ENOMEM);
  if (pages > 1 << 24) throw new SyscallError(Errno.ENOMEM);
  const out = new Uint8Array(pages);
  for (let i = 0; i < pages; i++) out[i] = inCore(ctx, addr + i * PAGE_SIZE) ? 1 : 0;
  ctx.mem.write(vec, out);
  return 0;
}

/** mlock/munlock/mlock2: nothing is ever paged out, so they only check the range is mapped. */
function lockRange(ctx: KernelContext, flags = 0): number {
  if (flags & ~1 /* MLOCK_ONFAULT */) throw new SyscallError(Errno.EINVAL);
  const addr = ctx.args.u64(0);
  const length = ctx.args.u64(1);
  if (!Number.isFinite(length) || addr + length > USER_MAX) throw new SyscallError(Errno.ENOMEM);
  const start = addr - (addr % PAGE_SIZE);
  const end = pageUp(addr + length);
  if (end > start && !fullyMapped(ctx, start, end)) throw new SyscallError(Errno.ENOMEM);
  return 0;
}

const MCL_CURRENT = 1;
const MCL_FUTURE = 2;
const MCL_ONFAULT = 4;

function mlockall(ctx: KernelContext): number {
  const flags = ctx.args.int(0);
  if (flags === 0 || flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) || flags === MCL_ONFAULT) throw new SyscallError(Errno.EINVAL);
  return 0;
}

/**
 * mremap(old, oldSize, newSize, flags, newAddress): shrinks in place, grows in place when the
 * space after the mapping is free, or (MREMAP_MAYMOVE) moves the mapping with its pages to a
 * free range or (MREMAP_FIXED) to newAddress, replacing what was there. The old range must
 * be one mapping (EFAULT otherwise, as Linux). MREMAP_DONTUNMAP (with MREMAP_MAYMOVE, same
 * size) moves the pages and leaves the old range mapped and empty.
 */
function mremap(ctx: KernelContext): number {
  const vm = ctx.proc.vm;
  const old = ctx.args.u64(0);
  const oldSize = ctx.args.u64(1);
  const newSize = ctx.args.u64(2);
  const flags = ctx.args.u32(3);
  const newAddr = ctx.args.u64(4);
  if (old % PAGE_SIZE || flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP) || (flags & MREMAP_FIXED && !(flags & MREMAP_MAYMOVE))) throw new SyscallError(Errno.EINVAL);
  // DONTUNMAP is always a move, and never a resize.
  if (flags & MREMAP_DONTUNMAP && (!(flags & MREMAP_MAYMOVE) || pageUp(oldSize) !== pageUp(newSize))) throw new SyscallError(Errno.EINVAL);
  if (newSize === 0 || oldSize === 0 || !Number.isFinite(oldSize) || !(newSize < USER_MAX)) throw new SyscallError(Errno.EINVAL);
  const oldLen = pageUp(oldSize);
  const newLen = pageUp(newSize);
  const oldEnd = old + oldLen;
  const r = vm.findRegion(old);
  if (!r) throw new SyscallError(Errno.EFAULT);
  // Linux checks the new place before it checks that the old range is one mapping.
  if (flags & MREMAP_FIXED) {
    if (newAddr % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
    if (newAddr < USER_MIN || newAddr + newLen > USER_MAX) throw new SyscallError(Errno.EINVAL);
    if (newAddr < oldEnd && old < newAddr + newLen) throw new SyscallError(Errno.EINVAL);
  }
  if (oldEnd > r.end || old + oldLen > USER_MAX) throw new SyscallError(Errno.EFAULT);
  if (r.growsDown) throw new SyscallError(Errno.EFAULT);
  const writable = (r.prot & Prot.WRITE) !== 0;
  if (flags & MREMAP_DONTUNMAP) {
    if (writable) checkLimit(ctx, newLen, 'mremap');
    let to = newAddr;
    if (flags & MREMAP_FIXED) vm.unmap(newAddr, newAddr + newLen);
    else {
      to = vm.findGap(newLen, vm.mmapBase);
      if (to < 0) throw new SyscallError(Errno.ENOMEM);
    }
    vm.moveLeavingEmpty(old, oldEnd, to);
    return to;
  }
  if (flags & MREMAP_FIXED) {
    if (writable && newLen > oldLen) checkLimit(ctx, newLen - oldLen, 'mremap');
    vm.unmap(newAddr, newAddr + newLen);
    if (newLen < oldLen) vm.unmap(old + newLen, oldEnd);
    const moved = vm.move(old, old + Math.min(oldLen, newLen), newAddr);
    if (newLen > oldLen) vm.extend(moved[moved.length - 1], newAddr + newLen);
    return newAddr;
  }
  if (newLen <= oldLen) {
    if (newLen < oldLen) vm.unmap(old + newLen, oldEnd);
    return old;
  }
  if (writable) checkLimit(ctx, newLen - oldLen, 'mremap');
  // In place: the mapping ends at oldEnd and nothing follows it within the new size.
  if (r.end === oldEnd && vm.isFree(oldEnd, old + newLen) && old + newLen <= USER_MAX && r.kind !== 'heap') {
    vm.extend(r, old + newLen);
    return old;
  }
  if (!(flags & MREMAP_MAYMOVE)) throw new SyscallError(Errno.ENOMEM);
  const to = vm.findGap(newLen, vm.mmapBase);
  if (to < 0) throw new SyscallError(Errno.ENOMEM);
  const moved = vm.move(old, oldEnd, to);
  vm.extend(moved[moved.length - 1], to + newLen);
  return to;
}

function msync(ctx: KernelContext): number {
  const [start, end] = rangeArgs(ctx);
  const flags = ctx.args.int(2);
  if (flags & ~7 || (flags & 1 && flags & 4)) throw new SyscallError(Errno.EINVAL); // MS_ASYNC | MS_INVALIDATE | MS_SYNC
  for (let va = start; va < end; ) {
    const r = ctx.proc.vm.findRegion(va);
    if (!r) throw new SyscallError(Errno.ENOMEM);
    va = r.end;
  }
  ctx.proc.vm.writeBack(start, end);
  return 0;
}

export const MM_SYSCALLS: HandlerTable = {
  [NR.brk]: brk,
  [NR.mmap]: mmap,
  [NR.munmap]: munmap,
  [NR.mprotect]: mprotect,
  [NR.madvise]: madvise,
  228: (ctx) => lockRange(ctx),
  229: (ctx) => lockRange(ctx),
  230: mlockall,
  231: () => 0,
  232: mincore,
  284: (ctx) => lockRange(ctx, ctx.args.int(2)),
  [NR.msync]: msync,
  [NR.mremap]: mremap,
};
