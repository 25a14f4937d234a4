/**
 * `akuma-vm run [--ram SIZE] [--env K=V]... [--trace-syscalls] <elf> [args...]`: boots a fresh
 * machine and kernel, copies the ELF file into the guest file system (/bin/<name>), runs it
 * with the arguments, streams its stdout and stderr to the host's, and exits with its status
 * (128+N when killed by signal N). A file the kernel refuses gives one line, `exec: <path>:
 * <reason>`, and status 126 (127 when it does not exist), like a shell.
 *
 * `-L DIR` (or AKUMA_LD_PREFIX=DIR), qemu-user's -L / QEMU_LD_PREFIX: the guest's root is
 * DIR (e.g. /usr/aarch64-linux-gnu or an extracted arm64 root file system), read lazily and
 * read-only, with the usual writable /tmp plus /dev and /proc. Top-level names DIR does not
 * have come from the host (the cross toolchain's DIR has only lib and include, so /etc is
 * the host's, as under qemu). The program runs from its own host path in the host's
 * current directory, both shown read-only at their host paths, so a program finds its
 * interpreter and libraries in DIR and its files where the user expects (see hostdir.ts).
 *
 * Arguments are read like qemu-user reads them: akuma-vm's options come before the
 * program's path, and everything after the path is the program's, `--` and `--help`
 * included. yargs cannot say "stop at the first operand and keep the rest verbatim", so
 * cli.ts hands this command its raw arguments (parseRunArgs).
 *
 * Start-up time is what a user of a qemu-user replacement notices first, so what only some
 * runs need is imported when they need it: the embedded userland (not under -L, whose root
 * brings its own /bin), the gdb stub (-g) and pino (--log-level).
 */

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Errno } from '../../kernel/errno.js';
import { ExecError } from '../../kernel/exec.js';
import { ExecEntropy } from '../../kernel/aslr.js';
import { HostFs } from '../../kernel/fs/hostdir.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import type { Vfs } from '../../kernel/fs/vfs.js';
import type { Kernel } from '../../kernel/kernel.js';
import { bootKernel } from '../../kernel/boot.js';
import { SIGINT } from '../../kernel/signals.js';
import { parseByteSize } from '../config.js';
import { LeadingOptions } from '../../packages/userland/lib/leading-options.js';
import type { GdbListener } from '../gdb-listener.js';
import type { Logger } from 'pino';

interface RunArgs {
  elf: string;
  args: string[];
  ram: string;
  env: string[];
  traceSyscalls: boolean;
  logLevel: string;
  /** -L DIR: the guest's root file system (a host directory), as qemu-user's -L. */
  ldPrefix?: string;
  /** -g PORT: wait for gdb on 127.0.0.1:PORT before the first instruction (qemu-user's -g). */
  gdbPort?: number;
  /** -R: no address-space layout randomisation (setarch -R, personality ADDR_NO_RANDOMIZE). */
  noRandomize?: boolean;
  /** --seed N: the layout's offsets and AT_RANDOM derived from N, the same on every run. */
  seed?: string;
  /** --inject clobber-x9: the kernel's deliberate bug (Kernel.injectClobberX9). */
  inject?: 'clobber-x9';
  /** --record (with -g): record the run so gdb can execute it in reverse (kernel/debug/recording.ts). */
  record?: boolean;
  /** --record-limit SIZE: the most memory the recording holds (the oldest snapshots go first). */
  recordLimit?: number;
}

/** Parses "256M", "1G", "65536K", "1048576". */
export function parseSize(text: string): number {
  const n = parseByteSize(text);
  if (n === null) throw new Error(`bad --ram ${text}: expected a size such as 256M or 1G`);
  return n;
}

export const RUN_USAGE = 'usage: akuma-vm run [--ram SIZE] [--env K=V]... [-L DIR] [-g PORT [--record] [--record-limit SIZE]] [-R] [--seed N] [--inject clobber-x9] [--trace-syscalls] [--log-level LEVEL] <elf> [args...]';

const RUN_HELP = `${RUN_USAGE}

Run one AArch64 ELF program on a fresh machine (like qemu-user).
Options go before the program's path; everything after it is passed to the program.

  --ram SIZE          guest RAM size (e.g. 256M, 1G; default 256M)
  --env K=V           set a variable in the program's environment (repeatable)
  -L, --ld-prefix DIR guest root file system DIR, read-only (qemu-user -L; also AKUMA_LD_PREFIX)
  -g PORT             wait for gdb (target remote :PORT) before the first instruction
                      (no layout randomisation then, as gdb's disable-randomization)
  --record            with -g: record the run, so gdb's reverse-stepi, reverse-continue and
                      reverse-finish work (one single-threaded process; see the README)
  --record-limit SIZE the most memory the recording keeps (default 256M); past it the oldest
                      snapshots go, and the history starts later
  -R, --no-randomize  load addresses without randomisation (as setarch -R)
  --seed N            randomised load addresses and AT_RANDOM the same on every run
  --inject clobber-x9 fault injection: every system call returns with x9 overwritten, the
                      bug of the project's origin report (for learning to debug; off by default)
  --trace-syscalls    print each system call like strace, on stderr
  --log-level LEVEL   kernel log level on stderr (default silent)
  -h, --help          this help
`;

export class RunUsageError extends Error {}

/** Options (before the path) and operands (the path and everything after it). */
export function parseRunArgs(argv: readonly string[]): RunArgs | 'help' {
  const out: RunArgs = { elf: '', args: [], ram: '256M', env: [], traceSyscalls: false, logLevel: 'silent' };
  const valued: Record<string, (v: string) => void> = {
    '--ram': (v) => (out.ram = v),
    '--env': (v) => out.env.push(v),
    '--log-level': (v) => (out.logLevel = v),
    '-L': (v) => (out.ldPrefix = v),
    '--seed': (v) => (out.seed = v),
    '--record-limit': (v) => {
      const n = parseByteSize(v);
      if (n === null || n < 1 << 20) throw new RunUsageError(`--record-limit wants a size of at least 1M (e.g. 64M, 1G), got ${v}`);
      out.recordLimit = n;
      out.record = true;
    },
    '--ld-prefix': (v) => (out.ldPrefix = v),
    '--inject': (v) => {
      if (v !== 'clobber-x9') throw new RunUsageError(`--inject knows only clobber-x9, got ${v}`);
      out.inject = v;
    },
    '-g': (v) => {
      const port = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(port > 0 && port < 65536)) throw new RunUsageError(`-g wants a TCP port (1-65535), got ${v}`);
      out.gdbPort = port;
    },
  };
  const options = new LeadingOptions(argv);
  for (let a = options.next(); a !== undefined; a = options.next()) {
    if (a === '-h' || a === '--help') return 'help';
    if (a === '-R' || a === '--no-randomize') {
      out.noRandomize = true;
      continue;
    }
    if (a === '--record') {
      out.record = true;
      continue;
    }
    if (a === '--trace-syscalls') {
      out.traceSyscalls = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const set = valued[name];
    if (!set) throw new RunUsageError(`unknown option: ${name}`);
    const value = eq > 0 ? a.slice(eq + 1) : options.value();
    if (value === undefined) throw new RunUsageError(`option ${name} needs a value`);
    set(value);
  }
  const i = options.index;
  if (i >= argv.length) throw new RunUsageError('which program? give the path of an AArch64 ELF file');
  if (out.record && out.gdbPort === undefined) throw new RunUsageError('--record needs -g PORT: the recording is there for gdb to run backwards');
  out.elf = argv[i];
  out.args = argv.slice(i + 1);
  return out;
}

/** `akuma-vm run ...` with its raw arguments; exits with the program's status. */
export async function runMain(argv: readonly string[]): Promise<never> {
  let parsed: RunArgs | 'help';
  try {
    parsed = parseRunArgs(argv);
  } catch (err) {
    if (!(err instanceof RunUsageError)) throw err;
    process.stderr.write(`akuma-vm run: ${err.message}\n${RUN_USAGE}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(RUN_HELP);
    process.exit(0);
  }
  const status = await runProgram(parsed);
  // Let stdout/stderr flush before leaving.
  process.exitCode = status;
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(status);
}

/** An output stream adapter that waits for 'drain' under backpressure. */
function hostOutput(stream: NodeJS.WriteStream, name: string): HostOutput {
  const out: HostOutput = new HostOutput((bytes) => stream.write(bytes), name);
  stream.on('drain', () => out.drain());
  stream.on('error', () => out.disconnect());
  return out;
}

/** The gdb stub and its listener (-g). */
async function loadGdbModules(): Promise<{ DebugTarget: typeof import('../../kernel/debug/target.js').DebugTarget; GdbListener: typeof import('../gdb-listener.js').GdbListener }> {
  const [{ DebugTarget }, { GdbListener }] = await Promise.all([import('../../kernel/debug/target.js'), import('../gdb-listener.js')]);
  return { DebugTarget, GdbListener };
}

/** A pino logger writing JSON lines to stderr at `level`. */
async function stderrLogger(level: string): Promise<Logger> {
  const { default: pino } = await import('pino');
  return pino({ level, base: undefined }, pino.destination(2));
}

/** Runs the program; resolves to the exit status for the host. */
export async function runProgram(args: RunArgs): Promise<number> {
  let image: Uint8Array;
  try {
    image = readFileSync(args.elf);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`exec: ${args.elf}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : 'Permission denied'}\n`);
    return code === 'ENOENT' ? 127 : 126;
  }
  let ramSize: number;
  try {
    ramSize = parseSize(args.ram);
  } catch (e) {
    process.stderr.write(`run: ${(e as Error).message}\n`);
    return 2;
  }
  const env = ['PATH=/bin:/usr/bin', 'HOME=/root', 'TERM=' + (process.env.TERM ?? 'dumb')];
  for (const kv of args.env) {
    if (!kv.includes('=')) {
      process.stderr.write(`run: --env wants K=V, got ${kv}\n`);
      return 2;
    }
    const key = kv.slice(0, kv.indexOf('='));
    const i = env.findIndex((e) => e.startsWith(key + '='));
    if (i >= 0) env[i] = kv;
    else env.push(kv);
  }

  // -L DIR: the guest's root is DIR (read lazily, read-only), names DIR lacks at its top from the host.
  let rootfs: HostFs | undefined;
  const prefix = args.ldPrefix ?? process.env.AKUMA_LD_PREFIX;
  if (prefix) {
    const dir = resolve(prefix);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      process.stderr.write(`run: -L ${prefix}: not a directory\n`);
      return 2;
    }
    rootfs = new HostFs([dir, '/']);
    rootfs.root.extraNames = ['tmp', 'dev', 'proc'];
  }

  let kernel: Kernel;
  let vfs: Vfs;
  try {
    ({ kernel, vfs } = bootKernel({
      fs: rootfs ? { root: rootfs.root } : undefined,
      ramSize,
      // pino only when something is logged: loading it is a measurable part of run's start.
      logger: args.logLevel === 'silent' ? undefined : await stderrLogger(args.logLevel),
      traceSyscalls: args.traceSyscalls ? (line) => process.stderr.write(line + '\n') : undefined,
      // A guest blocked in pause() waits for its signal, as under qemu.
      keepAlive: true,
    }));
  } catch (e) {
    process.stderr.write(`run: cannot boot the machine: ${(e as Error).message}\n`);
    return 2;
  }
  // gdb turns randomisation off for what it starts; so does -g here, so breakpoints land where the ELF says.
  kernel.randomizeLayout = !args.noRandomize && args.gdbPort === undefined;
  if (args.seed !== undefined) kernel.execEntropy = new ExecEntropy(args.seed);
  // The embedded system's userland (/bin/sh and the tools), so system() and popen() work; a
  // --rootfs brings its own /bin.
  if (!rootfs) (await import('../../packages/userland/install.js')).installUserland(kernel);
  if (args.inject === 'clobber-x9') kernel.injectClobberX9 = true;
  let guestPath: string;
  let argv0: string;
  let cwd = '/root';
  if (rootfs) {
    guestPath = realpathSync(args.elf);
    argv0 = args.elf;
    cwd = process.cwd();
    // The program's directory and the current directory are shown at their host paths;
    // under /tmp (the guest's own tmpfs) by a mount of the host directory.
    for (const hostDir of [...new Set([dirname(guestPath), cwd])].sort((a, b) => a.length - b.length)) {
      if (hostDir !== '/tmp' && !hostDir.startsWith('/tmp/')) rootfs.reveal(hostDir);
      else if (!vfs.exists(hostDir)) {
        vfs.mkdir(hostDir, { recursive: true });
        vfs.mount(hostDir, new HostFs([hostDir]).root);
      }
    }
  } else {
    guestPath = `/bin/${basename(args.elf)}`;
    argv0 = guestPath;
    vfs.writeFile(guestPath, image, { mode: 0o755 });
  }

  // Loaded before the spawn: the program must not run before the debugger holds it.
  const gdbModules = args.gdbPort === undefined ? undefined : await loadGdbModules();
  const stdin = new HostInput('host:[stdin]');
  const stdout = hostOutput(process.stdout, 'host:[stdout]');
  const stderr = hostOutput(process.stderr, 'host:[stderr]');
  const onData = (chunk: Buffer): void => stdin.push(chunk);
  const onEnd = (): void => stdin.end();
  let proc;
  try {
    proc = kernel.spawn(guestPath, [argv0, ...args.args], env, { cwd, stdin, stdout, stderr });
  } catch (e) {
    if (e instanceof ExecError) {
      process.stderr.write(`exec: ${args.elf}: ${e.reason}\n`);
      return e.errno === Errno.ENOENT ? 127 : 126;
    }
    throw e;
  }
  // -g PORT: the program stays stopped before its first instruction until gdb says go.
  let gdb: GdbListener | undefined;
  if (args.gdbPort !== undefined) {
    const { DebugTarget, GdbListener } = gdbModules!;
    const target = new DebugTarget(kernel, proc);
    target.attach();
    if (args.record) target.startRecording({ limit: args.recordLimit });
    try {
      gdb = await GdbListener.listen(target, args.gdbPort);
    } catch (e) {
      process.stderr.write(`run: -g ${args.gdbPort}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      kernel.shutdown();
      return 2;
    }
  }
  // Ctrl-C on the host terminal (or SIGINT to this command) goes to the guest, as under qemu.
  const onSigint = (): void => void kernel.kill(proc.pid, SIGINT);
  process.on('SIGINT', onSigint);
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  process.stdin.on('error', onEnd);
  const status = await proc.exited;
  await gdb?.finish(status);
  process.off('SIGINT', onSigint);
  process.stdin.off('data', onData);
  process.stdin.pause();
  kernel.shutdown();
  return status.status;
}

/** cli.ts hands `run` its raw arguments. */
export const rawMain = runMain;

/** For `akuma-vm --help`'s list (the command itself always goes through rawMain). */
export const runCommand = {
  command: 'run <elf> [args..]',
  describe: 'Run one AArch64 ELF program on a fresh machine (like qemu-user)',
  handler: () => undefined,
};
