import t from 'tap';
import { PhysicalMemory } from '../../machine/memory.js';
import { PageKind, PhysicalPageAllocator } from '../../kernel/pmm.js';

t.test('pages come out zeroed, unique, and go back on free', (t) => {
  const mem = new PhysicalMemory(64 * 4096);
  const pmm = new PhysicalPageAllocator(mem);
  t.equal(pmm.totalPages, 64);
  t.equal(pmm.freePages, 64);
  const a = pmm.alloc();
  const b = pmm.alloc();
  t.not(a, b, 'distinct frames');
  t.equal(a % 4096, 0);
  t.ok(mem.contains(a, 4096) && mem.contains(b, 4096), 'inside RAM');
  mem.fill(a, 4096, 0xab);
  pmm.free(a);
  const c = pmm.alloc();
  t.equal(c, a, 'a freed frame is reused');
  t.equal(mem.read(c, 4096).some((x) => x !== 0), false, 'reused frame is zeroed');
  t.equal(pmm.usedPages, 2);
  t.equal(pmm.used[PageKind.USER], 2);
  pmm.free(b);
  pmm.free(c);
  t.equal(pmm.freePages, 64);
  t.end();
});

t.test('exhaustion returns -1 (tryAlloc) or throws (alloc), never corrupts', (t) => {
  const pmm = new PhysicalPageAllocator(new PhysicalMemory(8 * 4096));
  const got = new Set<number>();
  for (let i = 0; i < 8; i++) got.add(pmm.alloc(i % 2 ? PageKind.PAGETABLE : PageKind.USER));
  t.equal(got.size, 8);
  t.equal(pmm.tryAlloc(), -1);
  t.throws(() => pmm.alloc(), /out of physical memory/);
  t.same(pmm.used, [4, 4]);
  for (const pa of got) pmm.free(pa);
  t.equal(pmm.freePages, 8);
  t.same(pmm.used, [0, 0]);
  t.end();
});

t.test('reference counts: a shared page is freed by its last owner; double free is caught', (t) => {
  const pmm = new PhysicalPageAllocator(new PhysicalMemory(4 * 4096));
  const a = pmm.alloc();
  pmm.ref(a);
  t.equal(pmm.refCount(a), 2);
  pmm.free(a);
  t.equal(pmm.freePages, 3, 'still owned once');
  pmm.free(a);
  t.equal(pmm.freePages, 4);
  t.throws(() => pmm.free(a), /double free/);
  t.end();
});
