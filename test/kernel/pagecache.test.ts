/**
 * Read-only text shared between processes: two processes running the same dynamically
 * linked program map libc's text from the same physical pages (the file page cache), and a
 * process that makes such a page writable gets its own copy first; a program's own text is
 * shared the same way, and a rewritten program never runs the pages of its older bytes.
 */

import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { fileStamp } from '../../kernel/pagecache.js';
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

t.test("a program's own text is shared by every process running it", async (t) => {
  const b = boot();
  const free0 = b.kernel.pmm.freePages;
  const catElf = readFileSync(join(ROOT, 'packages/bin/cat'));
  b.vfs.writeFile('/bin/cat', catElf, { mode: 0o755 });
  const start = () => {
    const stdin = new HostInput();
    const out: string[] = [];
    const stdout = new HostOutput((d) => void out.push(Buffer.from(d).toString()));
    const proc = b.kernel.spawn('/bin/cat', ['cat'], [], { stdin, stdout, stderr: stdout });
    return { proc, stdin, out };
  };
  const entryPage = (p: ReturnType<typeof start>['proc']) => {
    const text = p.vm.regions().find((r) => r.name === '/bin/cat' && r.prot & Prot.EXEC)!;
    return { text, pa: () => p.vm.lookup(text.start) };
  };
  const a = start();
  const c = start();
  // Both block reading stdin once they have run their start-up code (event: the thread state).
  for (let i = 0; i < 3000 && !(a.proc.threads[0].state === 'blocked' && c.proc.threads[0].state === 'blocked'); i++) await new Promise((r) => setTimeout(r, 10));
  const ea = entryPage(a.proc);
  const ec = entryPage(c.proc);
  t.ok(ea.text.source, 'the text region maps the file (not a private copy of its bytes)');
  t.ok(ea.pa() >= 0 && ea.pa() === ec.pa(), 'both processes map the same physical page for the text they ran');
  a.stdin.push(Buffer.from('one\n'));
  a.stdin.end();
  c.stdin.push(Buffer.from('two\n'));
  c.stdin.end();
  await Promise.all([a.proc.exited, c.proc.exited]);
  t.equal(a.out.join('') + c.out.join(''), 'one\ntwo\n');
  t.equal(b.kernel.pmm.freePages, free0, 'with no process running the file, its cached pages are free memory again');
  b.kernel.shutdown();
  t.end();
});

t.test('a rewritten program runs its new bytes, even when the rewrite keeps its size and mtime', async (t) => {
  const b = boot();
  const yes = readFileSync(join(ROOT, 'packages/bin/true'));
  const no = readFileSync(join(ROOT, 'packages/bin/false'));
  t.equal(yes.length, no.length, 'true and false are the same size (what makes the stamp matter)');
  const status = async (): Promise<number> => {
    const stdin = new HostInput();
    stdin.end();
    const sink = new HostOutput(() => undefined);
    const p = b.kernel.spawn('/bin/x', ['x'], [], { stdin, stdout: sink, stderr: sink });
    return (await p.exited).code;
  };
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    b.vfs.writeFile('/bin/x', i % 2 ? no : yes, { mode: 0o755 });
    seen.push(await status());
  }
  t.same(seen, [0, 1, 0, 1], 'each exec ran the bytes written last');
  // Writing in place through an open file (the inode stays, only its bytes change), with the
  // old mtime put back each time as tar, rsync or `touch -d` do: size and mtime alike.
  const fd = b.vfs.open('/bin/x', 2 /* O_RDWR */);
  const inode = fd.inode as { mtimeMs: number };
  const inPlace: number[] = [];
  const stamps = new Set<string>();
  for (let i = 0; i < 4; i++) {
    fd.pwrite(0, i % 2 ? no : yes);
    inode.mtimeMs = 1_000_000;
    stamps.add(fileStamp(fd.inode as Parameters<typeof fileStamp>[0]));
    inPlace.push(await status());
  }
  t.equal(stamps.size, 4, 'every version of the bytes has its own page-cache stamp');
  fd.release();
  t.same(inPlace, [0, 1, 0, 1], 'in-place rewrites that keep size and mtime too');
  b.kernel.shutdown();
  t.end();
});
