/**
 * `akuma-vm run [--ram SIZE] [--env K=V]... [--trace-syscalls] <elf> [args...]`: boots a fresh
 * machine and kernel, copies the ELF file into the guest file system (/bin/<name>), runs it
 * with the arguments, streams its stdout and stderr to the host's, and exits with its status
 * (128+N when killed by signal N). A file the kernel refuses gives one line, `exec: <path>:
 * <reason>`, and status 126 (127 when it does not exist), like a shell.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import pino from 'pino';
import type { Argv, CommandModule } from 'yargs';
import { Errno } from '../../kernel/errno.js';
import { ExecError } from '../../kernel/exec.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { Kernel } from '../../kernel/kernel.js';

interface RunArgs {
  elf: string;
  args: string[];
  ram: string;
  env: string[];
  traceSyscalls: boolean;
  logLevel: string;
}

/** Parses "256M", "1G", "65536K", "1048576". */
export function parseSize(text: string): number {
  const m = /^(\d+)\s*([kKmMgG]?)(i?[bB])?$/.exec(text.trim());
  if (!m) throw new Error(`bad size: ${text}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

/** An output stream adapter that waits for 'drain' under backpressure. */
function hostOutput(stream: NodeJS.WriteStream, name: string): HostOutput {
  const out: HostOutput = new HostOutput((bytes) => stream.write(bytes), name);
  stream.on('drain', () => out.drain());
  stream.on('error', () => out.disconnect());
  return out;
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

  let kernel: Kernel;
  try {
    kernel = new Kernel({
      ramSize,
      logger: pino({ level: args.logLevel, base: undefined }, pino.destination(2)),
      traceSyscalls: args.traceSyscalls ? (line) => process.stderr.write(line + '\n') : undefined,
    });
  } catch (e) {
    process.stderr.write(`run: cannot boot the machine: ${(e as Error).message}\n`);
    return 2;
  }
  const vfs = new Vfs({ processes: kernel });
  kernel.vfs = vfs;
  const guestPath = `/bin/${basename(args.elf)}`;
  vfs.writeFile(guestPath, image, { mode: 0o755 });

  const stdin = new HostInput('host:[stdin]');
  const stdout = hostOutput(process.stdout, 'host:[stdout]');
  const stderr = hostOutput(process.stderr, 'host:[stderr]');
  const onData = (chunk: Buffer): void => stdin.push(chunk);
  const onEnd = (): void => stdin.end();
  let proc;
  try {
    proc = kernel.spawn(guestPath, [guestPath, ...args.args], env, { cwd: '/root', stdin, stdout, stderr });
  } catch (e) {
    if (e instanceof ExecError) {
      process.stderr.write(`exec: ${args.elf}: ${e.reason}\n`);
      return e.errno === Errno.ENOENT ? 127 : 126;
    }
    throw e;
  }
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  process.stdin.on('error', onEnd);
  const status = await proc.exited;
  process.stdin.off('data', onData);
  process.stdin.pause();
  kernel.shutdown();
  return status.status;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <elf> [args..]',
  describe: 'Run one AArch64 ELF program on a fresh machine (like qemu-user)',
  builder: (yargs: Argv) =>
    yargs
      .parserConfiguration({ 'unknown-options-as-args': true })
      .positional('elf', { type: 'string', describe: 'host path of the ELF file', demandOption: true })
      .positional('args', { type: 'string', array: true, describe: 'arguments for the program', default: [] })
      .option('ram', { type: 'string', default: '256M', describe: 'guest RAM size (e.g. 256M, 1G)' })
      .option('env', { type: 'string', describe: 'environment variable K=V (repeatable)' })
      .option('trace-syscalls', { type: 'boolean', default: false, describe: 'print each system call like strace, on stderr' })
      .option('log-level', { type: 'string', default: 'silent', describe: 'kernel log level (pino) on stderr' }) as unknown as Argv<RunArgs>,
  handler: async (args) => {
    const env = args.env === undefined ? [] : ([] as unknown[]).concat(args.env).map(String);
    const status = await runProgram({ ...args, env, args: (args.args ?? []).map(String) });
    // Let stdout/stderr flush before leaving.
    process.exitCode = status;
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(status);
  },
};
