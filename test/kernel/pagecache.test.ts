/**
 * Read-only text shared between processes: two processes running the same dynamically
 * linked program map libc's text from the same physical pages (the file page cache), and a
 * process that makes such a page writable gets its own copy first.
 */

import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { Prot } from '../../kernel/vm.js';
import { boot, ROOT } from './kernel-helpers.js';

const CROSS = '/usr/aarch64-linux-gnu/lib';
const CAT = join(ROOT, '.cache/debian-arm64/bin/cat');

t.test('two processes share libc text pages; mprotect to writable copies', async (t) => {
  if (!existsSync(`${CROSS}/libc.so.6`) || !existsSync(CAT)) {
    t.pass('skip: needs /usr/aarch64-linux-gnu (libc6-arm64-cross) and .cache/debian-arm64/bin/cat (.ci/run)');
    return t.end();
  }
  const b = boot({ ramSize: 128 * 1024 * 1024 });
  b.vfs.mkdir('/lib', { recursive: true });
  for (const f of ['ld-linux-aarch64.so.1', 'libc.so.6']) b.vfs.writeFile(`/lib/${f}`, readFileSync(`${CROSS}/${f}`), { mode: 0o755 });
  b.vfs.writeFile('/bin/cat', readFileSync(CAT), { mode: 0o755 });
  const start = () => {
    const stdin = new HostInput();
    const out: string[] = [];
    const stdout = new HostOutput((d) => void out.push(Buffer.from(d).toString()));
    const proc = b.kernel.spawn('/bin/cat', ['cat'], [], { stdin, stdout, stderr: stdout });
    return { proc, stdin, out };
  };
  const a = start();
  const c = start();
  const textOf = (p: typeof a.proc) => p.vm.regions().find((r) => r.name.endsWith('libc.so.6') && r.prot & Prot.EXEC);
  // Wait until both have run far into libc (they then block reading stdin).
  const touched = (p: typeof a.proc) => {
    const r = textOf(p);
    let n = 0;
    if (r) for (let va = r.start; va < r.end; va += 4096) if (p.vm.lookup(va) >= 0) n++;
    return n;
  };
  let last = -1;
  for (let i = 0; i < 500; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const now = touched(a.proc) + touched(c.proc);
    if (now > 20 && now === last) break;
    last = now;
  }
  const ta = textOf(a.proc)!;
  const tc = textOf(c.proc)!;
  t.ok(ta && tc, 'both mapped libc text');
  let shared = 0;
  let both = 0;
  for (let off = 0; off < ta.end - ta.start; off += 4096) {
    const pa = a.proc.vm.lookup(ta.start + off);
    const pc = c.proc.vm.lookup(tc.start + off);
    if (pa >= 0 && pc >= 0) {
      both++;
      if (pa === pc) shared++;
    }
  }
  t.ok(both > 10, `both touched libc text pages (${both})`);
  t.equal(shared, both, 'every text page both touched is the same physical page');
  // Writable: a's page is its own from now on, c keeps the shared one.
  const page = ta.start;
  const before = c.proc.vm.lookup(tc.start);
  a.proc.vm.protect(page, page + 4096, Prot.READ | Prot.WRITE | Prot.EXEC);
  t.not(a.proc.vm.lookup(page), before, 'mprotect(PROT_WRITE) gave the process its own copy');
  t.equal(c.proc.vm.lookup(tc.start), before, 'the other process still maps the shared page');
  a.proc.vm.protect(page, page + 4096, Prot.READ | Prot.EXEC);
  a.stdin.push(Buffer.from('one\n'));
  a.stdin.end();
  c.stdin.push(Buffer.from('two\n'));
  c.stdin.end();
  const [ea, ec] = await Promise.all([a.proc.exited, c.proc.exited]);
  t.equal(a.out.join(''), 'one\n', 'the process with the copied page still runs correctly');
  t.equal(c.out.join(''), 'two\n');
  t.equal(ea.code, 0);
  t.equal(ec.code, 0);
  b.kernel.shutdown();
  t.end();
});
