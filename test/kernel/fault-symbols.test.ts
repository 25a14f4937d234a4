// Fault reports name the function of the PC beyond fixed-address programs: in a
// position-independent program loaded at a random bias (faultpie, static-pie with .symtab),
// and from .dynsym alone in a stripped shared library (the cross toolchain's libc.so.6),
// checked against gdb and nm on the same files.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ktBinary } from './kernel-helpers.js';
import { symbolAt, vaddrOfOffset, isFixedImage } from '../../kernel/debug/symbols.js';

const CLI = join(ROOT, 'dist/server/cli.js');
const LIBC = '/usr/aarch64-linux-gnu/lib/libc.so.6';

t.test('a PIE program: the function at its load bias, as gdb names the same instruction', (t) => {
  const prog = ktBinary('faultpie');
  const r = spawnSync(process.execPath, [CLI, 'run', prog], { encoding: 'utf8', timeout: 120_000 });
  t.equal(r.status, 139);
  const line = r.stderr.split('\n')[2];
  t.match(line, /^ {2}at boom\+0x4 \(0x[0-9a-f]+\): str w1, \[x0\] {3}w1=0x7 x0=0x0$/);
  const pc = BigInt(/\((0x[0-9a-f]+)\)/.exec(line)?.[1] ?? '0');
  const elr = BigInt(/ELR=(0x[0-9a-f]+)/.exec(r.stderr)?.[1] ?? '1');
  t.equal(pc, elr, 'at the ELR');
  t.not(pc & ~0xfffn, 0n, 'loaded away from its link address');
  const image = readFileSync(prog);
  t.notOk(isFixedImage(image), 'ET_DYN');
  const g = spawnSync('gdb-multiarch', ['-batch', '-nx', '-ex', 'info symbol boom+4', prog], { encoding: 'utf8' });
  if (g.status === 0) t.match(g.stdout, /^boom \+ 4 in section \.text/m, 'gdb: the same function and offset');
  t.end();
});

t.test('a stripped shared library: .dynsym names its exported functions, as nm lists them', { skip: existsSync(LIBC) ? false : `${LIBC} not installed` }, (t) => {
  const image = readFileSync(LIBC);
  const nm = spawnSync('aarch64-linux-gnu-nm', ['-D', '-S', '--defined-only', LIBC], { encoding: 'utf8' });
  if (nm.status !== 0) {
    t.skip('aarch64-linux-gnu-nm not installed', () => {});
    return t.end();
  }
  // Every defined function by address, with its binding (T global, W weak).
  const byAddress = new Map<number, Array<{ name: string; global: boolean }>>();
  for (const l of nm.stdout.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) ([TW]) (\w+)@/.exec(l);
    if (!m) continue;
    const list = byAddress.get(Number.parseInt(m[1], 16)) ?? [];
    list.push({ name: m[4], global: m[3] === 'T' });
    byAddress.set(Number.parseInt(m[1], 16), list);
  }
  let checked = 0;
  for (const wanted of ['abort', 'puts', 'exit', 'malloc', 'fopen']) {
    const at = [...byAddress].find(([, names]) => names.some((n) => n.name === wanted));
    if (!at) continue;
    const [value, names] = at;
    // Aliases share the address (puts is _IO_puts's weak alias): a global name is the one shown.
    const allowed = (names.some((n) => n.global) ? names.filter((n) => n.global) : names).map((n) => `${n.name}+0x4`);
    const got = symbolAt(image, value + 4);
    t.ok(got !== null && allowed.includes(got), `${wanted}: ${got} is one of ${allowed.join(', ')}`);
    checked++;
  }
  t.ok(checked >= 4, `${checked} functions checked`);
  // The run-time view: a file offset inside the text maps back to the ELF's own address.
  t.equal(vaddrOfOffset(image, 0x1000), 0x1000, 'libc.so.6 text: offset = address');
  t.end();
});
