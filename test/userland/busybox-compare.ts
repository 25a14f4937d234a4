/**
 * Table-driven comparison of the userland tools with Debian's arm64 busybox under
 * qemu-aarch64: each case sets up the same files in the same temporary directory, runs
 * busybox's applet there, records stdout, exit status, the first stderr line and (when
 * the case changes files) the resulting tree, then does the same with our tool over
 * host-sys, and asserts both saw the same.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Test } from 'tap';
import { TOOLS } from '../../packages/userland/tools/index.js';
import { HostSys } from './host-sys.js';

const here = path.dirname(new URL(import.meta.url).pathname);
export const BUSYBOX = path.resolve(here, '../../../.cache/debian-arm64/bin/busybox');

export type FileSpec = string | { content?: string; mode?: number; dir?: boolean; link?: string; mtime?: number };

export interface Case {
  /** argv after the tool name. */
  args: string[];
  stdin?: string;
  files?: Record<string, FileSpec>;
  /** Compare the directory tree after the run (for tools that change files). */
  tree?: boolean;
  /** Do not compare stderr (where only the wording of a usage text differs). */
  noStderr?: boolean;
  /** The applet name when it differs from the test's tool. */
  tool?: string;
  /** Environment additions, K=V. */
  env?: string[];
  /** Compare with the host's GNU tool of that name instead (for what Debian's busybox lacks). */
  gnu?: boolean;
  /** Replace volatile parts of both outputs (e.g. times) before comparing. */
  normalize?: (s: string) => string;
}

/** A fixed time for every file set up (2024-03-05 06:07:08 UTC), so ls -l and find -mtime are stable. */
export const FIXED_MTIME = Date.UTC(2024, 2, 5, 6, 7, 8) / 1000;

export function haveBusybox(): boolean {
  if (!fs.existsSync(BUSYBOX)) return false;
  return spawnSync('qemu-aarch64', ['--version']).status === 0;
}

function clean(dir: string): void {
  for (const e of fs.readdirSync(dir)) {
    const p = path.join(dir, e);
    try {
      fs.chmodSync(p, 0o755);
    } catch {
      /* symlink to nowhere */
    }
    fs.rmSync(p, { recursive: true, force: true });
  }
}

function setup(dir: string, files: Record<string, FileSpec>): void {
  clean(dir);
  const dirs: string[] = [];
  for (const [name, spec] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof spec === 'string') fs.writeFileSync(p, spec, 'latin1');
    else if (spec.dir) fs.mkdirSync(p, { recursive: true });
    else if (spec.link !== undefined) {
      fs.symlinkSync(spec.link, p);
      continue;
    } else fs.writeFileSync(p, spec.content ?? '', 'latin1');
    if (typeof spec !== 'string' && spec.mode !== undefined) fs.chmodSync(p, spec.mode);
    if (typeof spec !== 'string' && spec.dir) dirs.push(p);
    else fs.utimesSync(p, (typeof spec !== 'string' && spec.mtime) || FIXED_MTIME, (typeof spec !== 'string' && spec.mtime) || FIXED_MTIME);
  }
  // directories last (creating files inside changes their times); deepest first
  const all: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name)), all.push(path.join(d, e.name));
  };
  walk(dir);
  for (const d of all) {
    const spec = files[path.relative(dir, d)];
    const t = (typeof spec === 'object' && spec.mtime) || FIXED_MTIME;
    fs.utimesSync(d, t, t);
  }
}

/** Type, mode, size and content (or link target) of everything under dir, for comparison. */
export function snapshot(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d).sort()) {
      const p = path.join(d, e);
      const st = fs.lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isSymbolicLink()) lines.push(`${rel} -> ${fs.readlinkSync(p)}`);
      else if (st.isDirectory()) {
        lines.push(`${rel}/ ${(st.mode & 0o7777).toString(8)}`);
        walk(p);
      } else if (st.isFIFO()) lines.push(`${rel} fifo ${(st.mode & 0o7777).toString(8)}`);
      else lines.push(`${rel} ${(st.mode & 0o7777).toString(8)} nlink=${st.nlink} ${JSON.stringify(fs.readFileSync(p, 'latin1').slice(0, 2000))}`);
    }
  };
  walk(dir);
  return lines.join('\n');
}

export interface RunResult {
  stdout: string;
  status: number;
  stderr: string;
  tree?: string;
}

const BASE_ENV = ['PATH=/usr/bin:/bin', 'HOME=/root', 'TZ=UTC', 'LC_ALL=C', 'USER=root', 'LOGNAME=root'];

export function runBusybox(dir: string, tool: string, c: Case): RunResult {
  if (c.files) setup(dir, c.files);
  else clean(dir);
  const env: Record<string, string> = {};
  for (const kv of [...BASE_ENV, ...(c.env ?? [])]) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  const r = spawnSync(c.gnu ? tool : 'qemu-aarch64', c.gnu ? c.args : [BUSYBOX, tool, ...c.args], { cwd: dir, input: Buffer.from(c.stdin ?? '', 'latin1'), env, timeout: 20000 });
  return {
    stdout: r.stdout.toString('latin1'),
    status: r.status ?? 128 + (r.signal ? os.constants.signals[r.signal] : 0),
    stderr: r.stderr.toString('latin1'),
    tree: c.tree ? snapshot(dir) : undefined,
  };
}

export async function runOurs(dir: string, tool: string, c: Case): Promise<RunResult> {
  if (c.files) setup(dir, c.files);
  else clean(dir);
  const r = await HostSys.run(TOOLS, [tool, ...c.args], { cwd: dir, stdin: Buffer.from(c.stdin ?? '', 'latin1'), env: [...BASE_ENV, ...(c.env ?? [])] });
  return { stdout: r.stdout.toString('latin1'), status: r.status, stderr: r.stderr.toString('latin1'), tree: c.tree ? snapshot(dir) : undefined };
}

/**
 * The first line of stderr. Busybox answers a usage error with its banner and usage
 * text, our tools with one `Usage: NAME ...` line: both count as "a usage message".
 */
function firstLine(s: string): string {
  const i = s.indexOf('\n');
  const l = i < 0 ? s : s.slice(0, i);
  if (l.startsWith('BusyBox v') || l.startsWith('Usage: ')) return '<usage message>';
  return l;
}

/** Runs every case against busybox and our tool and asserts they agree. */
export async function compareWithBusybox(t: Test, tool: string, cases: Case[]): Promise<void> {
  if (!haveBusybox()) {
    t.pass('skip: busybox (.cache/debian-arm64/bin/busybox) or qemu-aarch64 missing');
    return;
  }
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `akuma-tools-${tool}-`)));
  try {
    for (const c of cases) {
      const name = c.tool ?? tool;
      const label = `${name} ${c.args.map((a) => JSON.stringify(a)).join(' ')}${c.stdin !== undefined ? ' <<< ' + JSON.stringify(c.stdin.slice(0, 40)) : ''}`;
      const bb = runBusybox(dir, name, c);
      const ours = await runOurs(dir, name, c);
      const norm = c.normalize ?? ((s: string) => s);
      const fix = (s: string) => norm(s.split(dir).join('$DIR'));
      const got = { stdout: fix(ours.stdout), status: ours.status, stderr: c.noStderr ? '' : fix(firstLine(ours.stderr)), tree: ours.tree };
      const want = { stdout: fix(bb.stdout), status: bb.status, stderr: c.noStderr ? '' : fix(firstLine(bb.stderr)), tree: bb.tree };
      t.same(got, want, label);
    }
  } finally {
    clean(dir);
    fs.rmdirSync(dir);
  }
}
