/**
 * The machine as its users (the kernel, tests, tools) see it: RAM plus one CPU, with a
 * host-side API in BigInt for convenience. Nothing here is on the CPU's hot path.
 *
 * The machine knows nothing of any kernel. A host kernel drives it like firmware would
 * drive a core: write registers and page tables, run, and when run() reports an
 * exception, read ESR_EL1/FAR_EL1/ELR_EL1, handle it, and resume with exceptionReturn().
 */

import { Cpu, StopReason, SP, type CpuOptions } from './cpu.js';
import { A64_TABLES } from './insn/index.js';
import { PhysicalMemory, DEFAULT_RAM_SIZE } from './memory.js';
import { Sys, SYSREG_BY_NAME } from './sysregs.js';
import type { Watchpoint } from './mmu.js';

export { NO_WATCHPOINTS, type Watchpoint } from './mmu.js';

export interface MachineOptions extends CpuOptions {
  /** RAM size in bytes (default 256 MiB). */
  ramSize?: number;
}

const MASK64 = (1n << 64n) - 1n;

function lo32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}
function hi32(v: bigint): number {
  return Number(BigInt.asIntN(32, v >> 32n));
}
function join(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Everything a kernel saves and restores on a context switch (EL0 view). */
export interface CpuContext {
  x: Int32Array;
  v: Int32Array;
  pcLo: number;
  pcHi: number;
  nzcv: number;
  fpcr: number;
  fpsr: number;
  tpidrLo: number;
  tpidrHi: number;
  tpidrroLo: number;
  tpidrroHi: number;
}

export class Machine {
  readonly memory: PhysicalMemory;
  readonly cpu: Cpu;

  constructor(options: MachineOptions = {}) {
    this.memory = new PhysicalMemory(options.ramSize ?? DEFAULT_RAM_SIZE);
    this.cpu = new Cpu(this.memory, A64_TABLES, options);
  }

  run(budget: number): StopReason {
    return this.cpu.run(budget);
  }

  // ---- Registers ----------------------------------------------------------------------

  /** X0..X30; 31 reads as zero (XZR). */
  getX(n: number): bigint {
    return join(this.cpu.x[n * 2], this.cpu.x[n * 2 + 1]);
  }
  setX(n: number, value: bigint): void {
    if (n < 0 || n > 30) throw new RangeError(`no general register X${n}`);
    this.cpu.x[n * 2] = lo32(value);
    this.cpu.x[n * 2 + 1] = hi32(value);
  }
  /** The stack pointer of the current EL/SPSel. */
  getSp(): bigint {
    return join(this.cpu.x[SP * 2], this.cpu.x[SP * 2 + 1]);
  }
  setSp(value: bigint): void {
    this.cpu.x[SP * 2] = lo32(value);
    this.cpu.x[SP * 2 + 1] = hi32(value);
  }
  getPc(): bigint {
    return join(this.cpu.pcLo, this.cpu.pcHi);
  }
  setPc(value: bigint): void {
    this.cpu.pcLo = lo32(value);
    this.cpu.pcHi = hi32(value);
    this.cpu.invalidateFetch();
  }
  /** NZCV as the NZCV system register holds it (bits [31:28]). */
  getNzcv(): number {
    this.cpu.readSys(Sys.NZCV);
    return this.cpu.rlo >>> 0;
  }
  setNzcv(value: number): void {
    this.cpu.writeSys(Sys.NZCV, value | 0, 0);
  }
  /** V0..V31 as 128-bit values. */
  getV(n: number): bigint {
    const v = this.cpu.v;
    let r = 0n;
    for (let i = 3; i >= 0; i--) r = (r << 32n) | BigInt(v[n * 4 + i] >>> 0);
    return r;
  }
  setV(n: number, value: bigint): void {
    for (let i = 0; i < 4; i++) this.cpu.v[n * 4 + i] = Number(BigInt.asIntN(32, value >> BigInt(32 * i)));
  }

  /** Reads a system register by name (e.g. 'ESR_EL1') or id, as MRS at EL1 would. */
  readSysReg(reg: string | Sys): bigint {
    this.cpu.readSys(this.sysId(reg));
    return join(this.cpu.rlo, this.cpu.rhi);
  }
  writeSysReg(reg: string | Sys, value: bigint): void {
    const v = value & MASK64;
    this.cpu.writeSys(this.sysId(reg), lo32(v), hi32(v));
  }
  private sysId(reg: string | Sys): Sys {
    if (typeof reg !== 'string') return reg;
    const info = SYSREG_BY_NAME.get(reg);
    if (!info) throw new RangeError(`unknown system register ${reg}`);
    return info.id;
  }

  get exceptionLevel(): number {
    return this.cpu.el;
  }

  /** ERET from EL1: continue at ELR_EL1 with PSTATE from SPSR_EL1. */
  exceptionReturn(): void {
    this.cpu.exceptionReturn();
  }

  /** Exception class and syndrome of the last synchronous exception. */
  get syndrome(): { ec: number; iss: number; esr: number } {
    const esr = this.cpu.sysLo(Sys.ESR_EL1) >>> 0;
    return { esr, ec: esr >>> 26, iss: esr & 0x1ffffff };
  }

  // ---- Context switching (for a host kernel) -------------------------------------------

  /** Copies the EL0-visible state into a context (allocates one if none is given). */
  saveContext(into?: CpuContext): CpuContext {
    const c = this.cpu;
    const ctx = into ?? newContext();
    ctx.x.set(c.x.subarray(0, 31 * 2));
    // SP_EL0: banked while at EL1.
    c.readSys(Sys.SP_EL0);
    ctx.x[62] = c.rlo;
    ctx.x[63] = c.rhi;
    ctx.v.set(c.v);
    ctx.pcLo = c.sysLo(Sys.ELR_EL1);
    ctx.pcHi = c.sysHi(Sys.ELR_EL1);
    ctx.nzcv = c.sysLo(Sys.SPSR_EL1) & 0xf0000000;
    ctx.fpcr = c.fpcr;
    ctx.fpsr = c.fpsr;
    ctx.tpidrLo = c.sysLo(Sys.TPIDR_EL0);
    ctx.tpidrHi = c.sysHi(Sys.TPIDR_EL0);
    ctx.tpidrroLo = c.sysLo(Sys.TPIDRRO_EL0);
    ctx.tpidrroHi = c.sysHi(Sys.TPIDRRO_EL0);
    return ctx;
  }

  /**
   * Loads a context so that exceptionReturn() resumes it at EL0: general and SIMD
   * registers, SP_EL0, ELR_EL1 = its PC and SPSR_EL1 = EL0t with its flags.
   */
  restoreContext(ctx: CpuContext): void {
    const c = this.cpu;
    c.x.set(ctx.x.subarray(0, 31 * 2));
    c.writeSys(Sys.SP_EL0, ctx.x[62], ctx.x[63]);
    c.v.set(ctx.v);
    c.setSys(Sys.ELR_EL1, ctx.pcLo, ctx.pcHi);
    c.setSys(Sys.SPSR_EL1, ctx.nzcv & 0xf0000000, 0);
    c.fpcr = ctx.fpcr;
    c.fpsr = ctx.fpsr;
    c.setSys(Sys.TPIDR_EL0, ctx.tpidrLo, ctx.tpidrHi);
    c.setSys(Sys.TPIDRRO_EL0, ctx.tpidrroLo, ctx.tpidrroHi);
  }

  // ---- TLB maintenance (what TLBI does, for a host kernel) ------------------------------

  /** The data watchpoints (the debug registers' job), for EL0 accesses; an empty list costs nothing. */
  setWatchpoints(list: readonly Watchpoint[]): void {
    if (this.cpu.mmu.watchpoints !== list) this.cpu.mmu.setWatchpoints(list);
  }

  get watchpoints(): readonly Watchpoint[] {
    return this.cpu.mmu.watchpoints;
  }

  invalidateTlb(): void {
    this.cpu.mmu.invalidateAll();
  }
  invalidateTlbAsid(asid: number): void {
    this.cpu.mmu.invalidateAsid(asid);
  }
  invalidateTlbVa(va: bigint, asid = -1): void {
    this.cpu.mmu.invalidateVa(lo32(va), hi32(va), asid);
  }
}

/** A zeroed context; slot 31 of x holds SP_EL0. */
export function newContext(): CpuContext {
  return {
    x: new Int32Array(64),
    v: new Int32Array(128),
    pcLo: 0,
    pcHi: 0,
    nzcv: 0,
    fpcr: 0,
    fpsr: 0,
    tpidrLo: 0,
    tpidrHi: 0,
    tpidrroLo: 0,
    tpidrroHi: 0,
  };
}

export { StopReason };
