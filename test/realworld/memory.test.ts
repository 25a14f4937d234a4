/**
 * Memory mappings as glibc programs use them, compared with qemu-aarch64: mremap (in place,
 * MREMAP_MAYMOVE, MREMAP_FIXED, shrinking, a file mapping, realloc of large blocks, the
 * errors) and file mappings (MAP_SHARED written back on msync/munmap and shared across
 * fork, MAP_PRIVATE kept private and read lazily, mappings outliving close and unlink),
 * MAP_SHARED coherent with read/write without msync, and process-shared futexes.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { realworldBinary, sameAsHostBuild, sameAsQemu } from './compare.js';

t.test('mremap', (t) => {
  const r = sameAsQemu(t, 'mremap', realworldBinary('memory', 'mremap'));
  if (r) t.match(r.stdout, /file mapping: abcdef\n/, 'a moved file mapping reads its new pages from the file');
  t.end();
});

t.test('shared and private file mappings', (t) => {
  const r = sameAsQemu(t, 'mapshared', realworldBinary('memory', 'mapshared'));
  if (r) t.match(r.stdout, /after msync the file has: shared!\n/);
  t.end();
});

t.test('MAP_SHARED is the page cache: coherent with read/write without msync, across mappings and fork; shared anonymous memory', (t) => {
  sameAsQemu(t, 'mapcoherent', realworldBinary('memory', 'mapcoherent'));
  t.end();
});

t.test('process-shared mutex, condvar, barrier, semaphores and raw futexes between a parent and its fork child', (t) => {
  sameAsQemu(t, 'pshared', realworldBinary('memory', 'pshared'));
  t.end();
});

t.test('mincore, MADV_DONTNEED on private and shared memory, madvise errors, MREMAP_DONTUNMAP checks, MREMAP_FIXED', async (t) => {
  // qemu-aarch64 7.2 answers every madvise with success: the host's Linux is the reference.
  sameAsHostBuild(t, 'memory', 'madvise');
});

t.test('memory/mempolicy: set_mempolicy/get_mempolicy modes, flags and masks, mbind and MPOL_F_ADDR, move_pages, migrate_pages on a one-node machine', async (t) => {
  // The answers depend on the machine's nodes: the host's Linux is the reference when it has one node, as the guest does.
  if (existsSync('/sys/devices/system/node/node1')) return void t.pass('skip mempolicy: the host has more than one NUMA node');
  sameAsHostBuild(t, 'memory', 'mempolicy');
});
