/**
 * CPU micro benchmark: runs a static AArch64 ELF (default packages/bin/cpubench) on a bare
 * Machine, without the kernel, and reports MIPS for the interpreter and the translating
 * tier, and the ratio to qemu-aarch64 on the same ELF when qemu is on PATH.
 *
 * The loader is the least a static freestanding program needs: every PT_LOAD segment is
 * copied into fresh RAM pages mapped at its virtual addresses for EL0 (read/write/execute),
 * a stack with argc = 0 is mapped below 0x8000_0000, and the two system calls such a
 * program makes are handled here when the CPU stops on SVC: write (64) copies bytes to
 * stdout, exit/exit_group (93/94) ends the run.
 *
 *   node dist/scripts/bench-cpu.js [elf] [--mode interp|translate|both] [--loop] [--quiet]
 *
 * --loop instead times a 4-instruction register loop (add, eor-shifted, subs, b.ne).
 */

import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Machine, StopReason } from '../machine/index.js';
import { PageTables, USER_RWX, identityMapForEl0 } from '../test/helpers/pagetables.js';

const RAM_SIZE = 64 << 20;
const STACK_TOP = 0x7fff0000n;
const STACK_PAGES = 64n;
const EC_SVC64 = 0x15;

interface RunResult {
  icount: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system): steadier than wall time on a loaded host. */
  cpuSeconds: number;
  exitCode: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function loadElf(m: Machine, image: Buffer): { entry: bigint; pt: PageTables } {
  if (image.readUInt32BE(0) !== 0x7f454c46 || image[4] !== 2 || image.readUInt16LE(18) !== 183) {
    throw new Error('not a 64-bit AArch64 ELF');
  }
  const entry = image.readBigUInt64LE(24);
  const phoff = Number(image.readBigUInt64LE(32));
  const phentsize = image.readUInt16LE(54);
  const phnum = image.readUInt16LE(56);
  // Page tables at the top of RAM, program pages from the bottom.
  const pt = new PageTables(m, BigInt(m.memory.base + m.memory.size) - 256n * 4096n);
  let nextPage = BigInt(m.memory.base);
  const mapped = new Map<bigint, bigint>();
  const pageFor = (va: bigint): bigint => {
    const vpage = va & ~0xfffn;
    let pa = mapped.get(vpage);
    if (pa === undefined) {
      pa = nextPage;
      nextPage += 4096n;
      pt.map(vpage, pa, USER_RWX);
      mapped.set(vpage, pa);
    }
    return pa + (va & 0xfffn);
  };
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (image.readUInt32LE(ph) !== 1) continue; // PT_LOAD
    const offset = Number(image.readBigUInt64LE(ph + 8));
    const vaddr = image.readBigUInt64LE(ph + 16);
    const filesz = Number(image.readBigUInt64LE(ph + 32));
    const memsz = image.readBigUInt64LE(ph + 40);
    for (let va = vaddr & ~0xfffn; va < vaddr + memsz; va += 4096n) pageFor(va);
    for (let b = 0; b < filesz; ) {
      const va = vaddr + BigInt(b);
      const chunk = Math.min(filesz - b, 4096 - Number(va & 0xfffn));
      m.memory.write(Number(pageFor(va)), image.subarray(offset + b, offset + b + chunk));
      b += chunk;
    }
  }
  for (let p = 1n; p <= STACK_PAGES; p++) pageFor(STACK_TOP - p * 4096n);
  (m as unknown as { pageFor: typeof pageFor }).pageFor = pageFor;
  return { entry, pt };
}

function runElf(path: string, translate: boolean, quiet: boolean): RunResult {
  const options = { ramSize: RAM_SIZE, translate };
  const m = new Machine(options);
  const image = readFileSync(path);
  const { entry, pt } = loadElf(m, image);
  const pageFor = (m as unknown as { pageFor: (va: bigint) => bigint }).pageFor;
  pt.enable();
  m.cpu.setExceptionLevel(0);
  // SP at argc = 0, argv NULL, envp NULL, auxv AT_NULL.
  const sp = STACK_TOP - 64n;
  m.setSp(sp);
  m.setPc(entry);
  let exitCode = -1;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (;;) {
    const reason = m.run(1e9);
    if (reason === StopReason.BUDGET) continue;
    if (reason !== StopReason.EXCEPTION) throw new Error(`unexpected stop ${reason}`);
    const { ec } = m.syndrome;
    if (ec !== EC_SVC64) {
      throw new Error(`exception EC 0x${ec.toString(16)} at 0x${m.readSysReg('ELR_EL1').toString(16)} FAR 0x${m.readSysReg('FAR_EL1').toString(16)}`);
    }
    const nr = Number(m.getX(8));
    if (nr === 64) {
      const buf = m.getX(1);
      const len = Number(m.getX(2));
      const bytes = Buffer.alloc(len);
      for (let k = 0; k < len; k++) bytes[k] = m.memory.read8(Number(pageFor(buf + BigInt(k))));
      if (!quiet) process.stdout.write(bytes);
      m.setX(0, BigInt(len));
    } else if (nr === 93 || nr === 94) {
      exitCode = Number(m.getX(0) & 0xffn);
      break;
    } else {
      m.setX(0, -38n); // ENOSYS
    }
    m.exceptionReturn();
  }
  return { icount: m.cpu.icount, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSince(cpuStart), exitCode };
}

/** The 4-instruction loop: add x1,x1,x2 / eor x3,x3,x1,lsr #3 / subs x0,x0,#1 / b.ne. */
function runLoop(translate: boolean, iterations: number): RunResult {
  const options = { ramSize: 16 << 20, translate };
  const m = new Machine(options);
  identityMapForEl0(m);
  const code = [0x8b020021, 0xca410c63, 0xf1000400, 0x54ffffa1, 0xd4200000];
  const base = 0x40001000;
  code.forEach((w, k) => m.memory.write32(base + 4 * k, w));
  m.setX(0, BigInt(iterations));
  m.setX(2, 7n);
  m.setPc(BigInt(base));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (m.run(1e9) === StopReason.BUDGET);
  return { icount: m.cpu.icount, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSince(cpuStart), exitCode: 0 };
}

/** Best of three qemu-aarch64 runs: wall seconds and CPU seconds (from the shell's `times`). */
function qemuSeconds(path: string): { wall: number; cpu: number } | undefined {
  const probe = spawnSync('qemu-aarch64', ['--version']);
  if (probe.status !== 0) return undefined;
  let wall = Infinity;
  let cpu = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    const r = spawnSync('sh', ['-c', 'qemu-aarch64 "$0" >/dev/null || exit 1; times', path], { encoding: 'utf8' });
    if (r.status !== 0) return undefined;
    wall = Math.min(wall, (performance.now() - start) / 1000);
    // `times` prints the shell's user/system times, then its children's: "0m0.301s 0m0.012s".
    const children = r.stdout.trim().split('\n')[1] ?? '';
    const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
    cpu = Math.min(cpu, secs);
  }
  return { wall, cpu };
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): boolean => args.includes(name);
  const option = (name: string): string | undefined => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const mode = option('--mode') ?? 'both';
  const quiet = flag('--quiet');
  const path = args.find((a, k) => !a.startsWith('--') && !(k > 0 && args[k - 1] === '--mode')) ?? 'packages/bin/cpubench';
  const modes = mode === 'both' ? [false, true] : [mode === 'translate'];
  const results: string[] = [];
  let translatedSeconds = 0;
  let translatedCpu = 0;
  let icount = 0;
  for (const translate of modes) {
    const r = flag('--loop') ? runLoop(translate, Number(option("--iterations") ?? 5_000_000)) : runElf(path, translate, quiet || translate !== modes[0]);
    const mips = r.icount / r.seconds / 1e6;
    const cpuMips = r.icount / r.cpuSeconds / 1e6;
    icount = r.icount;
    if (translate || !modes.includes(true)) {
      translatedSeconds = r.seconds;
      translatedCpu = r.cpuSeconds;
    }
    results.push(`${translate ? 'translated ' : 'interpreter'}: ${r.icount} instructions in ${r.seconds.toFixed(3)} s = ${mips.toFixed(1)} MIPS wall, ${cpuMips.toFixed(1)} MIPS per CPU second, exit ${r.exitCode}`);
  }
  for (const line of results) console.log(line);
  if (!flag('--loop')) {
    const q = qemuSeconds(path);
    if (q !== undefined) {
      console.log(
        `qemu-aarch64: ${q.wall.toFixed(3)} s wall, ${q.cpu.toFixed(3)} s CPU = ${(icount / q.cpu / 1e6).toFixed(0)} MIPS per CPU second (our icount); ` +
          `last run above is ${(translatedSeconds / q.wall).toFixed(1)}x qemu's wall time, ${(translatedCpu / q.cpu).toFixed(1)}x its CPU time`,
      );
    }
  }
}

main();
