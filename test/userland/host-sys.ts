/**
 * TEST ONLY: a Sys implementation over the host's node:fs, so the userland tools can be
 * run and compared with busybox before (and independently of) the machine's kernel
 * providing Sys. Paths are the host's own (so busybox under qemu-aarch64 and the tools
 * see the same files); the process's cwd starts in the test's temporary directory.
 * Standard input is a byte buffer, standard output and error are captured; spawn runs
 * another userland program in-process with the fds it asks for.
 *
 * It is deliberately simple and must never be used by the product: no permission model
 * of its own, no pipes between real processes, kill only tests for existence.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { execFileSync } from 'node:child_process';
import { SysError, O, type DirEntry, type SpawnRequest, type StatFs, type StatResult, type Sys, type UserProgram, type WaitStatus } from '../../packages/userland/sys.js';

type FdEntry =
  | { kind: 'host'; fd: number; pos: number; append: boolean; refs: number }
  | { kind: 'in'; data: Buffer; pos: number; refs: number }
  | { kind: 'out'; chunks: Buffer[]; refs: number; limit?: number };

export class HostExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const ERRNO: Record<string, number> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10,
  EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20,
  EISDIR: 21, EINVAL: 22, EMFILE: 24, ENOTTY: 25, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31,
  EPIPE: 32, ERANGE: 34, ENAMETOOLONG: 36, ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40, ENOTSUP: 95,
};

function sysErr(code: string, subject?: string): SysError {
  return new SysError(code, ERRNO[code] ?? 5, subject);
}

function wrap<T>(subject: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) throw sysErr(code, subject);
    throw e;
  }
}

function toStat(s: fs.Stats): StatResult {
  return {
    dev: s.dev, ino: s.ino, mode: s.mode, nlink: s.nlink, uid: s.uid, gid: s.gid, rdev: s.rdev, size: s.size,
    blocks: s.blocks, blksize: s.blksize, atimeMs: s.atimeMs, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs,
  };
}

function hostFlags(flags: number): number {
  const c = fs.constants;
  let f = flags & 3;
  if (flags & O.CREAT) f |= c.O_CREAT;
  if (flags & O.EXCL) f |= c.O_EXCL;
  if (flags & O.NOCTTY) f |= c.O_NOCTTY;
  if (flags & O.TRUNC) f |= c.O_TRUNC;
  if (flags & O.APPEND) f |= c.O_APPEND;
  if (flags & O.DIRECTORY) f |= c.O_DIRECTORY;
  if (flags & O.NOFOLLOW) f |= c.O_NOFOLLOW;
  return f;
}

export interface HostRunResult {
  stdout: Buffer;
  stderr: Buffer;
  status: number;
}

let nextPid = 1000;

export class HostSys implements Sys {
  private fds = new Map<number, FdEntry>();
  private children = new Map<number, Promise<number>>();
  readonly pid = nextPid++;
  private mask = 0o022;

  constructor(
    public cwd: string,
    private readonly programs: Record<string, UserProgram>,
    readonly ppid = 1,
  ) {}

  /** Sets up fds 0, 1, 2 as a stdin buffer and two captures. */
  static standard(cwd: string, programs: Record<string, UserProgram>, stdin: Buffer | string = ''): HostSys {
    const s = new HostSys(cwd, programs);
    s.fds.set(0, { kind: 'in', data: Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin, 'utf8'), pos: 0, refs: 1 });
    s.fds.set(1, { kind: 'out', chunks: [], refs: 1 });
    s.fds.set(2, { kind: 'out', chunks: [], refs: 1 });
    return s;
  }

  captured(fd: number): Buffer {
    const e = this.fds.get(fd);
    return e && e.kind === 'out' ? Buffer.concat(e.chunks) : Buffer.alloc(0);
  }

  /** Runs a program with this Sys and returns what it wrote and its status. */
  static async run(programs: Record<string, UserProgram>, argv: string[], opts: { cwd: string; stdin?: Buffer | string; env?: string[] }): Promise<HostRunResult> {
    const sys = HostSys.standard(opts.cwd, programs, opts.stdin ?? '');
    const prog = programs[argv[0]];
    let status: number;
    if (!prog) throw new Error(`no program ${argv[0]}`);
    try {
      status = await prog(sys, argv, opts.env ?? []);
    } catch (e) {
      if (e instanceof HostExit) status = e.code;
      else throw e;
    }
    await Promise.all(sys.children.values());
    return { stdout: sys.captured(1), stderr: sys.captured(2), status };
  }

  private abs(p: string): string {
    if (p === '') throw sysErr('ENOENT', p);
    return p.startsWith('/') ? p : this.cwd + '/' + p;
  }

  private entry(fd: number): FdEntry {
    const e = this.fds.get(fd);
    if (!e) throw sysErr('EBADF');
    return e;
  }

  private lowestFree(from = 0): number {
    let fd = from;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  getpid(): number { return this.pid; }
  getppid(): number { return this.ppid; }
  getuid(): number { return process.getuid?.() ?? 0; }
  getgid(): number { return process.getgid?.() ?? 0; }
  geteuid(): number { return process.geteuid?.() ?? 0; }
  getegid(): number { return process.getegid?.() ?? 0; }
  /** The supplementary groups as the kernel reports them (node's getgroups adds the egid). */
  getgroups(): number[] {
    const m = /^Groups:[ \t]*(.*)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? m[1].split(/\s+/).filter(Boolean).map(Number) : [];
  }
  getpgrp(): number { return this.pid; }
  setpgid(): void {}
  setsid(): number { return this.pid; }
  umask(mask: number): number {
    const old = this.mask;
    this.mask = mask & 0o777;
    return old;
  }
  uname() {
    return { sysname: 'Linux', nodename: os.hostname(), release: os.release(), version: os.version(), machine: 'aarch64' };
  }

  open(path: string, flags: number, mode = 0o666): number {
    const hfd = wrap(path, () => fs.openSync(this.abs(path), hostFlags(flags), mode & ~this.mask));
    const fd = this.lowestFree();
    this.fds.set(fd, { kind: 'host', fd: hfd, pos: 0, append: (flags & O.APPEND) !== 0, refs: 1 });
    return fd;
  }
  close(fd: number): void {
    const e = this.entry(fd);
    this.fds.delete(fd);
    if (--e.refs === 0 && e.kind === 'host') fs.closeSync(e.fd);
  }
  async read(fd: number, length: number): Promise<Uint8Array> {
    const e = this.entry(fd);
    if (e.kind === 'in') {
      const d = e.data.subarray(e.pos, e.pos + length);
      e.pos += d.length;
      return d;
    }
    if (e.kind === 'out') throw sysErr('EBADF');
    const buf = Buffer.alloc(length);
    const n = wrap('read', () => fs.readSync(e.fd, buf, 0, length, e.pos));
    e.pos += n;
    return buf.subarray(0, n);
  }
  async write(fd: number, data: Uint8Array | string): Promise<void> {
    const e = this.entry(fd);
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (e.kind === 'out') {
      e.chunks.push(b);
      return;
    }
    if (e.kind === 'in') throw sysErr('EBADF');
    let off = 0;
    while (off < b.length) {
      const n = wrap('write', () => fs.writeSync(e.fd, b, off, b.length - off, e.append ? null : e.pos));
      off += n;
      e.pos = e.append ? fs.fstatSync(e.fd).size : e.pos + n;
    }
  }
  lseek(fd: number, offset: number, whence: 0 | 1 | 2): number {
    const e = this.entry(fd);
    if (e.kind === 'out') throw sysErr('ESPIPE');
    const size = e.kind === 'in' ? e.data.length : fs.fstatSync(e.fd).size;
    const base = whence === 0 ? 0 : whence === 1 ? e.pos : size;
    if (base + offset < 0) throw sysErr('EINVAL');
    e.pos = base + offset;
    return e.pos;
  }
  dup(fd: number): number {
    const e = this.entry(fd);
    const n = this.lowestFree();
    e.refs++;
    this.fds.set(n, e);
    return n;
  }
  dup2(oldFd: number, newFd: number): number {
    const e = this.entry(oldFd);
    if (oldFd === newFd) return newFd;
    if (this.fds.has(newFd)) this.close(newFd);
    e.refs++;
    this.fds.set(newFd, e);
    return newFd;
  }
  pipe(): [number, number] {
    throw sysErr('ENOSYS');
  }
  fcntlGetFd(fd: number): number {
    this.entry(fd);
    return 0;
  }
  fcntlSetFd(fd: number): void {
    this.entry(fd);
  }
  isatty(fd: number): boolean {
    this.entry(fd);
    return false;
  }
  stat(path: string): StatResult { return wrap(path, () => toStat(fs.statSync(this.abs(path)))); }
  lstat(path: string): StatResult { return wrap(path, () => toStat(fs.lstatSync(this.abs(path)))); }
  fstat(fd: number): StatResult {
    const e = this.entry(fd);
    if (e.kind === 'host') return toStat(fs.fstatSync(e.fd));
    const now = Date.now();
    return { dev: 0, ino: 0, mode: 0o10600, nlink: 1, uid: this.getuid(), gid: this.getgid(), rdev: 0, size: 0, blocks: 0, blksize: 4096, atimeMs: now, mtimeMs: now, ctimeMs: now };
  }
  access(path: string, mode: number): boolean {
    try {
      fs.accessSync(this.abs(path), mode);
      return true;
    } catch {
      return false;
    }
  }
  readdir(path: string): DirEntry[] {
    const p = this.abs(path);
    // opendir keeps the file system's own order (readdirSync sorts), as busybox sees it
    const list = (): fs.Dirent[] => {
      const dir = fs.opendirSync(p);
      const out: fs.Dirent[] = [];
      try {
        for (let d = dir.readSync(); d; d = dir.readSync()) out.push(d);
      } finally {
        dir.closeSync();
      }
      return out;
    };
    return wrap(path, () =>
      list().map((d) => {
        let ino = 0;
        try {
          ino = fs.lstatSync(p + '/' + d.name).ino;
        } catch {
          /* raced */
        }
        const type = d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : d.isCharacterDevice() ? 'char' : d.isBlockDevice() ? 'block' : d.isFIFO() ? 'fifo' : d.isSocket() ? 'socket' : 'unknown';
        return { name: d.name, ino, type } as DirEntry;
      }),
    );
  }
  mkfifo(path: string, mode: number): void {
    // Node has no mkfifo: the host's mkfifo(1) makes it, after the same checks the call makes.
    wrap(path, () => {
      if (fs.lstatSync(this.abs(path), { throwIfNoEntry: false })) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      if (!fs.statSync(nodePath.dirname(this.abs(path))).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      execFileSync('mkfifo', ['-m', (mode & ~this.mask & 0o7777).toString(8), this.abs(path)]);
    });
  }
  mkdir(path: string, mode: number): void { wrap(path, () => fs.mkdirSync(this.abs(path), { mode: mode & ~this.mask })); }
  rmdir(path: string): void { wrap(path, () => fs.rmdirSync(this.abs(path))); }
  unlink(path: string): void { wrap(path, () => fs.unlinkSync(this.abs(path))); }
  rename(from: string, to: string): void { wrap(from, () => fs.renameSync(this.abs(from), this.abs(to))); }
  link(existing: string, newPath: string): void { wrap(newPath, () => fs.linkSync(this.abs(existing), this.abs(newPath))); }
  symlink(target: string, linkPath: string): void { wrap(linkPath, () => fs.symlinkSync(target, this.abs(linkPath))); }
  readlink(path: string): string { return wrap(path, () => fs.readlinkSync(this.abs(path))); }
  realpath(path: string): string { return wrap(path, () => fs.realpathSync(this.abs(path))); }
  chmod(path: string, mode: number): void { wrap(path, () => fs.chmodSync(this.abs(path), mode)); }
  chown(path: string, uid: number, gid: number, noFollow?: boolean): void {
    wrap(path, () => (noFollow ? fs.lchownSync : fs.chownSync)(this.abs(path), uid, gid));
  }
  utimes(path: string, atimeMs: number | null | 'now', mtimeMs: number | null | 'now'): void {
    const p = this.abs(path);
    wrap(path, () => {
      const st = fs.statSync(p);
      const t = (v: number | null | 'now', old: number) => (v === 'now' ? Date.now() : v === null ? old : v) / 1000;
      fs.utimesSync(p, t(atimeMs, st.atimeMs), t(mtimeMs, st.mtimeMs));
    });
  }
  truncate(path: string, length: number): void { wrap(path, () => fs.truncateSync(this.abs(path), length)); }
  statfs(path: string): StatFs {
    return wrap(path, () => {
      const s = fs.statfsSync(this.abs(path));
      return { type: s.type, bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree, namelen: 255 };
    });
  }
  getcwd(): string { return this.cwd; }
  chdir(path: string): void {
    const p = wrap(path, () => fs.realpathSync(this.abs(path)));
    if (!fs.statSync(p).isDirectory()) throw sysErr('ENOTDIR', path);
    this.cwd = p;
  }

  spawn(req: SpawnRequest): number {
    const name = req.path.slice(req.path.lastIndexOf('/') + 1);
    const prog = this.programs[name];
    if (!prog) throw sysErr('ENOENT', req.path);
    const child = new HostSys(req.cwd ?? this.cwd, this.programs, this.pid);
    child.mask = this.mask;
    for (const [fd, e] of this.fds) {
      e.refs++;
      child.fds.set(fd, e);
    }
    for (const [cfd, pfd] of Object.entries(req.fds ?? {})) {
      const e = this.entry(pfd);
      if (child.fds.has(Number(cfd))) child.close(Number(cfd));
      e.refs++;
      child.fds.set(Number(cfd), e);
    }
    const run = (async () => {
      let status: number;
      try {
        status = await prog(child, req.argv, req.env);
      } catch (e) {
        if (e instanceof HostExit) status = e.code;
        else throw e;
      }
      await Promise.all(child.children.values());
      for (const fd of [...child.fds.keys()]) child.close(fd);
      return status;
    })();
    this.children.set(child.pid, run);
    return child.pid;
  }
  async waitpid(pid: number, options = 0): Promise<WaitStatus | null> {
    const ids = pid === -1 ? [...this.children.keys()] : [pid];
    const id = ids[0];
    const p = id === undefined ? undefined : this.children.get(id);
    if (!p) throw sysErr('ECHILD');
    if (options & 1) {
      const done = await Promise.race([p.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
      if (!done) return null;
    }
    const code = await p;
    this.children.delete(id);
    return { pid: id, code, signal: null, stopped: null, status: code };
  }
  kill(pid: number, sig: number): void {
    if (sig !== 0) throw sysErr('EPERM');
    try {
      process.kill(pid, 0);
    } catch {
      throw sysErr('ESRCH');
    }
  }
  signal(): void {}
  sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }
  schedYield(): Promise<void> {
    return new Promise((r) => setImmediate(r));
  }
  now(): number { return Date.now(); }
  monotonic(): number { return performance.now(); }
  windowSize(fd: number): { rows: number; cols: number } | null {
    const s = fd === 1 ? process.stdout : fd === 2 ? process.stderr : null;
    return s?.isTTY ? { rows: s.rows, cols: s.columns } : null;
  }
  /** No getrlimit in Node: limits the shell sets are kept here, the rest unlimited. */
  private readonly limits = new Map<number, [bigint, bigint]>();
  getrlimit(resource: number): [bigint, bigint] {
    return [...(this.limits.get(resource) ?? [(1n << 64n) - 1n, (1n << 64n) - 1n])];
  }
  setrlimit(resource: number, soft: bigint, hard: bigint): void {
    if (soft > hard) throw sysErr('EINVAL');
    this.limits.set(resource, [soft, hard]);
  }
  times() {
    const u = process.cpuUsage();
    return { userMs: u.user / 1000, systemMs: u.system / 1000, childUserMs: 0, childSystemMs: 0 };
  }
  exit(code: number): never {
    throw new HostExit(code);
  }
}
