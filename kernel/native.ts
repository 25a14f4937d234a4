/**
 * Native processes: kernel processes whose code is a TypeScript function instead of guest
 * instructions (the machine's own shell and tools, packages/userland/). Such a process is
 * a Process like any other — a pid that ps shows, its own file table, cwd, environment,
 * credentials, controlling tty, children and signals — but its address space is empty and
 * the scheduler never runs it: its program runs on the host's event loop and reaches the
 * kernel through the userland's Sys implementation (packages/userland/kernel-sys.ts).
 *
 * Why native (host speed) and not a guest program: the seed's shell ran at host speed, a
 * 1,000-iteration shell loop must stay cheap, and the userland is TypeScript, so it cannot
 * be compiled to AArch64 here. The kernel never imports the userland: the userland
 * registers its programs at boot (`NativePrograms.register`), and a file in /bin whose
 * content is the marker below (`NATIVE_MAGIC name`) starts that program when exec'd.
 *
 * fork() of a native process cannot copy a running JS function; instead the program asks
 * for a child that runs a continuation (a closure over a copy of its own state): that is
 * how the shell makes subshells and pipeline stages.
 */

import type { Process } from './process.js';
import { WaitQueue } from './wait-queue.js';
import { defaultAction, DefaultAction, SIG_DFL, SIG_IGN, SIGKILL, SIGCONT, SIGSTOP, type SigAction } from './signals.js';

/** A program's entry point: argv and env as execve gives them; resolves with its exit status. */
export type NativeProgram = (p: Process, argv: string[], env: string[]) => Promise<number>;

/** First bytes of a /bin file that names a native program: "\x7fAKUMA-NATIVE sh\n". */
export const NATIVE_MAGIC = '\x7fAKUMA-NATIVE ';

/** The handler value a native process's sigaction slot holds while a TypeScript handler is installed. */
export const SIG_NATIVE = 2n;

/** Thrown inside a native program's calls once its process has ended (killed) or exec'd another image. */
export class NativeProcessGone extends Error {
  constructor(readonly reason: 'exited' | 'exec') {
    super(`native process ${reason}`);
  }
}

/** Per-process state of a running native program. */
export class NativeState {
  /** TypeScript signal handlers (the sigaction slot holds SIG_NATIVE). */
  readonly handlers = new Map<number, (sig: number) => void>();
  /** Woken when a handled signal arrives (blocking calls then fail with EINTR). */
  readonly signalWaiters = new WaitQueue();
  /** Signals that arrived for a handler and were not yet run. */
  readonly pending: number[] = [];
  /** Set once the process exec'd a guest image: the program must stop. */
  replaced = false;
  /** Called when a job-control stop ends (SIGCONT): the program's calls that waited go on. */
  readonly continueWaiters = new WaitQueue();

  constructor(readonly program: string) {}
}

/** The registry of native programs, by name; the userland fills it at boot. */
export class NativePrograms {
  private readonly programs = new Map<string, NativeProgram>();

  register(name: string, program: NativeProgram): void {
    this.programs.set(name, program);
  }

  has(name: string): boolean {
    return this.programs.has(name);
  }

  get(name: string): NativeProgram | undefined {
    return this.programs.get(name);
  }

  names(): string[] {
    return [...this.programs.keys()].sort();
  }

  /** The content of a /bin entry that starts `name`. */
  static image(name: string): Uint8Array {
    return new TextEncoder().encode(`${NATIVE_MAGIC}${name}\n`);
  }

  /** The registered program a file's content names, or null (not a native image). */
  programOf(image: Uint8Array): { name: string; program: NativeProgram } | null {
    if (image.length < NATIVE_MAGIC.length + 2 || image.length > 256 || image[0] !== 0x7f || image[1] !== 0x41) return null;
    const text = new TextDecoder().decode(image);
    if (!text.startsWith(NATIVE_MAGIC)) return null;
    const name = text.slice(NATIVE_MAGIC.length).trim();
    const program = this.programs.get(name);
    return program ? { name, program } : null;
  }
}

/**
 * A signal sent to a native process: what the kernel's sendSignal does for it instead of
 * queueing it for a guest handler. Returns the action the kernel must take.
 */
export function nativeSignalAction(actions: readonly SigAction[], state: NativeState, sig: number): 'terminate' | 'stop' | 'none' {
  if (sig === SIGKILL) return 'terminate';
  // Job control as for a guest: SIGSTOP, and the other stop signals left at their default,
  // stop the program at its next system call (the Sys waits until SIGCONT); SIGCONT continues (the kernel does that before asking here).
  if (sig === SIGSTOP) return 'stop';
  const action = actions[sig];
  if (action.handler === SIG_DFL && defaultAction(sig) === DefaultAction.STOP) return 'stop';
  if (action.handler === SIG_IGN) return 'none';
  if (action.handler === SIG_NATIVE && state.handlers.has(sig)) {
    state.pending.push(sig);
    state.signalWaiters.wake();
    // Run the handler soon, outside the sender's call stack (as a guest handler runs on return to EL0).
    queueMicrotask(() => runPendingHandlers(state));
    return 'none';
  }
  if (action.handler === SIG_DFL) {
    const d = defaultAction(sig);
    if (d === DefaultAction.TERMINATE || d === DefaultAction.CORE) return 'terminate';
    if (sig === SIGCONT) return 'none';
  }
  return 'none';
}

/** Runs the TypeScript handlers of signals that arrived. */
export function runPendingHandlers(state: NativeState): void {
  while (state.pending.length) {
    const sig = state.pending.shift()!;
    const h = state.handlers.get(sig);
    try {
      h?.(sig);
    } catch {
      // A handler's failure is the program's business; the kernel goes on.
    }
  }
}
