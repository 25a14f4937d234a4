/**
 * Guest programs exercising the file system through the real kernel: the fstest C program
 * (every file syscall's results and errno values, also run under qemu-aarch64 where installed
 * so that Linux is the reference), a pipeline of two processes through a kernel pipe, and the
 * Rust ls/cat/mkdir/cp/mv/rm programs on the disk and /tmp.
 */

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipe } from '../../kernel/fs/pipe.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { boot, ktBinary, pkgBinary, run } from './kernel-helpers.js';

const FSTEST = ktBinary('fstest');

t.test('fstest passes on tmpfs and on the disk', async (t) => {
  for (const dir of ['/tmp/fst', '/home/user/fst']) {
    const b = boot();
    const r = await run(b, FSTEST, [dir]);
    t.equal(r.exit.code, 0, `${dir}: exit 0`);
    t.match(r.stdout, /\nALL PASSED\n$/, `${dir}: ALL PASSED`);
    if (r.exit.code !== 0) t.comment(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')).join('\n'));
    t.notOk(b.vfs.exists(dir), 'cleaned up after itself');
  }
});

t.test('fstest prints the same as under qemu-aarch64 (Linux)', async (t) => {
  const probe = spawnSync('qemu-aarch64', ['--version']);
  if (probe.error) {
    t.pass('skipped: qemu-aarch64 is not installed');
    return;
  }
  const hostDir = mkdtempSync(join(tmpdir(), 'fstest-'));
  t.teardown(() => rmSync(hostDir, { recursive: true, force: true }));
  const q = spawnSync('qemu-aarch64', [FSTEST, join(hostDir, 'fst')], { encoding: 'utf8' });
  t.equal(q.status, 0, 'passes under qemu');
  const b = boot();
  const r = await run(b, FSTEST, ['/tmp/fst']);
  t.equal(r.stdout, q.stdout, 'same lines');
});

t.test('a pipeline: echo | cat through a kernel pipe', async (t) => {
  const echo = pkgBinary('echo');
  const cat = pkgBinary('cat');
  if (!echo || !cat) {
    t.pass('skipped: packages/bin/echo or cat not built');
    return;
  }
  const b = boot();
  b.vfs.writeFile('/bin/echo', readFileSync(echo), { mode: 0o755 });
  b.vfs.writeFile('/bin/cat', readFileSync(cat), { mode: 0o755 });
  const out: Buffer[] = [];
  const stdout = new HostOutput((d) => void out.push(Buffer.from(d)));
  const stderr = new HostOutput(() => true);
  const stdin = new HostInput();
  stdin.end();
  const [r, w] = createPipe();
  const p1 = b.kernel.spawn('/bin/echo', ['echo', 'through', 'a', 'pipe'], [], { cwd: '/', stdin, stdout: w, stderr });
  const p2 = b.kernel.spawn('/bin/cat', ['cat'], [], { cwd: '/', stdin: r, stdout, stderr });
  // The spawned processes hold their own references now.
  r.release();
  w.release();
  const [e1, e2] = await Promise.all([p1.exited, p2.exited]);
  t.equal(e1.code, 0);
  t.equal(e2.code, 0);
  t.equal(Buffer.concat(out).toString(), 'through a pipe\n');
});

t.test('a large stream through a pipe keeps every byte in order', async (t) => {
  const cat = pkgBinary('cat');
  if (!cat) {
    t.pass('skipped: packages/bin/cat not built');
    return;
  }
  const b = boot();
  b.vfs.writeFile('/bin/cat', readFileSync(cat), { mode: 0o755 });
  const data = Buffer.alloc(1 << 20);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 10)) & 0xff;
  b.vfs.writeFile('/home/user/big', data);
  const out: Buffer[] = [];
  const [r, w] = createPipe();
  const stdout = new HostOutput((d) => void out.push(Buffer.from(d)));
  const stderr = new HostOutput(() => true);
  const stdin = new HostInput();
  stdin.end();
  const p1 = b.kernel.spawn('/bin/cat', ['cat', '/home/user/big'], [], { cwd: '/', stdin, stdout: w, stderr });
  const p2 = b.kernel.spawn('/bin/cat', ['cat'], [], { cwd: '/', stdin: r, stdout, stderr });
  r.release();
  w.release();
  const [e1, e2] = await Promise.all([p1.exited, p2.exited]);
  t.equal(e1.code, 0);
  t.equal(e2.code, 0);
  t.ok(Buffer.concat(out).equals(data), '1 MiB arrived intact');
});

t.test('Rust file tools on the disk: mkdir, cp, mv, ls, rm', async (t) => {
  const tools = ['mkdir', 'cp', 'mv', 'ls', 'rm', 'cat'].map((n) => [n, pkgBinary(n)] as const);
  if (tools.some(([, p]) => !p)) {
    t.pass('skipped: packages/bin file tools not built');
    return;
  }
  const b = boot();
  b.vfs.writeFile('/home/user/src.txt', 'copied text\n');
  const runTool = async (name: string, args: string[]) => run(b, pkgBinary(name)!, args);
  t.equal((await runTool('mkdir', ['/home/user/dir'])).exit.code, 0, 'mkdir');
  t.equal((await runTool('cp', ['/home/user/src.txt', '/home/user/dir/copy.txt'])).exit.code, 0, 'cp');
  t.equal(b.vfs.readText('/home/user/dir/copy.txt'), 'copied text\n');
  t.equal((await runTool('mv', ['/home/user/dir/copy.txt', '/home/user/dir/moved.txt'])).exit.code, 0, 'mv');
  const ls = await runTool('ls', ['/home/user/dir']);
  t.equal(ls.exit.code, 0, 'ls');
  t.match(ls.stdout, /moved\.txt/);
  t.notMatch(ls.stdout, /copy\.txt/);
  t.equal((await runTool('cat', ['/home/user/dir/moved.txt'])).stdout, 'copied text\n', 'cat');
  t.equal((await runTool('rm', ['/home/user/dir/moved.txt'])).exit.code, 0, 'rm');
  t.notOk(b.vfs.exists('/home/user/dir/moved.txt'));
});
