/**
 * The userland's Sys (sys.ts) over the kernel: what libc is to a C program, for the
 * TypeScript shell and tools. Each Sys acts as one native kernel process (kernel/native.ts):
 * its file table, cwd, credentials and signals are that process's, so a tool's `open` and
 * a guest program's openat see the same descriptors and permissions.
 *
 * It lives in the userland, not the kernel, because it is an adapter written against the
 * kernel's own objects (Vfs, FileTable, OpenFile) the way libc is written against syscalls;
 * the kernel offers only the process mechanism and never imports this file.
 *
 * Blocking calls wait on the event loop (never on the CPU) and end early when the process
 * is killed (NativeProcessGone unwinds the program) or a handled signal arrives (EINTR).
 */

import { Errno, ERRNO_NAMES, errnoText, SyscallError } from '../../kernel/errno.js';
import { ExecError } from '../../kernel/exec.js';
import type { Kernel } from '../../kernel/kernel.js';
import { UTS_FIXED } from '../../kernel/uts.js';
import { NativeProcessGone, NativePrograms, SIG_NATIVE } from '../../kernel/native.js';
import type { Process } from '../../kernel/process.js';
import * as sessions from '../../kernel/sessions.js';
import { getLimit, inheritLimits, setLimit } from '../../kernel/rlimits.js';
import { fsizeAllowed } from '../../kernel/syscalls/fsize.js';
import { SIG_DFL, SIG_IGN, SIGTTIN, SIGTTOU } from '../../kernel/signals.js';
import { TIOCGPGRP, TIOCGWINSZ, TIOCSPGRP, TtyFile } from '../../kernel/fs/tty.js';
import { checkTtyUse, sessionIoctl } from '../../kernel/tty-jobs.js';
import { BLOCKED, type Waitable } from '../../kernel/syscall-abi.js';
import { DT_DIR, DT_LNK, DT_REG, DT_CHR, DT_FIFO, O_DIRECTORY, S_IFMT, S_IFDIR, S_IFIFO } from '../../kernel/fs/constants.js';
import type { Blocker, IoctlContext, OpenFile } from '../../kernel/fs/file.js';
import { createPipe } from '../../kernel/fs/pipe.js';
import type { Stat } from '../../kernel/fs/inode.js';
import type { Vfs } from '../../kernel/fs/vfs.js';
import { DebugTarget } from '../../kernel/debug/target.js';
import { GdbStub } from '../../kernel/debug/gdb-stub.js';
import { SysError, type DebugSession, type DirEntry, type SpawnRequest, type StatFs, type StatResult, type Sys, type UserProgram, type WaitStatus } from './sys.js';
import type { BaseSystem } from './shell/pkg.js';

const encoder = new TextEncoder();
/** The longest native programs run between turns of the event loop (turn()): a few ms, as a kernel tick. */
const TURN_MS = 4;
/** When a native program of this thread last let its event loop run. */
let lastTurn = performance.now();

/** A SysError from a kernel error. */
export function sysErrorOf(e: unknown, subject?: string): unknown {
  if (e instanceof SysError || e instanceof NativeProcessGone) return e;
  if (e instanceof SyscallError) return new SysError(ERRNO_NAMES[e.errno] ?? `E${e.errno}`, e.errno, subject);
  if (e instanceof ExecError) return new SysError(ERRNO_NAMES[e.errno] ?? `E${e.errno}`, e.errno, subject);
  return e;
}

function fail(errno: Errno, subject?: string): never {
  throw new SysError(ERRNO_NAMES[errno] ?? `E${errno}`, errno, subject);
}

/** The strerror text of a SysError (or any error) for messages. */
export function describeSysError(e: unknown): string {
  if (e instanceof SysError) return errnoText(e.errno);
  if (e instanceof SyscallError) return errnoText(e.errno);
  return (e as Error)?.message ?? String(e);
}

function statOf(s: Stat): StatResult {
  return { ...s };
}

function dtype(t: number): DirEntry['type'] {
  switch (t) {
    case DT_DIR:
      return 'dir';
    case DT_REG:
      return 'file';
    case DT_LNK:
      return 'symlink';
    case DT_CHR:
      return 'char';
    case DT_FIFO:
      return 'fifo';
    default:
      return 'unknown';
  }
}

/** Things a native program may do beyond POSIX's Sys: the shell's fork of itself and exec. */
export interface NativeSys extends Sys {
  readonly kernel: Kernel;
  readonly process: Process;
  /** fork(): a child process running `child` with its own Sys; returns the child's pid. */
  fork(child: (sys: KernelSys) => Promise<number>): number;
  /** execve(): replaces this process with `path`; never returns on success. */
  exec(path: string, argv: string[], env: string[]): never;
  /** The open file behind fd (for the session's terminal and tests). */
  file(fd: number): OpenFile;
  /** Runs TypeScript signal handlers that are due (they also run on their own soon after). */
  runSignalHandlers(): void;
  /** tcgetpgrp(3) / tcsetpgrp(3) on fd, with the kernel's job-control checks (ENOTTY, EPERM, ESRCH...). */
  tcgetpgrp(fd: number): number;
  tcsetpgrp(fd: number, pgid: number): void;
}

export class KernelSys implements NativeSys {
  private readonly state;

  constructor(readonly kernel: Kernel, readonly process: Process) {
    this.state = kernel.nativeStates.get(process);
  }

  private get vfs(): Vfs {
    return this.kernel.vfs as Vfs;
  }

  /** Fails the call once the process has ended or been replaced by exec. */
  private alive(): Process {
    const p = this.process;
    if (p.exit) throw new NativeProcessGone('exited');
    if (this.state && this.kernel.nativeStates.get(p) !== this.state) throw new NativeProcessGone('exec');
    return p;
  }

  private call<T>(fn: () => T, subject?: string): T {
    this.alive();
    try {
      return fn();
    } catch (e) {
      throw sysErrorOf(e, subject);
    }
  }

  /**
   * A job-control stop (SIGTSTP, SIGTTIN, SIGTTOU, SIGSTOP) takes effect here: the program's
   * next blocking call waits until SIGCONT (or its end), as a stopped guest's threads are parked.
   */
  private async whileStopped(): Promise<void> {
    const p = this.alive();
    const state = this.state;
    while (state && this.kernel.signals.stoppedProcesses.has(p) && !p.exit) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          state.continueWaiters.removeWaiter(done);
          p.exitWaiters.removeWaiter(done);
          resolve();
        };
        state.continueWaiters.addWaiter(done);
        p.exitWaiters.addWaiter(done);
      });
    }
    this.alive();
  }

  /**
   * A read or write of a terminal by a process outside its foreground group (kernel/tty-jobs.ts):
   * resolves once the call may go on; EIO when nobody could continue the group, EINTR when the
   * program handles SIGTTIN/SIGTTOU.
   */
  private async ttyTurn(file: OpenFile, use: 'read' | 'write'): Promise<void> {
    if (!(file instanceof TtyFile)) return;
    const sig = use === 'read' ? SIGTTIN : SIGTTOU;
    while (this.call(() => checkTtyUse(this.kernel, this.process, 0n, file.tty, use)) === 'signalled') {
      if (this.process.handlers.actions[sig].handler !== SIG_DFL) fail(Errno.EINTR);
      await this.whileStopped();
    }
  }

  /** Waits for one of `queues`, the process's end, a handled signal, or the timeout. */
  private async wait(queues: Waitable[], timeoutMs?: number, interruptible = true): Promise<'woken' | 'timeout'> {
    await this.whileStopped();
    const p = this.alive();
    const state = this.state;
    if (interruptible && state?.pending.length) fail(Errno.EINTR);
    const result = await new Promise<'woken' | 'timeout' | 'signal' | 'gone'>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (r: 'woken' | 'timeout' | 'signal' | 'gone'): void => {
        for (const q of queues) q.removeWaiter(woken);
        p.exitWaiters.removeWaiter(gone);
        state?.signalWaiters.removeWaiter(signal);
        if (timer) clearTimeout(timer);
        resolve(r);
      };
      const woken = (): void => done('woken');
      const gone = (): void => done('gone');
      const signal = (): void => done('signal');
      for (const q of queues) q.addWaiter(woken);
      p.exitWaiters.addWaiter(gone);
      if (interruptible) state?.signalWaiters.addWaiter(signal);
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) timer = setTimeout(() => done('timeout'), Math.max(0, timeoutMs));
      else if (queues.length === 0) setImmediate(woken);
    });
    this.alive();
    if (result === 'signal') fail(Errno.EINTR);
    await this.whileStopped();
    return result === 'gone' ? 'woken' : result;
  }

  // ---- identity ----
  getpid(): number {
    return this.process.pid;
  }
  getppid(): number {
    return this.process.ppid;
  }
  getuid(): number {
    return this.process.uid;
  }
  getgid(): number {
    return this.process.gid;
  }
  geteuid(): number {
    return this.process.uid;
  }
  getegid(): number {
    return this.process.gid;
  }
  getgroups(): number[] {
    return [this.process.gid];
  }
  getpgrp(): number {
    return this.process.pgid;
  }
  setpgid(pid: number, pgid: number): void {
    try {
      sessions.setpgid(this.kernel, this.alive(), pid, pgid);
    } catch (e) {
      throw sysErrorOf(e);
    }
  }
  setsid(): number {
    try {
      return sessions.setsid(this.kernel, this.alive());
    } catch (e) {
      throw sysErrorOf(e);
    }
  }
  umask(mask: number): number {
    const old = this.process.umask;
    this.process.umask = mask & 0o777;
    return old;
  }
  uname(): { sysname: string; nodename: string; release: string; version: string; machine: string } {
    // The kernel's names, as uname(2) gives a guest program: after sethostname, or in a UTS
    // namespace of the process's own, the shell's uname and a guest's agree.
    const { nodename } = this.kernel.utsNames(this.process.pid);
    return { ...UTS_FIXED, nodename };
  }

  // ---- files ----
  open(path: string, flags: number, mode = 0o666): number {
    return this.call(() => {
      const p = this.process;
      const file = this.vfs.openAt(p, p.cwd, path, flags & ~0o2000000, mode);
      try {
        return p.files.install(file, (flags & 0o2000000) !== 0);
      } catch (e) {
        file.release();
        throw e;
      }
    }, path);
  }
  close(fd: number): void {
    this.call(() => this.process.files.close(fd));
  }
  file(fd: number): OpenFile {
    return this.call(() => this.process.files.get(fd));
  }
  windowSize(fd: number): { rows: number; cols: number } | null {
    const buf = new Uint8Array(8);
    const ctx: IoctlContext = {
      mem: { read: (_a, length) => buf.slice(0, length), write: (_a, data) => buf.set(data.subarray(0, 8)), readU32: () => 0, writeU32: () => undefined },
      proc: null,
    };
    try {
      this.file(fd).ioctl(TIOCGWINSZ, 0, ctx);
    } catch {
      return null;
    }
    const v = new DataView(buf.buffer);
    return { rows: v.getUint16(0, true), cols: v.getUint16(2, true) };
  }
  /**
   * Lets this thread's event loop run once TURN_MS have passed since a native program last
   * did: a tool at host speed whose reads and writes never block (`yes > /dev/null`,
   * `cat /dev/zero`) would otherwise hold the thread, and every other session on it.
   */
  private async turn(): Promise<void> {
    if (performance.now() - lastTurn < TURN_MS) return;
    await this.wait([], undefined, false);
    lastTurn = performance.now();
  }
  async read(fd: number, length: number): Promise<Uint8Array> {
    await this.turn();
    for (;;) {
      const file = this.file(fd);
      await this.ttyTurn(file, 'read');
      let queues: Waitable[] = [];
      let timeout: number | undefined;
      const blocker: Blocker = {
        block: (on, timeoutMs) => {
          queues = on === null ? [] : Array.isArray(on) ? on : [on];
          timeout = timeoutMs;
          return BLOCKED;
        },
      };
      const r = this.call(() => file.read(length, blocker));
      if (r !== BLOCKED) return r;
      await this.wait(queues, timeout);
    }
  }
  async write(fd: number, data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    await this.turn();
    let done = 0;
    while (done < bytes.length) {
      const file = this.file(fd);
      await this.ttyTurn(file, 'write');
      let queues: Waitable[] = [];
      const blocker: Blocker = {
        block: (on) => {
          queues = on === null ? [] : Array.isArray(on) ? on : [on];
          return BLOCKED;
        },
      };
      // RLIMIT_FSIZE, as the write system call applies it: shortened at the limit, EFBIG and SIGXFSZ past it.
      const thread = this.process.mainThread;
      const r = this.call(() => {
        const allowed = thread ? fsizeAllowed({ proc: thread, kernel: this.kernel }, file, bytes.length - done) : bytes.length - done;
        return file.write(bytes.subarray(done, done + allowed), blocker);
      });
      if (r === BLOCKED) {
        await this.wait(queues);
        continue;
      }
      done += r;
    }
  }
  /** A whole regular file read at once (it never blocks); for /etc files the shell consults. */
  readFileSync(path: string, max = 1 << 20): Uint8Array {
    return this.call(() => {
      const f = this.vfs.openAt(this.process, this.process.cwd, path, 0);
      try {
        const chunks: Uint8Array[] = [];
        let total = 0;
        const blocker: Blocker = { block: () => BLOCKED };
        for (;;) {
          const r = f.read(65536, blocker);
          if (r === BLOCKED) throw new SyscallError(Errno.EAGAIN);
          if (r.length === 0 || total >= max) break;
          chunks.push(r);
          total += r.length;
        }
        return Buffer.concat(chunks);
      } finally {
        f.release();
      }
    }, path);
  }
  lseek(fd: number, offset: number, whence: 0 | 1 | 2): number {
    return this.call(() => this.process.files.get(fd).seek(offset, whence));
  }
  dup(fd: number): number {
    return this.call(() => {
      const f = this.process.files.get(fd).retain();
      try {
        return this.process.files.install(f);
      } catch (e) {
        f.release();
        throw e;
      }
    });
  }
  dup2(oldFd: number, newFd: number): number {
    return this.call(() => {
      const t = this.process.files;
      const f = t.get(oldFd);
      if (oldFd === newFd) return newFd;
      t.installAt(newFd, f.retain());
      return newFd;
    });
  }
  /** fcntl(F_DUPFD): the lowest free fd >= min. */
  dupAtLeast(fd: number, min: number, cloexec = false): number {
    return this.call(() => {
      const f = this.process.files.get(fd).retain();
      try {
        return this.process.files.install(f, cloexec, min);
      } catch (e) {
        f.release();
        throw e;
      }
    });
  }
  pipe(flags = 0): [number, number] {
    return this.call(() => {
      const [r, w] = createPipe(flags & 0o4000);
      const t = this.process.files;
      const cloexec = (flags & 0o2000000) !== 0;
      const rfd = t.install(r, cloexec);
      let wfd: number;
      try {
        wfd = t.install(w, cloexec);
      } catch (e) {
        t.close(rfd);
        w.release();
        throw e;
      }
      return [rfd, wfd];
    });
  }
  fcntlGetFd(fd: number): number {
    return this.call(() => (this.process.files.getCloexec(fd) ? 1 : 0));
  }
  fcntlSetFd(fd: number, flags: number): void {
    this.call(() => this.process.files.setCloexec(fd, (flags & 1) !== 0));
  }
  tcgetpgrp(fd: number): number {
    return this.call(() => {
      const f = this.process.files.get(fd);
      if (!(f instanceof TtyFile)) throw new SyscallError(Errno.ENOTTY);
      let pgid = 0;
      sessionIoctl(this.kernel, this.process, f.tty, TIOCGPGRP, () => 0, (v) => (pgid = v));
      return pgid;
    });
  }
  tcsetpgrp(fd: number, pgid: number): void {
    this.call(() => {
      const f = this.process.files.get(fd);
      if (!(f instanceof TtyFile)) throw new SyscallError(Errno.ENOTTY);
      // A background caller that does not ignore SIGTTOU is stopped by it, as tcsetpgrp is a change.
      if (checkTtyUse(this.kernel, this.process, 0n, f.tty, 'change') === 'signalled') throw new SyscallError(Errno.EINTR);
      sessionIoctl(this.kernel, this.process, f.tty, TIOCSPGRP, () => pgid, () => undefined);
    });
  }
  isatty(fd: number): boolean {
    return this.call(() => this.process.files.has(fd) && this.process.files.get(fd).isTty);
  }
  stat(path: string): StatResult {
    return this.call(() => statOf(this.vfs.statAt(this.process, this.process.cwd, path, true)), path);
  }
  lstat(path: string): StatResult {
    return this.call(() => statOf(this.vfs.statAt(this.process, this.process.cwd, path, false)), path);
  }
  fstat(fd: number): StatResult {
    return this.call(() => statOf(this.process.files.get(fd).stat()));
  }
  access(path: string, mode: number): boolean {
    this.alive();
    try {
      this.vfs.accessAt(this.process, this.process.cwd, path, mode);
      return true;
    } catch {
      return false;
    }
  }
  readdir(path: string): DirEntry[] {
    return this.call(() => {
      const f = this.vfs.openAt(this.process, this.process.cwd, path, O_DIRECTORY);
      try {
        return f.readdir(0).filter((e) => e.name !== '.' && e.name !== '..').map((e) => ({ name: e.name, ino: e.ino, type: dtype(e.type) }));
      } finally {
        f.release();
      }
    }, path);
  }
  mkfifo(path: string, mode: number): void {
    this.call(() => this.vfs.mknodAt(this.process, this.process.cwd, path, S_IFIFO | (mode & 0o7777)), path);
  }
  mkdir(path: string, mode: number): void {
    this.call(() => this.vfs.mkdirAt(this.process, this.process.cwd, path, mode), path);
  }
  rmdir(path: string): void {
    this.call(() => this.vfs.unlinkAt(this.process, this.process.cwd, path, true), path);
  }
  unlink(path: string): void {
    this.call(() => this.vfs.unlinkAt(this.process, this.process.cwd, path, false), path);
  }
  rename(from: string, to: string): void {
    this.call(() => this.vfs.renameAt(this.process, this.process.cwd, from, this.process.cwd, to), from);
  }
  link(_existing: string, newPath: string): void {
    this.alive();
    fail(Errno.EPERM, newPath);
  }
  symlink(target: string, linkPath: string): void {
    this.call(() => this.vfs.symlinkAt(this.process, target, this.process.cwd, linkPath), linkPath);
  }
  readlink(path: string): string {
    return this.call(() => this.vfs.readlinkAt(this.process, this.process.cwd, path), path);
  }
  realpath(path: string): string {
    return this.call(() => this.vfs.realpath(path, this.process, this.process.cwd), path);
  }
  chmod(path: string, mode: number): void {
    this.call(() => this.vfs.chmodAt(this.process, this.process.cwd, path, mode), path);
  }
  chown(path: string, _uid: number, _gid: number, noFollow = false): void {
    this.call(() => {
      const r = this.vfs.lookup(this.process, path, { follow: !noFollow, base: this.process.cwd });
      if (!r.node) throw new SyscallError(Errno.ENOENT);
      if (this.process.uid !== 0) throw new SyscallError(Errno.EPERM);
    }, path);
  }
  utimes(path: string, atimeMs: number | null | 'now', mtimeMs: number | null | 'now'): void {
    this.call(() => {
      const r = this.vfs.lookup(this.process, path, { follow: true, base: this.process.cwd });
      const node = r.node;
      if (!node) throw new SyscallError(Errno.ENOENT);
      const now = Date.now();
      if (atimeMs !== null) node.atimeMs = atimeMs === 'now' ? now : atimeMs;
      if (mtimeMs !== null) node.mtimeMs = mtimeMs === 'now' ? now : mtimeMs;
      node.setMode(node.mode);
    }, path);
  }
  truncate(path: string, length: number): void {
    this.call(() => {
      const f = this.vfs.openAt(this.process, this.process.cwd, path, 1);
      try {
        f.truncate(length);
      } finally {
        f.release();
      }
    }, path);
  }
  statfs(path: string): StatFs {
    const p = this.alive();
    return this.call(() => {
      const r = this.vfs.lookup(p, path, { follow: true, base: p.cwd });
      if (!r.node) throw new SyscallError(Errno.ENOENT);
      const s = this.vfs.statfs(r.node);
      return { type: s.type, bsize: s.bsize, blocks: s.blocks, bfree: s.bfree, bavail: s.bavail, files: s.files, ffree: s.ffree, namelen: s.namelen };
    }, path);
  }
  getcwd(): string {
    return this.alive().cwd;
  }
  chdir(path: string): void {
    this.call(() => this.vfs.chdir(this.process, path, this.process.cwd), path);
  }

  // ---- processes ----
  spawn(request: SpawnRequest): number {
    const p = this.alive();
    const path = this.resolveCommand(request.path, request.env);
    const files = p.files.clone();
    try {
      files.closeOnExec();
      if (request.fds) {
        const wanted = Object.entries(request.fds).map(([child, parent]) => [Number(child), p.files.get(parent).retain()] as const);
        for (const [child, file] of wanted) files.installAt(child, file);
      }
    } catch (e) {
      files.closeAll();
      throw sysErrorOf(e, request.path);
    }
    let child: Process;
    try {
      child = this.kernel.spawn(path, request.argv, request.env, {
        cwd: request.cwd ?? p.cwd,
        files,
        ppid: p.pid,
        uid: p.uid,
        gid: p.gid,
        tty: p.tty,
      });
    } catch (e) {
      files.closeAll();
      throw sysErrorOf(e, request.path);
    }
    child.umask = p.umask;
    inheritLimits(child, p);
    // spawn is fork + exec: the child is in the caller's session and group unless asked otherwise.
    child.sid = p.sid;
    child.pgid = request.pgid === undefined ? p.pgid : request.pgid || child.pid;
    if (request.setsid) {
      child.sid = child.pgid = child.pid;
      child.tty = null;
    }
    p.children.add(child.pid);
    return child.pid;
  }

  /** execvp's search: a name without '/' is looked up in PATH. */
  resolveCommand(name: string, env: string[]): string {
    if (name.includes('/')) return name;
    const pathVar = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/bin:/usr/bin';
    for (const dir of pathVar.split(':')) {
      const candidate = `${dir || '.'}/${name}`;
      try {
        const s = this.vfs.statAt(this.process, this.process.cwd, candidate, true);
        if ((s.mode & S_IFMT) !== S_IFDIR) return candidate;
      } catch {
        // not in this directory
      }
    }
    fail(Errno.ENOENT, name);
  }

  fork(child: (sys: KernelSys) => Promise<number>): number {
    const p = this.alive();
    try {
      const c = this.kernel.procs.forkNative(p, (proc) => child(new KernelSys(this.kernel, proc)));
      return c.pid;
    } catch (e) {
      throw sysErrorOf(e);
    }
  }

  exec(path: string, argv: string[], env: string[]): never {
    const p = this.alive();
    try {
      this.kernel.procs.execProcess(p.mainThread!, path, argv, env);
    } catch (e) {
      throw sysErrorOf(e, path);
    }
    throw new NativeProcessGone('exec');
  }

  async waitpid(pid: number, options = 0): Promise<WaitStatus | null> {
    for (;;) {
      const p = this.alive();
      const group = pid === 0 ? p.pgid : -pid;
      const matches = (c: number, pgid: number): boolean => pid === -1 || pid === c || (pid <= 0 && pgid === group);
      const i = p.zombies.findIndex((z) => matches(z.pid, z.pgid));
      if (i >= 0) {
        const z = p.zombies[i];
        p.zombies.splice(i, 1);
        // Reaping adds the child's CPU time to the caller's children's time (times(2)), as wait4 does.
        p.childrenCpuMs += z.cpuMs;
        const signal = z.exit.signal;
        return { pid: z.pid, code: signal === null ? z.exit.code : null, signal, stopped: null, status: z.exit.status };
      }
      if (options & 2) {
        // WUNTRACED: a child a stop signal stopped (job control), reported once.
        for (const c of p.children) {
          const sig = this.kernel.signals.unreportedStops.get(c);
          if (sig !== undefined && matches(c, this.kernel.processes.get(c)?.pgid ?? c)) {
            this.kernel.signals.unreportedStops.delete(c);
            return { pid: c, code: null, signal: null, stopped: sig, status: 128 + sig };
          }
        }
      }
      if (![...p.children].some((c) => matches(c, this.kernel.processes.get(c)?.pgid ?? c))) fail(Errno.ECHILD);
      if (options & 1) return null;
      await this.wait([p.childExits]);
    }
  }
  kill(pid: number, sig: number): void {
    this.alive();
    if (sig < 0 || sig > 64) fail(Errno.EINVAL);
    // 0: the caller's process group; < -1: group -pid (kill(2)'s rules).
    const targets = pid > 0 ? [pid] : pid === -1 ? [...this.kernel.processes.keys()].filter((q) => q !== 1) : sessions.groupMembers(this.kernel, pid === 0 ? this.process.pgid : -pid).map((q) => q.pid);
    let any = false;
    for (const t of targets) {
      const q = this.kernel.processes.get(t);
      if (!q || q.exit) continue;
      if (this.process.uid !== 0 && q.uid !== this.process.uid) {
        if (pid > 0) fail(Errno.EPERM);
        continue;
      }
      any = true;
      this.kernel.signals.sendSignal(q, sig);
    }
    if (!any) fail(Errno.ESRCH);
  }
  signal(sig: number, handler: ((sig: number) => void) | 'default' | 'ignore'): void {
    const p = this.alive();
    if (sig < 1 || sig > 64 || sig === 9 || sig === 19) fail(Errno.EINVAL);
    const action = p.handlers.actions[sig];
    this.state?.handlers.delete(sig);
    if (handler === 'default') action.handler = SIG_DFL;
    else if (handler === 'ignore') action.handler = SIG_IGN;
    else {
      action.handler = SIG_NATIVE;
      this.state?.handlers.set(sig, handler);
    }
  }
  /** Whether `sig` is ignored (inherited by exec: a shell reports it with `trap`). */
  ignored(sig: number): boolean {
    return this.process.handlers.actions[sig]?.handler === SIG_IGN;
  }
  runSignalHandlers(): void {
    const state = this.state;
    if (!state) return;
    while (state.pending.length) {
      const sig = state.pending.shift()!;
      state.handlers.get(sig)?.(sig);
    }
  }
  async sleep(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const r = await this.wait([], deadline - Date.now());
      if (r === 'timeout') return;
    }
  }
  async schedYield(): Promise<void> {
    await this.wait([], undefined, false);
  }
  now(): number {
    return Date.now();
  }
  monotonic(): number {
    return performance.now();
  }
  getrlimit(resource: number): [bigint, bigint] {
    try {
      return getLimit(this.kernel, this.process, resource);
    } catch (e) {
      throw sysErrorOf(e, 'getrlimit');
    }
  }
  setrlimit(resource: number, soft: bigint, hard: bigint): void {
    try {
      setLimit(this.kernel, this.process, resource, soft, hard);
    } catch (e) {
      throw sysErrorOf(e, 'setrlimit');
    }
  }
  times(): { userMs: number; systemMs: number; childUserMs: number; childSystemMs: number } {
    // The kernel counts guest CPU time as user time; time spent in its system calls is not measured apart.
    return { userMs: this.process.cpuMs, systemMs: 0, childUserMs: this.process.childrenCpuMs, childSystemMs: 0 };
  }
  debug(pid: number, send: (data: string) => void, started: boolean, options: { record?: boolean } = {}): DebugSession {
    const p = this.alive();
    const q = this.kernel.processes.get(pid);
    if (!q || q.exit) fail(Errno.ESRCH, String(pid));
    // ptrace's rule: the same real/effective/saved uid as the caller, or root.
    if (p.uid !== 0 && (q.uid !== p.uid || q.ruid !== p.ruid || q.suid !== p.uid)) fail(Errno.EPERM, String(pid));
    // A native program (the shell, a tool) runs no instructions gdb could stop; itself, never.
    if (q === p || this.kernel.nativeStates.has(q) || !q.mainThread) fail(Errno.EPERM, String(pid));
    if (q.debugger) fail(Errno.EPERM, String(pid)); // one tracer per process
    const target = new DebugTarget(this.kernel, q, p);
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const stub = new GdbStub(target, send, finish, { attached: !started, onExitReported: finish });
    target.attach();
    if (options.record) {
      try {
        target.startRecording();
      } catch {
        target.detach();
        fail(Errno.EINVAL, `${pid}: --record covers one single-threaded process`);
      }
    }
    void q.exited.then((st) => stub.exited(st));
    void p.exited.then(() => stub.hangUp(started));
    return {
      receive: (chunk) => stub.receive(chunk),
      hangUp: () => stub.hangUp(started),
      done,
    };
  }
  exit(code: number): never {
    const p = this.alive();
    this.kernel.procs.exitProcess(p, code & 0xff);
    throw new NativeProcessGone('exited');
  }
}

/**
 * Registers `programs` with the kernel and writes their /bin entries (mode 0755), so
 * that exec of /bin/NAME from anywhere starts them. All entries are written in one disk
 * transaction: one commit each made a fresh data directory's first boot take seconds.
 * With `keepExisting` (a root file system under the disk: serve --rootfs), a path that
 * already holds a file keeps it, so Debian's /usr/bin/ls stays Debian's and the
 * userland only fills the names the root file system lacks. A path in `owned` (a file an
 * installed Debian package placed) is never overwritten.
 */
export function installPrograms(kernel: Kernel, programs: Record<string, UserProgram>, bin: string | null = '/bin', keepExisting = false, owned: ReadonlySet<string> = new Set()): void {
  const vfs = kernel.vfs as Vfs;
  vfs.batch(() => {
    for (const [name, program] of Object.entries(programs)) {
      kernel.natives.register(name, (p, argv, env) => program(new KernelSys(kernel, p), argv, env));
      // null: the entries exist already (a copy-on-write machine's base wrote them).
      if (bin === null) continue;
      const path = `${bin}/${name}`;
      if (owned.has(path) || (keepExisting && vfs.exists(path, false) && !isBinEntry(kernel, vfs, path))) continue;
      writeBinEntry(vfs, path, name);
    }
  });
}

/** True when path holds one of the userland's /bin entries (of any name). */
function isBinEntry(kernel: Kernel, vfs: Vfs, path: string): boolean {
  try {
    // An entry is a short line; a program of the root file system is not read whole to see that.
    if (vfs.stat(path).size > 256) return false;
    return kernel.natives.programOf(vfs.readFile(path)) !== null;
  } catch {
    return false;
  }
}

/**
 * /bin/NAME: the marker the kernel recognises. The userland's programs are the system's:
 * they take their /bin names at boot, over an older base package's file of that name.
 */
function writeBinEntry(vfs: Vfs, path: string, name: string): void {
  const image = NativePrograms.image(name);
  try {
    const current = vfs.readFile(path);
    if (current.length === image.length && current.every((b, i) => b === image[i])) return;
  } catch {
    // not there yet
  }
  vfs.writeFile(path, image, { mode: 0o755 });
}

/** The userland's /bin entries as pkg's base system: what `pkg remove` of a package that replaced one puts back. */
export function baseSystemOf(kernel: Kernel): BaseSystem {
  const vfs = kernel.vfs as Vfs;
  return {
    restore: (path) => {
      const slash = path.lastIndexOf('/');
      const name = path.slice(slash + 1);
      if (path.slice(0, slash) !== '/bin' || !kernel.natives.has(name) || vfs.exists(path, false)) return false;
      vfs.writeFile(path, NativePrograms.image(name), { mode: 0o755 });
      return true;
    },
  };
}
