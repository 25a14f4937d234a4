/**
 * A siginfo as strace prints it in its signal lines (`--- SIGCHLD {si_signo=SIGCHLD,
 * si_code=CLD_EXITED, si_pid=2, ...} ---`): the fields Linux fills for the si_code, named as
 * strace names them. Used for the signals --trace-syscalls shows reaching a process
 * (kernel/signal-delivery.ts) and for the faults that end one (kernel/trap.ts); it lives
 * beside them, not with the call decoders of kernel/syscalls/trace/, which only the
 * kernel's top may import.
 */

import {
  CLD_DUMPED, CLD_EXITED, CLD_KILLED, SI_KERNEL, SI_QUEUE, SI_TIMER, SI_TKILL, SI_USER,
  SIGBUS, SIGCHLD, SIGFPE, SIGILL, SIGNAL_NAMES, SIGSEGV, SIGTRAP, type SigInfo,
} from './signals.js';

const CLD_TRAPPED = 4;
const CLD_STOPPED = 5;
const CLD_CONTINUED = 6;

const USER_CODES: Record<number, string> = { [SI_USER]: 'SI_USER', [SI_KERNEL]: 'SI_KERNEL', [SI_QUEUE]: 'SI_QUEUE', [SI_TIMER]: 'SI_TIMER', [-3]: 'SI_MESGQ', [-4]: 'SI_ASYNCIO', [-5]: 'SI_SIGIO', [SI_TKILL]: 'SI_TKILL' };
const CHILD_CODES: Record<number, string> = { [CLD_EXITED]: 'CLD_EXITED', [CLD_KILLED]: 'CLD_KILLED', [CLD_DUMPED]: 'CLD_DUMPED', [CLD_TRAPPED]: 'CLD_TRAPPED', [CLD_STOPPED]: 'CLD_STOPPED', [CLD_CONTINUED]: 'CLD_CONTINUED' };
const FAULT_CODES: Record<number, Record<number, string>> = {
  [SIGSEGV]: { 1: 'SEGV_MAPERR', 2: 'SEGV_ACCERR' },
  [SIGILL]: { 1: 'ILL_ILLOPC', 2: 'ILL_ILLOPN', 3: 'ILL_ILLADR', 4: 'ILL_ILLTRP', 5: 'ILL_PRVOPC' },
  [SIGTRAP]: { 1: 'TRAP_BRKPT', 2: 'TRAP_TRACE' },
  [SIGBUS]: { 1: 'BUS_ADRALN', 2: 'BUS_ADRERR', 3: 'BUS_OBJERR' },
  [SIGFPE]: { 1: 'FPE_INTDIV', 2: 'FPE_INTOVF', 3: 'FPE_FLTDIV' },
};

const signalName = (sig: number): string => SIGNAL_NAMES[sig] ?? String(sig);
const hex = (v: bigint): string => (v === 0n ? '0' : `0x${BigInt.asUintN(64, v).toString(16)}`);

/** The si_code by name: SI_* for a sender's codes, CLD_* for SIGCHLD, the fault codes for faults. */
export function siCodeName(sig: number, code: number): string {
  if (code <= 0 || code === SI_KERNEL) return USER_CODES[code] ?? String(code);
  if (sig === SIGCHLD) return CHILD_CODES[code] ?? String(code);
  return FAULT_CODES[sig]?.[code] ?? String(code);
}

/**
 * The text between the braces. `sender` stands in for a signal sent without a siginfo (SIGPIPE
 * from write): Linux fills SI_USER with the sending process, which is then the receiver.
 */
export function siginfoText(sig: number, info: SigInfo | undefined, sender: { pid: number; uid: number }): string {
  const i = info ?? { code: SI_USER, pid: sender.pid, uid: sender.uid };
  const head = `si_signo=${signalName(sig)}, si_code=${siCodeName(sig, i.code)}`;
  if (i.code === SI_KERNEL) return head;
  if (i.code === SI_TIMER) {
    const v = i.value ?? 0n;
    return `${head}, si_timerid=${i.timerId ?? 0}, si_overrun=${i.overrun ?? 0}, si_int=${Number(BigInt.asIntN(32, v))}, si_ptr=${v === 0n ? 'NULL' : hex(v)}`;
  }
  if (i.code > 0 && sig === SIGCHLD) {
    // The exit code, or the signal that ended, stopped or continued the child, by name.
    const status = i.code === CLD_EXITED ? String(i.status ?? 0) : signalName(i.status ?? 0);
    return `${head}, si_pid=${i.pid ?? 0}, si_uid=${i.uid ?? 0}, si_status=${status}, si_utime=${i.utime ?? 0}, si_stime=${i.stime ?? 0}`;
  }
  if (i.code > 0) return `${head}, si_addr=${i.addr === undefined || i.addr === 0n ? 'NULL' : hex(i.addr)}`;
  const sent = `${head}, si_pid=${i.pid ?? 0}, si_uid=${i.uid ?? 0}`;
  if (i.code === SI_QUEUE) {
    const v = i.value ?? 0n;
    return `${sent}, si_int=${Number(BigInt.asIntN(32, v))}, si_ptr=${v === 0n ? 'NULL' : hex(v)}`;
  }
  return sent;
}

/** strace's whole line for a signal reaching a process, without the pid. */
export function signalLine(sig: number, info: SigInfo | undefined, sender: { pid: number; uid: number }): string {
  return `--- ${signalName(sig)} {${siginfoText(sig, info, sender)}} ---`;
}
