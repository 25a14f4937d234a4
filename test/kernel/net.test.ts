/**
 * The socket, polling and event-file system calls at the syscall level: nettest checks each
 * call's result and errno (the same lines as under qemu-aarch64, i.e. Linux), netfuzz throws
 * random arguments at all of them and the kernel must answer every one (no host exception
 * turned into EIO, no hang) and keep running programs afterwards, and netfill shows that
 * socket buffers and epoll sets are charged to the process's memory limit.
 */

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { boot, ktBinary, run } from './kernel-helpers.js';

const NETTEST = ktBinary('nettest');

t.test('nettest passes', async (t) => {
  const r = await run(boot(), NETTEST);
  t.equal(r.exit.code, 0, 'exit 0');
  t.match(r.stdout, /\nALL PASSED\n$/, 'ALL PASSED');
  if (r.exit.code !== 0) t.comment(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n'));
});

t.test('nettest prints the same as under qemu-aarch64 (Linux)', async (t) => {
  const probe = spawnSync('qemu-aarch64', ['--version']);
  if (probe.error) {
    t.pass('skip: qemu-aarch64 is not installed');
    return;
  }
  const q = spawnSync('qemu-aarch64', [NETTEST], { encoding: 'utf8', timeout: 60_000 });
  t.equal(q.status, 0, 'passes under qemu');
  const r = await run(boot(), NETTEST);
  t.equal(r.stdout, q.stdout, 'same lines');
});

t.test('random arguments to every new call: the kernel answers each and keeps working', async (t) => {
  const b = boot();
  const r = await run(b, ktBinary('netfuzz'), ['20000'], [], 120_000);
  t.equal(r.exit.code, 0, 'the fuzzer ran to its end');
  t.equal(r.stdout, 'calls 20000 succeeded some EIO 0\n', 'no call failed with a host exception (EIO)');
  const again = await run(b, NETTEST);
  t.match(again.stdout, /\nALL PASSED\n$/, 'the same kernel still runs nettest afterwards');
});

t.test('socket buffers and epoll sets count against the process memory limit', async (t) => {
  const limit = 16 * 1024 * 1024;
  const r = await run(boot({ processMemoryLimit: limit }), ktBinary('netfill'), [], [], 120_000);
  t.equal(r.exit.code, 0, 'exit 0');
  const m = /pairs (\d+) buffered_kib (\d+)/.exec(r.stdout);
  t.ok(m, `output: ${r.stdout.trim()}`);
  const kib = Number(m?.[2] ?? Infinity);
  t.ok(kib * 1024 < limit, `buffered ${kib} KiB stays under the ${limit / 1024} KiB limit`);
  t.ok(kib > 0, 'some data was buffered');
});
