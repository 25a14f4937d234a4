// The README's guide "Finding the seed's bug", run as written so it cannot rot: the section's
// code blocks are read from README.md, every `$ command` is run by bash in the repository (a
// trailing `&` in the background, as a reader's second terminal would), each `(gdb) command`
// goes to the gdb-multiarch of the block (in batch mode, one -ex per line), and every other
// line of a block is output the guide promises: it must appear, in that order, in what the
// commands printed (whitespace runs are one space; `...` stands for anything). The only thing
// changed is the gdb port, 1234 in the text, here a free one so tests can run side by side.
import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../kernel/kernel-helpers.js';
import { listening } from '../kernel/gdb-helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const HAVE_GDB = spawnSync('gdb-multiarch', ['--version']).status === 0;

interface Step {
  /** A shell command (`$ ...`) or a gdb command (`(gdb) ...`). */
  kind: 'shell' | 'gdb';
  text: string;
  expect: string[];
}

/** The guide's code blocks, each a list of commands with the output shown under them. */
function guideBlocks(): Step[][] {
  const start = README.indexOf("\n## Finding the seed's bug\n");
  if (start < 0) throw new Error("README has no section \"Finding the seed's bug\"");
  const end = README.indexOf('\n## ', start + 5);
  const lines = README.slice(start, end < 0 ? undefined : end).split('\n');
  const blocks: Step[][] = [];
  let block: Step[] | null = null;
  for (const line of lines) {
    if (!line.startsWith('    ')) {
      if (line.trim() !== '') block = null;
      continue;
    }
    const code = line.slice(4);
    if (!block) blocks.push((block = []));
    if (code.startsWith('$ ')) block.push({ kind: 'shell', text: code.slice(2), expect: [] });
    else if (code.startsWith('(gdb) ')) block.push({ kind: 'gdb', text: code.slice(6), expect: [] });
    else if (block.length) block[block.length - 1].expect.push(code);
  }
  return blocks;
}

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Every expected line, in order, somewhere in out's lines ( `...` = anything ). */
function checkOutput(t: { ok: (v: unknown, m: string) => void; comment: (m: string) => void }, out: string, expect: string[], what: string): void {
  const lines = out.split('\n').map(normal);
  let at = 0;
  for (const e of expect) {
    if (normal(e) === '...') continue;
    const re = new RegExp('^' + normal(e).split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
    const found = lines.findIndex((l, i) => i >= at && re.test(l));
    t.ok(found >= 0, `${what}: shows ${JSON.stringify(e.trim())}`);
    if (found < 0) {
      t.comment(out);
      return;
    }
    at = found + 1;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function bash(command: string): ChildProcess {
  return spawn('bash', ['-c', `exec ${command} 2>&1`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
}

function collect(child: ChildProcess, timeoutMs = 180_000): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const quoteSh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

t.test("README: Finding the seed's bug, every command as written", async (t) => {
  const blocks = guideBlocks();
  t.ok(blocks.length >= 4, `${blocks.length} code blocks in the guide`);
  const usesGdb = blocks.some((b) => b.some((s) => s.kind === 'gdb'));
  for (const [n, block] of blocks.entries()) {
    if (usesGdb && block.some((s) => s.kind === 'gdb') && !HAVE_GDB) {
      t.pass(`skip: block ${n + 1} needs gdb-multiarch`);
      continue;
    }
    const port = await freePort();
    const background: Array<{ step: Step; out: Promise<string> }> = [];
    for (let i = 0; i < block.length; i++) {
      const step = block[i];
      if (step.kind !== 'shell') continue;
      const command = step.text.replace(/\b1234\b/g, String(port));
      if (command.endsWith('&')) {
        const child = bash(command.slice(0, -1).trim());
        background.push({ step, out: collect(child) });
        for (let k = 0; k < 600 && child.exitCode === null && !listening(port); k++) await new Promise((r) => setTimeout(r, 50));
        t.ok(listening(port), `block ${n + 1}: ${step.text} listens`);
        continue;
      }
      let full = command;
      const gdbSteps: Step[] = [];
      while (block[i + 1]?.kind === 'gdb') gdbSteps.push(block[++i]);
      if (gdbSteps.length) {
        t.match(command, /^gdb-multiarch /, 'gdb commands follow a gdb-multiarch command');
        full = command.replace(/^gdb-multiarch /, 'gdb-multiarch -batch -nx ') + gdbSteps.map((g) => ' -ex ' + quoteSh(g.text.replace(/\s+#.*$/, ''))).join('');
      }
      const out = await collect(bash(full));
      checkOutput(t, out, [...step.expect, ...gdbSteps.flatMap((g) => g.expect)], `block ${n + 1}: ${step.text}`);
    }
    for (const b of background) checkOutput(t, await b.out, b.step.expect, `block ${n + 1}: ${b.step.text}`);
  }
  t.end();
});
