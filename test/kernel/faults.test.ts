import t from 'tap';
import { boot, ktBinary, pkgBinary, run } from './kernel-helpers.js';

const REPORT = '[Fault] Data abort from EL0 at FAR=0x816003, ISS=0x46\n';

t.test('the wild store to 0x816003 dies with exactly the report line and status -11', async (t) => {
  const b = boot();
  const free0 = b.kernel.pmm.freePages;
  const r = await run(b, ktBinary('fault'));
  t.equal(r.stdout, 'fault: storing to 0x816003\n');
  const lines = r.stderr.split('\n');
  t.equal(lines[0] + '\n', REPORT, 'the report line');
  t.match(lines[1], /^ {2}ELR=0x4[0-9a-f]{5} SP=0x[0-9a-f]+ NZCV=0x[0-9a-f] x0=0x[0-9a-f]+ .* x30=0x[0-9a-f]+$/, 'then ELR and the registers');
  t.match(lines[1], / x1=0x816003 /, 'the register holding the bad address is shown');
  t.match(lines[2], /^ {2}at 0x4[0-9a-f]{5}: strb w2, \[x1\] {3}w2=0x42 x1=0x816003$/, 'then the faulting instruction and the registers it used');
  t.equal(lines[2].split(':')[0], '  at ' + /ELR=(0x[0-9a-f]+)/.exec(lines[1])?.[1], 'at the ELR');
  t.equal(lines.length, 4, 'three lines');
  t.same(r.exit, { code: -11, signal: 11, status: 139 });
  t.equal(b.kernel.pmm.freePages, free0, 'its memory came back');
  t.equal(b.kernel.processes.size, 0);
  t.end();
});

t.test('the packages crash program gives the same report', { skip: pkgBinary('crash') ? false : 'packages/bin/crash not built yet' }, async (t) => {
  const r = await run(boot(), pkgBinary('crash')!);
  t.ok(r.stderr.startsWith(REPORT), r.stderr.split('\n')[0]);
  t.equal(r.exit.code, -11);
  t.end();
});

t.test('other exceptions: SIGILL with the instruction word, SIGTRAP for BRK, instruction aborts, permission faults, stack overflow', async (t) => {
  const b = boot();
  const cases: Array<[string, RegExp, number]> = [
    ['udf', /^\[Fault\] Undefined instruction 0x00000000 at ELR=0x4[0-9a-f]+\n {2}ELR=/, 4],
    ['brk', /^\[Fault\] Breakpoint \(BRK #0x3e8\) at ELR=0x4[0-9a-f]+\n/, 5],
    ['exec', /^\[Fault\] Instruction abort from EL0 at FAR=0x4[0-9a-f]+, ISS=0x[0-9a-f]+\n/, 11],
    ['ro', /^\[Fault\] Data abort from EL0 at FAR=0x4[0-9a-f]+, ISS=0x4f\n/, 11],
    ['stack', /^\[Fault\] Data abort from EL0 at FAR=0x[0-9a-f]+, ISS=0x4[67]\n/, 11],
  ];
  for (const [kind, report, sig] of cases) {
    const r = await run(b, ktBinary('traps'), [kind]);
    t.equal(r.stdout, `traps: ${kind}\n`);
    t.match(r.stderr, report, `${kind}: report`);
    t.same(r.exit, { code: -sig, signal: sig, status: 128 + sig }, `${kind}: killed by signal ${sig}`);
  }
  t.equal(b.kernel.processes.size, 0);
  t.end();
});

t.test('the kernel keeps running other processes while one faults', async (t) => {
  const b = boot();
  const results = await Promise.all([run(b, ktBinary('sleeper'), ['100']), run(b, ktBinary('fault')), run(b, ktBinary('traps'), ['udf'])]);
  t.equal(results[0].stdout, 'slept\n');
  t.equal(results[0].exit.code, 0);
  t.equal(results[1].exit.code, -11);
  t.equal(results[2].exit.code, -4);
  t.end();
});

t.test('a host exception inside the emulator ends that process only, with one line on its stderr', async (t) => {
  const b = boot();
  const m = b.kernel.machine;
  const run0 = m.run.bind(m);
  let armed = true;
  m.run = (budget: number) => {
    if (armed) {
      armed = false;
      throw new TypeError('emulator bug');
    }
    return run0(budget);
  };
  const r = await run(b, ktBinary('sleeper'), ['1']);
  t.equal(r.stderr, '[Kernel] internal error: emulator bug\n');
  t.equal(r.exit.signal, 9);
  const next = await run(b, ktBinary('sleeper'), ['1']);
  t.equal(next.stdout, 'slept\n', 'the next process runs normally');
  t.end();
});
