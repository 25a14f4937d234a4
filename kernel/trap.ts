/**
 * Exceptions taken from EL0: what each exception class means for the process.
 *
 *  - SVC: a system call (number in x8).
 *  - Instruction/data aborts: a page to fault in (lazy memory, stack growth) or SIGSEGV.
 *  - Undefined instruction: SIGILL.  BRK: SIGTRAP.  PC/SP alignment: SIGBUS.
 *
 * The report printed when a fault kills a process is read from the architectural
 * registers (ESR_EL1's ISS, FAR_EL1, ELR_EL1) as the machine set them.
 *
 * classifyTrap() decides from the syndrome alone; handleTrap() carries the decision out
 * for a thread (the debugger's look first, the OOM killer for a fault with no memory left,
 * a handler's signal or the default action's end of the process).
 */

import type { CpuContext } from '../machine/machine.js';
import { FaultResult, Prot } from './vm.js';
import { SIG_DFL, SIG_IGN, sigBit, SIGBUS, SIGILL, SIGKILL, SIGNAL_NAMES, SIGSEGV, SIGTRAP } from './signals.js';
import { isFixedImage, symbolAt, vaddrOfOffset } from './debug/symbols.js';
import { faultInstructionLine } from './debug/fault-instruction.js';
import type { Kernel } from './kernel.js';
import { oomKill } from './oom.js';
import { signalLine } from './siginfo-trace.js';
import type { Process, Thread } from './process.js';

export const EC_UNKNOWN = 0x00;
export const EC_WFX = 0x01;
export const EC_SVC64 = 0x15;
export const EC_INSN_ABORT_LOWER = 0x20;
export const EC_PC_ALIGN = 0x22;
export const EC_DATA_ABORT_LOWER = 0x24;
export const EC_SP_ALIGN = 0x26;
export const EC_BRK = 0x3c;
/** MSR/MRS trapped: here only reads of the counter, while a run is recorded (kernel/debug/recording.ts). */
export const EC_MSR_TRAP = 0x18;
/** Watchpoint from a lower EL (a debugger's data watchpoint, kernel/debug/). */
export const EC_WATCHPOINT = 0x34;

/** What the kernel should do after an exception. */
export type TrapOutcome =
  | { kind: 'syscall' }
  | { kind: 'resume' }
  | { kind: 'yield' }
  | { kind: 'signal'; signal: number; report: string; addr: bigint; code: number };

const hex = (v: bigint | number): '0x' | string => '0x' + v.toString(16);

function reg64(ctx: CpuContext, i: number): bigint {
  return (BigInt(ctx.x[i * 2 + 1] >>> 0) << 32n) | BigInt(ctx.x[i * 2] >>> 0);
}

/** One line with ELR, SP and every general register. */
export function registerLine(ctx: CpuContext, elr: bigint): string {
  const parts = [`ELR=${hex(elr)}`, `SP=${hex(reg64(ctx, 31))}`, `NZCV=${hex(ctx.nzcv >>> 28)}`];
  for (let i = 0; i < 31; i++) parts.push(`x${i}=${hex(reg64(ctx, i))}`);
  return '  ' + parts.join(' ');
}

export interface TrapState {
  ec: number;
  iss: number;
  far: bigint;
  elr: bigint;
  /** The instruction word at ELR, if readable (for SIGILL reports). */
  insn?: number;
}

/** Fault status code (DFSC/IFSC) classes. */
function isTranslationFault(iss: number): boolean {
  return (iss & 0x3c) === 0x04;
}

/**
 * Classifies an exception; for aborts, `fault(va, access)` asks the address space to
 * fault the page in.
 */
export function classifyTrap(t: TrapState, ctx: CpuContext, fault: (va: number, access: number) => FaultResult): TrapOutcome {
  switch (t.ec) {
    case EC_SVC64:
      return { kind: 'syscall' };
    case EC_DATA_ABORT_LOWER:
    case EC_INSN_ABORT_LOWER: {
      const insn = t.ec === EC_INSN_ABORT_LOWER;
      if (isTranslationFault(t.iss) && t.far < 2n ** 53n) {
        const access = insn ? Prot.EXEC : t.iss & (1 << 6) ? Prot.WRITE : Prot.READ;
        const r = fault(Number(t.far), access);
        if (r === FaultResult.HANDLED) return { kind: 'resume' };
        if (r === FaultResult.OOM) {
          return { kind: 'signal', signal: SIGKILL, addr: t.far, code: 0, report: `[Fault] Out of memory at FAR=${hex(t.far)}: killed\n${registerLine(ctx, t.elr)}\n` };
        }
      }
      const what = insn ? 'Instruction abort' : 'Data abort';
      const code = isTranslationFault(t.iss) ? 1 /* SEGV_MAPERR */ : 2; /* SEGV_ACCERR */
      return {
        kind: 'signal', signal: SIGSEGV, addr: t.far, code,
        report: `[Fault] ${what} from EL0 at FAR=${hex(t.far)}, ISS=${hex(t.iss)}\n${registerLine(ctx, t.elr)}\n`,
      };
    }
    case EC_UNKNOWN: {
      const word = t.insn === undefined ? '(unreadable)' : '0x' + (t.insn >>> 0).toString(16).padStart(8, '0');
      return {
        kind: 'signal', signal: SIGILL, addr: t.elr, code: 1 /* ILL_ILLOPC */,
        report: `[Fault] Undefined instruction ${word} at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    }
    case EC_BRK:
      return {
        kind: 'signal', signal: SIGTRAP, addr: t.elr, code: 1 /* TRAP_BRKPT */,
        report: `[Fault] Breakpoint (BRK #${hex(t.iss & 0xffff)}) at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    case EC_PC_ALIGN:
    case EC_SP_ALIGN:
      return {
        kind: 'signal', signal: SIGBUS, addr: t.far, code: 1 /* BUS_ADRALN */,
        report: `[Fault] ${t.ec === EC_PC_ALIGN ? 'PC' : 'SP'} alignment fault at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    case EC_WFX:
      return { kind: 'yield' };
    default:
      return {
        kind: 'signal', signal: SIGILL, addr: t.elr, code: 0,
        report: `[Fault] Exception EC=${hex(t.ec)}, ISS=${hex(t.iss)} at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
  }
}

/** CNTKCTL_EL1 while a run is recorded: EL0 reads of the counter (and its frequency) trap. */
export const CNTKCTL_RECORDING = 0n;
/** CNTKCTL_EL1 otherwise: EL0 may read the counters (EL0PCTEN, EL0VCTEN), as on Linux. */
export const CNTKCTL_NORMAL = 3n;

/** The counter registers a trapped EL0 read may ask for, by ISS (Op0 Op2 Op1 CRn CRm, Rt and direction masked). */
const COUNTER_READS = new Map<number, string>([
  [(3 << 20) | (0 << 17) | (3 << 14) | (14 << 10), 'CNTFRQ_EL0'],
  [(3 << 20) | (1 << 17) | (3 << 14) | (14 << 10), 'CNTPCT_EL0'],
  [(3 << 20) | (2 << 17) | (3 << 14) | (14 << 10), 'CNTVCT_EL0'],
]);

/**
 * A trapped `mrs Xt, CNTVCT_EL0` (or CNTPCT/CNTFRQ): the kernel reads the register and hands
 * the value over, as the instruction would have, and moves past it. Only a recorded run traps
 * these (so the value is an input in the log); false for any other trapped access.
 */
function emulateCounterRead(k: Kernel, t: Thread, iss: number): boolean {
  const reg = iss & 1 ? COUNTER_READS.get(iss & 0x3ffc1e) : undefined;
  if (!reg) return false;
  const value = k.machine.readSysReg(reg);
  const rt = (iss >>> 5) & 31;
  if (rt !== 31) {
    t.ctx.x[rt * 2] = Number(value & 0xffffffffn) | 0;
    t.ctx.x[rt * 2 + 1] = Number(value >> 32n) | 0;
  }
  const pc = t.pc + 4;
  t.ctx.pcLo = pc % 4294967296 | 0;
  t.ctx.pcHi = Math.floor(pc / 4294967296);
  return true;
}

/** Handles a non-SVC exception from EL0; returns true when t can continue. */
export function handleTrap(k: Kernel, t: Thread, ec: number, iss: number): boolean {
  if (ec === EC_MSR_TRAP && emulateCounterRead(k, t, iss)) return true;
  const m = k.machine;
  const p = t.process;
  const elr = m.readSysReg('ELR_EL1');
  const far = m.readSysReg('FAR_EL1');
  let insn: number | undefined;
  if (ec !== EC_SVC64 && ec !== EC_INSN_ABORT_LOWER) {
    try {
      insn = p.mem.readU32(Number(elr));
    } catch {
      insn = undefined;
    }
  }
  const outcome = classifyTrap({ ec, iss, far, elr, insn }, t.ctx, (va, access) => p.vm.handleFault(va, access));
  switch (outcome.kind) {
    case 'resume':
    case 'syscall':
      return true;
    case 'yield':
      k.makeRunnable(t);
      return false;
    case 'signal': {
      // kernel/debug/: gdb sees the fault first; resumed with the signal, it takes its course.
      if (outcome.signal !== SIGKILL && p.debugger?.faultStop(t, outcome.signal)) return false;
      // The machine is out of pages: another process's memory may be taken back (oom.ts), and the fault retried.
      if (outcome.signal === SIGKILL && oomKill(k, p)) return true;
      const sig = outcome.signal;
      const a = p.handlers.actions[sig];
      const handled = sig !== SIGKILL && a.handler !== SIG_DFL && a.handler !== SIG_IGN && !(t.sigmask & sigBit(sig));
      if (handled) {
        t.pending.add(sig, { code: outcome.code, addr: outcome.addr });
        return true;
      }
      // Default action (an ignored or blocked synchronous fault is fatal too, as in Linux).
      k.writeStderr(p, outcome.report + faultInstructionLine(t.ctx, elr, insn, faultSymbol(k, p, elr)));
      if (k.tracing) k.traceEvent(p.pid, signalLine(sig, { code: outcome.code, addr: outcome.addr }, { pid: p.pid, uid: p.ruid }));
      k.logger.warn({ pid: p.pid, tid: t.tid, cmd: p.exe, signal: SIGNAL_NAMES[sig], far: '0x' + far.toString(16), iss: '0x' + iss.toString(16), elr: '0x' + elr.toString(16) }, 'fault');
      k.procs.exitProcess(p, 0, sig);
      return false;
    }
  }
}

/**
 * `func+0xoff` for pc when the file mapped there (the program or a shared library) has symbols,
 * else null. The file is read now: faults are rare, so nothing is kept per process.
 */
function faultSymbol(k: Kernel, p: Process, pc: bigint): string | null {
  try {
    const va = Number(pc);
    const region = p.vm.findRegion(va);
    const path = region?.name && !region.name.startsWith('[') ? region.name : p.exe;
    const image = k.procs.readExecutable(path, p.cwd, null).data;
    if (isFixedImage(image)) return symbolAt(image, va);
    if (!region) return null;
    const elfVa = vaddrOfOffset(image, va - region.start + region.offset);
    return elfVa === null ? null : symbolAt(image, elfVa);
  } catch {
    return null;
  }
}
