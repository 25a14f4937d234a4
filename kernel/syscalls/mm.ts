/** Memory management system calls: brk, mmap, munmap, mprotect, madvise, mremap, msync. */

import { Errno, SyscallError } from '../errno.js';
import { MMAP_BASE } from '../exec.js';
import { PAGE_SIZE } from '../pmm.js';
import { pageUp, Prot, USER_MAX, USER_MIN } from '../vm.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_SHARED_VALIDATE = 0x03;
export const MAP_TYPE = 0x0f;
export const MAP_FIXED = 0x10;
export const MAP_ANONYMOUS = 0x20;
export const MAP_FIXED_NOREPLACE = 0x100000;
export const MADV_DONTNEED = 4;
export const MADV_FREE = 8;

function checkLimit(ctx: KernelContext, extra: number): void {
  if (ctx.proc.vm.committedBytes() + extra > ctx.kernel.processMemoryLimit) throw new SyscallError(Errno.ENOMEM);
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

  // File contents for a file mapping (a private snapshot; shared file mappings are not written back).
  let data: Uint8Array | undefined;
  let name = '';
  if (!anonymous) {
    const file = proc.files.get(fd);
    if (!file.readable) throw new SyscallError(Errno.EACCES);
    if (type !== MAP_PRIVATE && prot & Prot.WRITE && !file.writable) throw new SyscallError(Errno.EACCES);
    const bytes = file.readAt(offset, length);
    data = new Uint8Array(bytes);
    name = file.path;
  }
  if (prot & Prot.WRITE) checkLimit(ctx, len);

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
      start = vm.findGap(len, MMAP_BASE);
      if (start < 0) throw new SyscallError(Errno.ENOMEM);
    }
  }
  const shared = type !== MAP_PRIVATE;
  vm.addRegion({ start, end: start + len, prot, kind: 'mmap', name, shared, data, dataVa: data ? start : undefined, offset: anonymous ? 0 : offset });
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

function mprotect(ctx: KernelContext): number {
  const [start, end] = rangeArgs(ctx);
  const prot = ctx.args.u32(2);
  if (prot & ~(7 | 0x01000000 | 0x02000000)) throw new SyscallError(Errno.EINVAL); // PROT_GROWSDOWN/UP tolerated
  if (start === end) return 0;
  ctx.proc.vm.protect(start, end, prot & 7);
  return 0;
}

function madvise(ctx: KernelContext): number {
  const [start, end] = rangeArgs(ctx);
  const advice = ctx.args.int(2);
  if (advice === MADV_DONTNEED || advice === MADV_FREE) {
    for (let va = start; va < end; ) {
      const r = ctx.proc.vm.findRegion(va);
      if (!r) throw new SyscallError(Errno.ENOMEM);
      va = r.end;
    }
    ctx.proc.vm.discard(start, end);
  }
  return 0;
}

function msync(ctx: KernelContext): number {
  rangeArgs(ctx);
  return 0;
}

export const MM_SYSCALLS: HandlerTable = {
  [NR.brk]: brk,
  [NR.mmap]: mmap,
  [NR.munmap]: munmap,
  [NR.mprotect]: mprotect,
  [NR.madvise]: madvise,
  [NR.msync]: msync,
};
