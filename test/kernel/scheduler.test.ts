import t from 'tap';
import { boot, ktBinary, run, sleep, start } from './kernel-helpers.js';

t.test('an infinite loop does not starve another process or the event loop', async (t) => {
  const b = boot({ sliceMs: 5 });
  const spins = [start(b, ktBinary('spin')), start(b, ktBinary('spin')), start(b, ktBinary('spin'))];
  await sleep(30);
  // Event-loop latency while three guests spin: a host timer still fires promptly.
  let worst = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await sleep(1);
    worst = Math.max(worst, performance.now() - t0);
  }
  t.ok(worst < 150, `host timers fire within ${worst.toFixed(1)} ms while guests spin`);
  const r = await run(b, ktBinary('sleeper'), ['0'], [], 5000);
  t.equal(r.stdout, 'slept\n');
  t.ok(r.ms < 1500, `a short program finishes in ${r.ms.toFixed(0)} ms beside three spinning ones`);
  await sleep(200);
  const cpu = spins.map((s) => s.proc.cpuMs);
  t.ok(Math.min(...cpu) > 0.25 * Math.max(...cpu), `round robin shares the CPU: ${cpu.map((c) => c.toFixed(0)).join('/')} ms`);
  for (const s of spins) b.kernel.kill(s.proc.pid, 9);
  await Promise.all(spins.map((s) => s.proc.exited));
  t.end();
});

t.test('a blocked process does not spin: no instructions run while it sleeps or waits for input', async (t) => {
  const b = boot();
  const s = start(b, ktBinary('sleeper'), ['300']);
  await sleep(50);
  t.equal(s.proc.state, 'blocked');
  t.equal(b.kernel.runQueue.size, 0, 'nothing runnable');
  const icount = b.kernel.machine.cpu.icount;
  const cpuMs = s.proc.cpuMs;
  await sleep(150);
  t.equal(b.kernel.machine.cpu.icount, icount, 'the CPU executed nothing meanwhile');
  t.equal(s.proc.cpuMs, cpuMs);
  const exit = await s.proc.exited;
  t.equal(exit.code, 0);
  t.equal(s.stdout(), 'slept\n');
  t.end();
});

t.test('the timer interrupt preempts: a spinning process gets turns of about one slice', async (t) => {
  const b = boot({ sliceMs: 4, tickMs: 4 });
  const spin = start(b, ktBinary('spin'));
  let turns = 0;
  const original = b.kernel.runQueue.add.bind(b.kernel.runQueue);
  b.kernel.runQueue.add = (p) => {
    turns++;
    original(p);
  };
  await sleep(200);
  b.kernel.kill(spin.proc.pid, 9);
  await spin.proc.exited;
  t.ok(turns >= 10, `${turns} turns in 200 ms (requeued after each timer interrupt)`);
  t.ok(spin.proc.cpuMs / turns < 40, `about ${(spin.proc.cpuMs / turns).toFixed(1)} ms per turn`);
  t.end();
});
