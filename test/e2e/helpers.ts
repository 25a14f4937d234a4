/**
 * End-to-end helpers: the real server as a child process (`akuma-vm serve --port 0` on a
 * fresh data directory), the OpenSSH client from /usr/bin, and ssh2's Client.
 *
 * The server's JSON log lines are collected so tests can wait for and check them (the
 * ready line gives the real port and the host key fingerprint).
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';

/** dist/test/e2e/helpers.js -> dist/server/cli.js */
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'cli.js');
/** The repository's packages/bin (from dist/test/e2e: up three levels). */
export const PACKAGES_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'bin');

export const SSH = '/usr/bin/ssh';
export const SCP = '/usr/bin/scp';
export const SFTP = '/usr/bin/sftp';
export const SSH_KEYGEN = '/usr/bin/ssh-keygen';
/** Why OpenSSH tests are skipped, or false when the client is there. */
export const NO_OPENSSH: string | false = existsSync(SSH) && existsSync(SSH_KEYGEN) ? false : `OpenSSH client not installed (${SSH})`;

export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface ServerHandle {
  port: number;
  fingerprint: string;
  dataDir: string;
  proc: ChildProcess;
  logs: LogLine[];
  stderr: () => string;
  /** Resolves with the first log line (already seen or future) that matches. */
  waitForLog(match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /**
   * Whether a matching line is logged (already, or within timeoutMs). The server's log reaches
   * the test through a pipe, often after the client has seen the effect it describes, so an
   * assertion on a line that should follow an event waits for it rather than looking once.
   */
  logged(match: (l: LogLine) => boolean, timeoutMs?: number): Promise<boolean>;
  /** Sends a signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tmpDir(prefix = 'akuma-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `akuma-vm serve` and returns once it logs that it is ready (rejects if it exits first). */
export function startServer(options: {
  dataDir: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** Give no --port/--data-dir/--log-level (settings come from env). */
  bare?: boolean;
}): Promise<ServerHandle> {
  const defaults = options.bare ? [] : ['--port', '0', '--data-dir', options.dataDir, '--log-level', 'info'];
  const args = [CLI, 'serve', ...defaults, ...(options.args ?? [])];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const logs: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let stderr = '';
  let partial = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const text = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text, level: 0, unparsed: true };
      }
      logs.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => (stderr += chunk));
  // A test that dies (timeout, crash) must not leave its server running.
  const killOnExit = () => proc.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve({ code, signal });
    }),
  );

  const waitForLog = (match: (l: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (l: LogLine) => {
          clearTimeout(timer);
          resolve(l);
        },
      };
      waiters.push(waiter);
    });
  };

  return new Promise((resolve, reject) => {
    const onEarlyExit = (r: { code: number | null; signal: NodeJS.Signals | null }) =>
      reject(new Error(`server exited before ready (code ${r.code}, signal ${r.signal}): ${stderr.trim()}`));
    exited.then(onEarlyExit);
    waitForLog((l) => l.msg.startsWith('akuma-vm ready'), options.readyTimeoutMs ?? 30_000).then(
      (ready) => {
        const address = String(ready.address);
        const port = Number(address.slice(address.lastIndexOf(':') + 1));
        resolve({
          port,
          fingerprint: String(ready.fingerprint),
          dataDir: options.dataDir,
          proc,
          logs,
          stderr: () => stderr,
          waitForLog,
          logged: (match, timeoutMs) => waitForLog(match, timeoutMs).then(() => true, () => false),
          exited,
          stop: (signal = 'SIGTERM') => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      },
      (err) => {
        proc.kill('SIGKILL');
        reject(err);
      },
    );
  });
}

/** Runs the CLI to completion (for start-up refusals). */
export function runCli(args: string[], timeoutMs = 30_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A throwaway OpenSSH key pair in `dir` (private key file path returned). */
export function makeKey(dir: string, name: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519'): string {
  const path = join(dir, name);
  const bits = type === 'rsa' ? ['-b', '2048'] : type === 'ecdsa' ? ['-b', '256'] : [];
  const r = spawnSync(SSH_KEYGEN, ['-q', '-t', type, ...bits, '-N', '', '-C', `${name}@e2e`, '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  return path;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options every OpenSSH invocation gets: no user config, no agent, no prompts, no host key pinning. */
export function opensshOptions(dir: string, key?: string): string[] {
  return [
    '-F', '/dev/null',
    '-o', 'StrictHostKeyChecking=no',
    '-o', 'UserKnownHostsFile=/dev/null',
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'BatchMode=yes',
    '-o', 'LogLevel=ERROR',
    '-o', 'IdentitiesOnly=yes',
    '-o', 'IdentityAgent=none',
    '-o', 'ConnectTimeout=20',
    '-i', key ?? join(dir, 'id_ed25519'),
  ];
}

/** Runs an OpenSSH client program (ssh, scp, sftp) to completion. */
export function runOpenssh(program: string, args: string[], options: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${program} ${args.join(' ')} timed out; stdout: ${stdout.slice(-300)} stderr: ${stderr.slice(-300)}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** `ssh -p PORT user@127.0.0.1 COMMAND` with the throwaway key in `dir`. */
export function ssh(server: { port: number }, dir: string, command: string | null, options: { input?: string | Buffer; extra?: string[]; user?: string; key?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const args = [...opensshOptions(dir, options.key), ...(options.extra ?? []), '-p', String(server.port), `${options.user ?? 'user'}@127.0.0.1`];
  if (command !== null) args.push(command);
  return runOpenssh(SSH, args, options);
}

export function connect(port: number, config: Partial<ssh2.ConnectConfig> = {}): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'user', readyTimeout: 60_000, ...config });
  });
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs a command on an ssh2 connection; stdin (if given) is sent followed by EOF. */
export function exec(client: ssh2.Client, command: string, options: { stdin?: string; env?: Record<string, string> } = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, { env: options.env }, (err, channel) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      channel.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      channel.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      channel.on('exit', (c: number | null, s?: string) => {
        code = c;
        signal = s ?? null;
      });
      channel.on('close', () => resolve({ code, signal, stdout, stderr }));
      if (options.stdin !== undefined) channel.end(options.stdin);
      else channel.end();
    });
  });
}

/** One connection, one command, disconnect. */
export async function execOnce(port: number, command: string, options: { stdin?: string } = {}): Promise<ExecResult> {
  const client = await connect(port);
  try {
    return await exec(client, command, options);
  } finally {
    client.end();
  }
}

/** Collects a stream's text and lets a test wait until it contains something. */
export class Transcript {
  text = '';
  private waiters: { test: (t: string) => boolean; resolve: () => void }[] = [];

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (d: Buffer) => {
      this.text += d.toString('utf8');
      for (const w of [...this.waiters]) {
        if (w.test(this.text)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
  }

  /** Waits until the text after `from` matches. */
  waitFor(pattern: string | RegExp | ((tail: string) => boolean), from = 0, timeoutMs = 30_000): Promise<void> {
    const test = (t: string) => {
      const tail = t.slice(from);
      return typeof pattern === 'string' ? tail.includes(pattern) : typeof pattern === 'function' ? pattern(tail) : pattern.test(tail);
    };
    if (test(this.text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(pattern)}; transcript: ${JSON.stringify(this.text.slice(-400))}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Types each input into a terminal and waits, after each, until what the terminal shows
 * since that input ends in one of the prompts (so no timing is assumed). Returns all that
 * the terminal showed from the first input on.
 */
export async function typeAtPrompts(write: (s: string) => void, screen: Transcript, inputs: string[], prompts: string[]): Promise<string> {
  const start = screen.text.length;
  for (const input of inputs) {
    const mark = screen.text.length;
    write(input);
    await screen.waitFor((tail: string) => tail.length > 0 && prompts.some((p) => tail.endsWith(p)), mark);
  }
  return screen.text.slice(start);
}

export const DASH = '/usr/bin/dash';
export const SCRIPT = '/usr/bin/script';
export const NO_DASH_PTY: string | false = existsSync(DASH) && existsSync(SCRIPT) ? false : `dash or script(1) not installed (${DASH}, ${SCRIPT})`;

/**
 * Host dash as an interactive shell on a real pty (script(1) makes the pty), to compare a
 * terminal transcript with ours. `end()` logs it out.
 */
export function dashOnPty(env: Record<string, string>): { write: (s: string) => void; screen: Transcript; ready: Promise<void>; end: () => Promise<void> } {
  const child = spawn(SCRIPT, ['-q', '-c', `${DASH} -i`, '/dev/null'], { env: { PATH: '/usr/bin:/bin', TERM: 'dumb', ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const screen = new Transcript(child.stdout!);
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  return {
    write: (s) => child.stdin!.write(s),
    screen,
    ready: screen.waitFor(env.PS1 ?? '$ '),
    end: async () => {
      child.stdin!.end('exit\r');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
