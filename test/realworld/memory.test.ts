/**
 * Memory mappings as glibc programs use them, compared with qemu-aarch64: mremap (in place,
 * MREMAP_MAYMOVE, MREMAP_FIXED, shrinking, a file mapping, realloc of large blocks, the
 * errors) and file mappings (MAP_SHARED written back on msync/munmap and shared across
 * fork, MAP_PRIVATE kept private and read lazily, mappings outliving close and unlink),
 * MAP_SHARED coherent with read/write without msync, and process-shared futexes.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { realworldBinary, runUnderAkuma, sameAsHostBuild, sameAsQemu } from './compare.js';

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

t.test('memory/pkeys: protection keys on a CPU without them (pkey_alloc ENOSPC, pkey_free EINVAL, pkey_mprotect only with key -1 or 0) and process_madvise as Linux 6.1 checks it', async (t) => {
  // The host's CPU may have keys (x86 PKU) and qemu-aarch64 has no pkey calls: the answers of
  // Linux's no-pkeys code and 6.1's process_madvise (CAP_SYS_NICE even for oneself) are stated here.
  const bin = realworldBinary('memory', 'pkeys');
  if (!existsSync(bin)) return void t.pass('skip pkeys: not built');
  const a = runUnderAkuma(bin);
  t.equal(a.stdout, [
    "pkey_alloc: ENOSPC",
    "pkey_alloc bad flags: EINVAL",
    "pkey_alloc bad rights: EINVAL",
    "pkey_free 1: EINVAL",
    "pkey_mprotect key -1: ok",
    "pkey_mprotect key 0: ok",
    "pkey_mprotect key 1: EINVAL",
    "pkey_mprotect unaligned: EINVAL",
    "still writable: yes",
    "process_madvise COLD: ok 12288",
    "process_madvise DONTNEED: EINVAL",
    "process_madvise flags: EINVAL",
    "process_madvise not a pidfd: EBADF",
    "process_madvise over a hole: ENOMEM -1",
    "process_madvise of unmapped only: ENOMEM",
    "process_madvise unprivileged: EPERM",
    '',
  ].join('\n'), `pkeys output${a.stderr ? ` (stderr: ${a.stderr.split('\n')[0]})` : ''}`);
  t.equal(a.status, 0, 'exit status 0');
});
