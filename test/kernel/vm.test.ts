import t from 'tap';
import { AccessKind } from '../../machine/exceptions.js';
import { Perm } from '../../machine/mmu.js';
import { Kernel } from '../../kernel/kernel.js';
import { AddressSpace, FaultResult, ProcessMemory, Prot, pageUp, type MappingSource } from '../../kernel/vm.js';

function setup() {
  const kernel = new Kernel({ ramSize: 16 * 1024 * 1024 });
  const vm = new AddressSpace(kernel.machine, kernel.pmm, 7);
  return { kernel, m: kernel.machine, vm, mem: new ProcessMemory(vm) };
}

/** What the machine's MMU makes of va under these tables: the physical address and EL0 permissions, or the fault status. */
function mmuWalk(m: Kernel['machine'], vm: AddressSpace, va: number): { pa: number; perm: number } | { fault: number } {
  m.writeSysReg('TTBR0_EL1', vm.ttbr0);
  m.invalidateTlb();
  const mmu = m.cpu.mmu;
  const slot = mmu.walk(m.cpu, va % 2 ** 32 | 0, Math.floor(va / 2 ** 32), vm.asid, AccessKind.READ);
  if (slot < 0) return { fault: mmu.faultStatus };
  return { pa: mmu.off[slot] + m.memory.base, perm: mmu.perm[slot] & (Perm.R0 | Perm.W0 | Perm.X0) };
}

t.test('a region faults in zeroed pages that the machine MMU translates with the region permissions', (t) => {
  const { m, vm, kernel } = setup();
  vm.addRegion({ start: 0x400000, end: 0x402000, prot: Prot.READ | Prot.EXEC, kind: 'text', name: '/bin/x', shared: false, offset: 0, data: new Uint8Array([1, 2, 3, 4]), dataVa: 0x400ffe });
  vm.addRegion({ start: 0x10000000, end: 0x10004000, prot: Prot.READ | Prot.WRITE, kind: 'mmap', name: '', shared: false, offset: 0 });
  t.same(mmuWalk(m, vm, 0x400000), { fault: 0x04 }, 'nothing mapped yet: translation fault at level 0');
  const before = kernel.pmm.freePages;
  t.equal(vm.handleFault(0x400ffe, Prot.READ), FaultResult.HANDLED);
  t.ok(vm.lookup(0x401000) >= 0, "fault-around: the same fault mapped the text's other page (its 64 KiB window)");
  t.equal(vm.handleFault(0x401000, Prot.EXEC), FaultResult.SEGV, 'a fault on a present page is a permission fault');
  t.equal(vm.handleFault(0x10000010, Prot.WRITE), FaultResult.HANDLED);
  t.equal(before - kernel.pmm.freePages, 3 + 4, 'three pages plus tables: one L1, one L2, two L3');
  const text = mmuWalk(m, vm, 0x400ffe);
  t.ok('pa' in text);
  if ('pa' in text) {
    t.equal(text.pa, vm.lookup(0x400000));
    t.equal(text.perm, Perm.R0 | Perm.X0, 'text: EL0 read + execute, not writable');
    t.same([...m.memory.read(text.pa + 0xffe, 2)], [1, 2], 'backing bytes placed at their address');
  }
  const next = mmuWalk(m, vm, 0x401000);
  if ('pa' in next) t.same([...m.memory.read(next.pa, 2)], [3, 4], 'and across the page boundary');
  const data = mmuWalk(m, vm, 0x10000000);
  if ('pa' in data) t.equal(data.perm, Perm.R0 | Perm.W0, 'data: EL0 read/write, never executable');
  t.equal(vm.handleFault(0x402000, Prot.READ), FaultResult.SEGV, 'outside every region');
  t.equal(vm.handleFault(0x400000, Prot.WRITE), FaultResult.SEGV, 'write to text');
  t.equal(vm.handleFault(0x10000000, Prot.EXEC), FaultResult.SEGV, 'exec of data');
  t.equal(vm.handleFault(0x816003, Prot.WRITE), FaultResult.SEGV);
  t.end();
});

t.test('user memory access: EFAULT on bad pointers, pages fault in, writes are all-or-nothing', (t) => {
  const { vm, mem } = setup();
  vm.addRegion({ start: 0x10000000, end: 0x10002000, prot: Prot.READ | Prot.WRITE, kind: 'mmap', name: '', shared: false, offset: 0 });
  vm.addRegion({ start: 0x20000000, end: 0x20001000, prot: Prot.READ, kind: 'mmap', name: '', shared: false, offset: 0 });
  mem.write(0x10000ffe, new TextEncoder().encode('hi there\0'));
  t.equal(mem.readCString(0x10000ffe), 'hi there', 'string across a page boundary');
  mem.writeU64(0x10000100, 0x1122334455667788n);
  t.equal(mem.readU64(0x10000100), 0x1122334455667788n);
  t.equal(mem.readU32(0x10000100), 0x55667788);
  const efault = (fn: () => unknown) => t.throws(fn, /EFAULT/);
  efault(() => mem.read(0x0, 1));
  efault(() => mem.read(0x10001ff0, 0x20));
  efault(() => mem.write(0x20000000, new Uint8Array(1)));
  efault(() => mem.read(2 ** 52, 1));
  efault(() => mem.read(-1, 1));
  efault(() => mem.readCString(0x30000000));
  const before = mem.read(0x10001ff0, 16);
  efault(() => mem.write(0x10001ff0, new Uint8Array(32).fill(9)));
  t.same(mem.read(0x10001ff0, 16), before, 'a write that would fault part-way writes nothing');
  t.equal(mem.read(0x20000000, 4).length, 4, 'read-only memory reads');
  t.end();
});

t.test('fault-around: a read-only file mapping maps its 64 KiB window with one read; writable memory page by page', (t) => {
  const { vm } = setup();
  const file = new Uint8Array(20 * 4096).map((_, i) => (i >> 12) + 1);
  const reads: Array<[number, number]> = [];
  const source: MappingSource = {
    writable: false,
    inode: null,
    readAt: (offset, length) => (reads.push([offset, length]), file.slice(offset, offset + length)),
    pwrite: () => 0,
    stat: () => ({ size: file.length }),
    retain: () => source,
    release: () => undefined,
  };
  // The file's pages 2..19 at 0x20002000 (so the first window is cut short by the region's start).
  vm.addRegion({ start: 0x20002000, end: 0x20014000, prot: Prot.READ | Prot.EXEC, kind: 'mmap', name: '/lib/x.so', shared: false, offset: 0x2000, source });
  vm.addRegion({ start: 0x30000000, end: 0x30010000, prot: Prot.READ | Prot.WRITE, kind: 'mmap', name: '/lib/x.so', shared: false, offset: 0, source });
  const mapped = (start: number, end: number) => {
    const out: number[] = [];
    for (let va = start; va < end; va += 4096) if (vm.lookup(va) >= 0) out.push((va - start) / 4096);
    return out;
  };
  t.equal(vm.handleFault(0x20005008, Prot.READ), FaultResult.HANDLED);
  t.same(mapped(0x20000000, 0x20014000), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 'the window [0x20000000, 0x20010000) within the region');
  t.same(reads, [[0x2000, 14 * 4096]], 'read from the file once');
  t.equal(vm.handleFault(0x20012000, Prot.EXEC), FaultResult.HANDLED);
  t.same(mapped(0x20010000, 0x20014000), [0, 1, 2, 3], 'the next window, cut short by the region end');
  t.equal(reads.length, 2);
  const pa = vm.lookup(0x20013000);
  t.same([...new ProcessMemory(vm).read(0x20013000, 1)], [20], 'each page holds its own file bytes');
  t.ok(pa >= 0);
  reads.length = 0;
  t.equal(vm.handleFault(0x30004000, Prot.WRITE), FaultResult.HANDLED);
  t.same(mapped(0x30000000, 0x30010000), [4], 'a writable private mapping: only the page touched');
  t.same(reads, [[0x4000, 4096]]);
  t.end();
});

t.test('unmap, protect and release return pages and update descriptors; maps text is Linux-shaped', (t) => {
  const { m, vm, kernel } = setup();
  const base = kernel.pmm.freePages;
  vm.addRegion({ start: 0x10000000, end: 0x10010000, prot: Prot.READ | Prot.WRITE, kind: 'mmap', name: '', shared: false, offset: 0 });
  for (let va = 0x10000000; va < 0x10010000; va += 4096) vm.handleFault(va, Prot.WRITE);
  t.equal(vm.residentPages, 16);
  vm.unmap(0x10004000, 0x10008000);
  t.equal(vm.residentPages, 12);
  t.same(vm.regions().map((r) => [r.start, r.end]), [[0x10000000, 0x10004000], [0x10008000, 0x10010000]], 'region split around the hole');
  t.same(mmuWalk(m, vm, 0x10004000), { fault: 0x07 }, 'unmapped page: level-3 translation fault');
  vm.protect(0x10000000, 0x10002000, Prot.READ);
  const ro = mmuWalk(m, vm, 0x10001000);
  t.ok('pa' in ro && ro.perm === Perm.R0, 'protect: read-only descriptor');
  t.throws(() => vm.protect(0x10000000, 0x10006000, Prot.READ), 'protect over a hole is ENOMEM');
  vm.addRegion({ start: 0x3fef0000, end: 0x3ffff000, prot: Prot.READ | Prot.WRITE, kind: 'stack', name: '[stack]', shared: false, offset: 0, growsDown: true });
  const text = vm.mapsText();
  t.match(text, /^10000000-10002000 r--p 00000000 00:00 0\n/);
  t.match(text, /3fef0000-3ffff000 rw-p 00000000 00:00 0 +\[stack\]\n$/);
  t.equal(vm.handleFault(0x3fee0010, Prot.WRITE), FaultResult.HANDLED, 'the stack grows down on a fault just below it');
  t.equal(vm.findRegion(0x3fee0010)?.name, '[stack]');
  t.equal(vm.handleFault(0x3f000000, Prot.WRITE), FaultResult.SEGV, 'but not past 8 MiB');
  vm.release();
  t.equal(kernel.pmm.freePages, base + 1, 'release frees every page and table (root included)');
  t.end();
});

t.test('per-address-space page limit turns into OOM, not a host error', (t) => {
  const { kernel } = setup();
  const vm = new AddressSpace(kernel.machine, kernel.pmm, 9, { maxPages: 8 });
  vm.addRegion({ start: 0x10000000, end: 0x10100000, prot: Prot.READ | Prot.WRITE, kind: 'mmap', name: '', shared: false, offset: 0 });
  let oom = -1;
  for (let i = 0; i < 20; i++) {
    if (vm.handleFault(0x10000000 + i * 4096, Prot.WRITE) === FaultResult.OOM) {
      oom = i;
      break;
    }
  }
  t.ok(oom > 0 && oom <= 8, `OOM after ${oom} pages`);
  t.throws(() => new ProcessMemory(vm).write(0x10050000, new Uint8Array(1)), /ENOMEM/, 'kernel access gets ENOMEM');
  vm.release();
  t.end();
});

t.test('two address spaces: same VA, different pages, different ASIDs', (t) => {
  const { kernel, m } = setup();
  const a = new AddressSpace(kernel.machine, kernel.pmm, 1);
  const b = new AddressSpace(kernel.machine, kernel.pmm, 2);
  for (const vm of [a, b]) {
    vm.addRegion({ start: 0x400000, end: 0x401000, prot: Prot.READ | Prot.WRITE, kind: 'data', name: '', shared: false, offset: 0 });
    vm.handleFault(0x400000, Prot.WRITE);
  }
  t.not(a.lookup(0x400000), b.lookup(0x400000));
  t.equal(a.ttbr0 >> 48n, 1n);
  t.equal(b.ttbr0 >> 48n, 2n);
  const wa = mmuWalk(m, a, 0x400000);
  const wb = mmuWalk(m, b, 0x400000);
  t.ok('pa' in wa && 'pa' in wb && wa.pa !== wb.pa);
  t.equal(pageUp(0x400001), 0x401000);
  t.end();
});
