/**
 * The conformance corpus: every case in test/machine/conformance/<class>.json was run
 * under qemu-aarch64 by scripts/conformance/generate.mjs, which recorded the input state
 * and what qemu left behind. Here each snippet runs on our Machine at the same address,
 * followed by BRK #0, and every general register, SP, NZCV, V register, FPCR/FPSR and the
 * scratch memory window must match the record.
 *
 * Output stays small: one subtest per class file, one failing assertion per failing case
 * with its words, disassembly and every difference (the first CONFORMANCE_DETAIL per
 * group, default 5; the rest of a group named in one line), a `N/M cases pass` line per
 * class, and a per-group summary on stderr at the end to use as a to-do list.
 * Each class runs three times: interpreted, and compiled on first entry by the JS tier and
 * by the wasm tier (the translating tiers must give the interpreter's results). Environment knobs: CONFORMANCE_CLASS=simd,atomic runs only those files;
 * CONFORMANCE_GROUP=substring runs only matching groups; CONFORMANCE_DETAIL=N;
 * CONFORMANCE_DIR=/path reads the class files from elsewhere.
 */

import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';
import type { Tier } from '../../machine/jit/block.js';

interface CaseState {
  x?: Record<string, string>;
  sp?: string;
  nzcv?: string;
  fpcr?: string;
  fpsr?: string;
  tpidr?: string;
  v?: Record<string, string>;
}
interface Case {
  name: string;
  group: string;
  addr: string;
  code: string[];
  asm: string[];
  in: CaseState & { mem?: string };
  out: CaseState & { mem?: [number, string][] };
}
interface ClassFile {
  class: string;
  scratch: { base: string; size: number };
  defaults: { x: string[]; sp: string; nzcv: string; fpcr: string; fpsr: string; tpidr: string; v: string[] };
  cases: Case[];
}

const CORPUS = process.env.CONFORMANCE_DIR
  ? new URL(`file://${process.env.CONFORMANCE_DIR.replace(/\/?$/, '/')}`)
  : new URL('../../../test/machine/conformance/', import.meta.url);
const RAM_SIZE = 16 << 20;
const BRK0 = 0xd4200000;
const EC_BRK = 0x3c;
/** Generous: the longest snippet loops a few dozen times. */
const STEP_BUDGET = 10_000;
const DETAIL = Number(process.env.CONFORMANCE_DETAIL ?? 5);
const ONLY_CLASSES = process.env.CONFORMANCE_CLASS?.split(',');
const ONLY_GROUP = process.env.CONFORMANCE_GROUP;

const h = (v: bigint): string => '0x' + v.toString(16);

/** How a class is run: interpreted, or every block compiled at once by one of the tiers. */
type Mode = 'interpreter' | Tier;
const MODES: Mode[] = ['interpreter', 'js', 'wasm'];

function freshMachine(mode: Mode): Machine {
  const m = new Machine(mode === 'interpreter' ? { ramSize: RAM_SIZE, translate: false } : { ramSize: RAM_SIZE, translate: true, translateThreshold: 0, tier: mode });
  identityMapForEl0(m);
  return m;
}

/** The full expected state before (in) and after (out) a case. */
function states(file: ClassFile, c: Case) {
  const d = file.defaults;
  const x = d.x.map((v, n) => BigInt(c.in.x?.[n] ?? v));
  const v = d.v.map((val, n) => BigInt(c.in.v?.[n] ?? val));
  const input = {
    x,
    v,
    sp: BigInt(c.in.sp ?? d.sp),
    nzcv: Number(c.in.nzcv ?? d.nzcv),
    fpcr: Number(c.in.fpcr ?? d.fpcr),
    fpsr: Number(c.in.fpsr ?? d.fpsr),
    tpidr: BigInt(c.in.tpidr ?? d.tpidr),
    mem: c.in.mem ? Buffer.from(c.in.mem, 'hex') : Buffer.alloc(file.scratch.size),
  };
  const mem = Buffer.from(input.mem);
  for (const [off, bytes] of c.out.mem ?? []) Buffer.from(bytes, 'hex').copy(mem, off);
  const output = {
    x: x.map((val, n) => BigInt(c.out.x?.[n] ?? val)),
    v: v.map((val, n) => BigInt(c.out.v?.[n] ?? val)),
    sp: BigInt(c.out.sp ?? input.sp),
    nzcv: Number(c.out.nzcv ?? input.nzcv),
    fpcr: Number(c.out.fpcr ?? input.fpcr),
    fpsr: Number(c.out.fpsr ?? input.fpsr),
    mem,
  };
  return { input, output };
}

/** Runs one case; returns the list of differences (empty = pass). */
function runCase(m: Machine, file: ClassFile, c: Case): string[] {
  const { input, output } = states(file, c);
  const addr = Number(c.addr);
  const scratch = Number(file.scratch.base);
  const end = addr + 4 * c.code.length;
  c.code.forEach((w, i) => m.memory.write32(addr + 4 * i, parseInt(w, 16) | 0));
  m.memory.write32(end, BRK0);
  m.memory.write(scratch, input.mem);

  m.cpu.setExceptionLevel(0);
  input.x.forEach((v, n) => m.setX(n, v));
  m.setSp(input.sp);
  m.setNzcv(input.nzcv);
  input.v.forEach((v, n) => m.setV(n, v));
  m.writeSysReg('FPCR', BigInt(input.fpcr));
  m.writeSysReg('FPSR', BigInt(input.fpsr));
  m.writeSysReg('TPIDR_EL0', input.tpidr);
  m.cpu.exclusiveAddr = -1;
  m.setPc(BigInt(addr));

  const reason = m.run(STEP_BUDGET);
  const diffs: string[] = [];
  if (reason !== StopReason.EXCEPTION) {
    return [`did not reach the BRK at ${h(BigInt(end))}: run() stopped with reason ${reason} at pc ${h(m.getPc())}`];
  }
  const { ec, iss } = m.syndrome;
  const elr = m.readSysReg('ELR_EL1');
  if (ec !== EC_BRK || elr !== BigInt(end)) {
    const at = Number(elr) - addr;
    const what = at >= 0 && at < 4 * c.code.length ? ` (${c.code[at >> 2]} ${c.asm[at >> 2]})` : '';
    const far = ec === 0x24 || ec === 0x25 ? ` FAR=${h(m.readSysReg('FAR_EL1'))}` : '';
    return [`exception EC=0x${ec.toString(16)} ISS=0x${iss.toString(16)} at ELR=${h(elr)}${what}${far} instead of BRK at ${h(BigInt(end))}`];
  }
  for (let n = 0; n < 31; n++) {
    const got = m.getX(n);
    if (got !== output.x[n]) diffs.push(`X${n}: expected ${h(output.x[n])} got ${h(got)} (in ${h(input.x[n])})`);
  }
  const sp = m.readSysReg('SP_EL0');
  if (sp !== output.sp) diffs.push(`SP: expected ${h(output.sp)} got ${h(sp)} (in ${h(input.sp)})`);
  const nzcv = Number(m.readSysReg('SPSR_EL1') & 0xf0000000n);
  if (nzcv !== output.nzcv) diffs.push(`NZCV: expected ${flags(output.nzcv)} got ${flags(nzcv)} (in ${flags(input.nzcv)})`);
  const fpcr = Number(m.readSysReg('FPCR'));
  if (fpcr !== output.fpcr) diffs.push(`FPCR: expected ${h(BigInt(output.fpcr))} got ${h(BigInt(fpcr))}`);
  const fpsr = Number(m.readSysReg('FPSR'));
  if (fpsr !== output.fpsr) diffs.push(`FPSR: expected ${h(BigInt(output.fpsr))} got ${h(BigInt(fpsr))}`);
  for (let n = 0; n < 32; n++) {
    const got = m.getV(n);
    if (got !== output.v[n]) diffs.push(`V${n}: expected ${h(output.v[n])} got ${h(got)} (in ${h(input.v[n])})`);
  }
  const mem = m.memory.read(scratch, file.scratch.size);
  for (let i = 0; i < mem.length; ) {
    if (mem[i] === output.mem[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < mem.length && j < i + 16 && mem[j] !== output.mem[j]) j++;
    const where = h(BigInt(scratch + i));
    diffs.push(`mem[${where}..+${j - i}]: expected ${output.mem.subarray(i, j).toString('hex')} got ${Buffer.from(mem.subarray(i, j)).toString('hex')}`);
    i = j;
  }
  return diffs;
}

function flags(nzcv: number): string {
  return ['N', 'Z', 'C', 'V'].map((f, i) => ((nzcv >>> (31 - i)) & 1 ? f : f.toLowerCase())).join('');
}

/** The diagnostic block tap prints under a failing case. */
function describe(c: Case, diffs: string[]): Record<string, unknown> {
  return {
    diagnostic: true,
    stack: '',
    at: null,
    addr: c.addr,
    inputs: JSON.stringify({ ...c.in, mem: c.in.mem ? '(scratch bytes, see the corpus)' : undefined }),
    code: c.code.map((w, i) => `${w}  ${c.asm[i]}`),
    differences: diffs,
  };
}

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .sort();
const summary: { cls: string; pass: number; total: number; groups: Map<string, { pass: number; total: number }> }[] = [];

for (const f of files) for (const mode of MODES) {
  const file = JSON.parse(readFileSync(new URL(f, CORPUS), 'utf8')) as ClassFile;
  if (ONLY_CLASSES && !ONLY_CLASSES.includes(file.class)) continue;
  const label = mode === 'interpreter' ? file.class : `${file.class} (${mode} tier)`;
  t.test(label, async (t) => {
    let m = freshMachine(mode);
    let pass = 0;
    let total = 0;
    const groups = new Map<string, { pass: number; total: number }>();
    const shown = new Map<string, number>();
    const hidden = new Map<string, string[]>();
    for (const c of file.cases) {
      if (ONLY_GROUP && !c.group.includes(ONLY_GROUP)) continue;
      total++;
      const g = groups.get(c.group) ?? { pass: 0, total: 0 };
      groups.set(c.group, g);
      g.total++;
      let diffs: string[];
      try {
        diffs = runCase(m, file, c);
      } catch (e) {
          diffs = [`host exception: ${(e as Error).stack ?? e}`];
        m = freshMachine(mode);
      }
      if (diffs.length === 0) {
        pass++;
        g.pass++;
        continue;
      }
      // A failing case may have scribbled on the page tables: lay them again.
      identityMapForEl0(m);
      const n = shown.get(c.group) ?? 0;
      if (n < DETAIL) {
        shown.set(c.group, n + 1);
        t.fail(c.name, describe(c, diffs));
      } else {
        const rest = hidden.get(c.group) ?? [];
        rest.push(c.name.replace(/^.*? \[/, '['));
        hidden.set(c.group, rest);
      }
    }
    for (const [group, names] of hidden) {
      t.fail(`${group}: ${names.length} more failing cases (CONFORMANCE_DETAIL=${DETAIL} shown): ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}`, { diagnostic: false });
    }
    summary.push({ cls: label, pass, total, groups });
    t.ok(pass === total, `${label}: ${pass}/${total} cases pass`, { diagnostic: false });
  });
}

t.teardown(() => {
  const lines = ['conformance summary (class: pass/total; failing groups: pass/total)'];
  let pass = 0;
  let total = 0;
  for (const s of summary) {
    pass += s.pass;
    total += s.total;
    lines.push(`${s.cls}: ${s.pass}/${s.total}`);
    for (const [g, c] of s.groups) if (c.pass < c.total) lines.push(`    ${g}: ${c.pass}/${c.total}`);
  }
  lines.push(`all classes: ${pass}/${total} cases pass`);
  // On stderr, so that every tap reporter shows it (the default one hides passing output).
  process.stderr.write(lines.map((l) => '# ' + l).join('\n') + '\n');
});
