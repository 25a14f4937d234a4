/**
 * The process table and the life of its entries, in the shape of xv6's proc.c: every
 * process (thread group) by pid and every thread by tid, and the calls that make, change
 * and end them — spawn (the host's and the shell's), fork/vfork/clone, clone of a thread,
 * execve (ELF images, `#!` scripts, native programs), exit of one thread, exit of the whole
 * group, and the zombies left for wait4. Scheduling, signal delivery and traps stay with
 * the kernel's run loop (kernel.ts); this module asks the kernel to make a thread runnable
 * or to send the parent its SIGCHLD.
 *
 * Why apart from kernel.ts: a process's lifecycle is one concept with its own invariants
 * (a pid is in `processes` until its exit status is set; a thread is in `threads` until it
 * is a zombie; memory and file tables are shared by count and freed by their last user),
 * and reading them should not require reading the run loop.
 */

import { Errno, errnoText, SyscallError } from './errno.js';
import { ExecError, loadProgram, type ExecFile } from './exec.js';
import { inheritLimits } from './rlimits.js';
import { interpreterArgv, MAX_INTERPRETER_DEPTH, parseShebang } from './binfmt-script.js';
import { FileTable } from './fs/filetable.js';
import type { OpenFile } from './fs/file.js';
import { NativeState, SIG_NATIVE, type NativeProgram } from './native.js';
import { writeAccountingRecord } from './acct.js';
import { exitStatusOf, inheritSched, MemoryMap, Process, releaseFileTable, shareFileTable, Thread } from './process.js';
import { CLD_DUMPED, CLD_EXITED, CLD_KILLED, SIG_DFL, SIGABRT, SIGBUS, SIGCHLD, SIGFPE, SIGILL, SIGNAL_NAMES, SIGSEGV } from './signals.js';
import type { CpuContext } from '../machine/machine.js';
import type { Kernel } from './kernel.js';
import type { AddressSpace } from './vm.js';

/** What clone() shares with the new process (fork shares nothing). */
export interface ForkSharing {
  /** CLONE_VM (vfork): the same memory. */
  vm?: boolean;
  /** CLONE_FILES: the same file table. */
  files?: boolean;
  /** CLONE_FS: the same cwd and umask. */
  fs?: boolean;
  /** CLONE_SIGHAND: the same handler table. */
  sighand?: boolean;
  /** CLONE_PARENT: the caller's parent becomes the parent. */
  parent?: boolean;
  /** Signal to the parent at exit (0: none). */
  exitSignal?: number;
}

const SS_DISABLE = 2;
/** Threads one process may have (each costs a context and a queue entry, no guest pages). */
const MAX_THREADS = 1024;

function setEntry(ctx: CpuContext, entry: number, sp: number): void {
  ctx.pcLo = entry % 4294967296 | 0;
  ctx.pcHi = Math.floor(entry / 4294967296);
  ctx.x[62] = sp % 4294967296 | 0;
  ctx.x[63] = Math.floor(sp / 4294967296);
}

/** Copies every register (general, SIMD, flags, FP control, TPIDR) of one context into another. */
function copyContext(to: CpuContext, from: CpuContext): void {
  const x = to.x;
  const v = to.v;
  x.set(from.x);
  v.set(from.v);
  Object.assign(to, { ...from, x, v });
}

export interface SpawnOptions {
  cwd?: string;
  stdin?: OpenFile;
  stdout?: OpenFile;
  stderr?: OpenFile;
  /** A complete file table instead of stdin/stdout/stderr (taken over by the process). */
  files?: FileTable;
  ppid?: number;
  uid?: number;
  gid?: number;
  /** Controlling terminal for /dev/tty. */
  tty?: Process['tty'];
}

/** Reads executables for spawn(); the fs engineer's Vfs provides `readFile`-like access. */
export interface ExecutableSource {
  readExecutable(path: string, cwd: string): ExecutableFile;
}

/** An executable as exec reads it: its bytes, its path, and the file's inode when it has one (exec.ts maps its text from the page cache). */
export interface ExecutableFile extends ExecFile {
  path: string;
}

/** An executable already read (execveat of an open file): its bytes and its path. */
export interface ExecImage extends ExecFile {
  path: string;
}

export class ProcessTable {
  /** Processes (thread groups) by pid. */
  readonly processes = new Map<number, Process>();
  /** Every live thread by tid (a process's first thread has tid = pid). */
  readonly threads = new Map<number, Thread>();
  executables: ExecutableSource | null = null;
  private nextPid = 1;
  /** Tasks (processes and threads) created since boot, and the newest id (/proc/stat, /proc/loadavg). */
  get created(): number {
    return this.nextPid - 1;
  }
  get lastPid(): number {
    return this.nextPid - 1;
  }

  constructor(private readonly kernel: Kernel) {}

  /** Reads an executable through the file system (as `proc` sees it: /proc/self, its credentials). */
  readExecutable(path: string, cwd: string, proc: Thread | null = null): ExecutableFile {
    if (this.executables) return this.executables.readExecutable(path, cwd);
    const vfs = this.kernel.vfs as { readExecutable?: (path: string, cwd: string, proc?: Thread | null) => ExecutableFile } | undefined;
    if (vfs?.readExecutable) return vfs.readExecutable(path, cwd, proc);
    throw new SyscallError(Errno.ENOENT);
  }

  /**
   * What exec runs for `path`: the file itself, or for a `#!` script its interpreter (and
   * that one's, up to four levels) with the argv Linux builds. Throws SyscallError.
   */
  private resolveExecutable(path: string, argv: readonly string[], cwd: string, proc: Thread | null, image?: ExecImage): ExecutableFile & { argv: string[] } {
    let file: ExecutableFile = image ?? this.readExecutable(path, cwd, proc);
    let args = [...argv];
    let asGiven = path;
    for (let depth = 0; ; depth++) {
      const shebang = parseShebang(file.data);
      if (!shebang) return { ...file, argv: args };
      if (depth >= MAX_INTERPRETER_DEPTH) throw new SyscallError(Errno.ELOOP);
      args = interpreterArgv(shebang, asGiven, args);
      asGiven = shebang.interpreter;
      file = this.readExecutable(shebang.interpreter, cwd, proc);
    }
  }

  /** Starts `path` (read through the file system) as a new process. Throws ExecError. */
  spawn(path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    const cwd = options.cwd ?? '/';
    // A guest parent's spawn is its fork + exec (the shell's commands): RLIMIT_NPROC applies.
    const parent = options.ppid ? this.processes.get(options.ppid) : undefined;
    if (parent) {
      try {
        this.kernel.limits.admit(parent);
      } catch {
        throw new ExecError(Errno.EAGAIN, errnoText(Errno.EAGAIN), path);
      }
    }
    let file: ExecutableFile & { argv: string[] };
    try {
      file = this.resolveExecutable(path, argv, cwd, null);
    } catch (e) {
      if (e instanceof SyscallError) throw new ExecError(e.errno, errnoText(e.errno), path);
      throw e;
    }
    const native = this.kernel.natives.programOf(file.data); // native.ts: a /bin entry of the userland
    if (native) return this.spawnNative(native.name, native.program, file.path, file.argv, env, options);
    return this.spawnImage(file, file.path, file.argv, env, options);
  }

  /** The most pages one process's address space may hold. */
  private get maxPages(): number {
    return Math.floor(this.kernel.processMemoryLimit / 4096);
  }

  /** An address space for exec'ing `path` (address-spaces.ts); its failure is the exec's. */
  private newAddressSpace(path: string, maxPages = this.maxPages): AddressSpace {
    try {
      return this.kernel.addressSpaces.create(maxPages);
    } catch (e) {
      if (!(e instanceof SyscallError)) throw e;
      throw new ExecError(e.errno, e.errno === Errno.EAGAIN ? 'too many processes' : 'out of memory', path);
    }
  }

  private releaseAddressSpace(vm: AddressSpace): void {
    if (this.kernel.loadedVm === vm) this.kernel.loadedVm = null;
    this.kernel.futexes.dropSpace(vm);
    this.kernel.addressSpaces.release(vm);
  }

  /** Drops one user of a memory map; the last one frees it. */
  private releaseMemory(mm: MemoryMap): void {
    if (--mm.users <= 0) this.releaseAddressSpace(mm.vm);
  }

  /** Starts an ELF image (already in host memory) as a new process named `path`. Throws ExecError. */
  spawnImage(image: Uint8Array | ExecFile, path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    const vm = this.newAddressSpace(path);
    let loaded;
    try {
      loaded = loadProgram(vm, image, path, argv, env, { uid: options.uid ?? 0, gid: options.gid ?? 0, entropy: this.kernel.execEntropy, randomize: this.kernel.randomizeLayout }, (ip) => this.readExecutable(ip, options.cwd ?? '/'));
      const uid = options.uid ?? 0;
      if (uid !== 0 && !this.kernel.admission.admit(null, vm.committedBytes(), 'exec', uid, path)) throw new ExecError(Errno.ENOMEM, 'out of memory', path);
    } catch (e) {
      this.releaseAddressSpace(vm);
      if (e instanceof ExecError) throw new ExecError(e.errno, e.reason, path);
      throw e;
    }
    const files = options.files ?? new FileTable(undefined, this.kernel.fdBudget);
    if (!options.files) {
      const stdio = [options.stdin, options.stdout, options.stderr];
      stdio.forEach((f, fd) => {
        if (f) files.installAt(fd, f.retain());
      });
    }
    const pid = this.nextPid++;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const p = new Process(pid, options.ppid ?? 0, name, path, [...argv], [...env], options.cwd ?? '/', files, vm);
    p.uid = p.ruid = p.suid = options.uid ?? 0;
    p.gid = p.rgid = p.sgid = options.gid ?? 0;
    p.tty = options.tty;
    if (options.tty) this.kernel.adoptTerminal(options.tty);
    p.auxv = loaded.auxv;
    const t = new Thread(pid, p);
    p.threads.push(t);
    setEntry(t.ctx, loaded.entry, loaded.sp);
    this.processes.set(pid, p);
    this.threads.set(pid, t);
    this.kernel.limits.charge(t);
    this.kernel.logger.info({ pid, cmd: path, argv: [...argv] }, 'process started');
    this.kernel.makeRunnable(t);
    return p;
  }

  /**
   * execve: replaces the calling thread's process image with `path`. On failure
   * (ExecError/SyscallError) the process keeps its old image untouched; on success the other
   * threads end, the caller becomes the thread whose tid is the pid, and memory, registers,
   * close-on-exec fds and caught signals are reset, as Linux does.
   */
  /**
   * execve: replaces t's process image with `path` (or, for execveat on an fd, with `image`,
   * whose script interpreter is given `path`, the /dev/fd/N name, as Linux does).
   */
  execProcess(t: Thread, path: string, argv: readonly string[], env: readonly string[], image?: ExecImage): void {
    const p = t.process;
    this.kernel.limits.checkExec(p);
    const file = this.resolveExecutable(path, argv, p.cwd, t, image);
    if (image) path = file.path; // comm: the name of the file run (Linux 6.8+ takes it from the dentry)
    argv = file.argv;
    const native = this.kernel.natives.programOf(file.data); // native.ts: exec of a userland program
    if (native) return this.execNative(t, native.name, native.program, file.path, argv, env);
    const vm = this.newAddressSpace(path);
    let loaded;
    try {
      loaded = loadProgram(vm, file, file.path, argv, env, { uid: p.uid, gid: p.gid, personality: p.personality, entropy: this.kernel.execEntropy, randomize: this.kernel.randomizeLayout }, (ip) => this.readExecutable(ip, p.cwd, t));
      // The new image commits its writable segments and stack; the old one's are freed with it
      // unless a vfork parent still holds them.
      const freed = p.mm.users <= 1 ? p.vm.committedBytes() : 0;
      if (!this.kernel.admission.admit(p, vm.committedBytes() - freed, 'exec')) throw new SyscallError(Errno.ENOMEM);
    } catch (e) {
      this.releaseAddressSpace(vm);
      throw e;
    }
    for (const other of [...p.threads]) if (other !== t) this.endThread(other, false);
    if (t.tid !== p.pid) {
      this.threads.delete(t.tid);
      t.tid = p.pid;
      this.threads.set(t.tid, t);
    }
    const old = p.mm;
    p.mm = new MemoryMap(vm);
    this.releaseMemory(old);
    const ctx = t.ctx;
    ctx.x.fill(0);
    ctx.v.fill(0);
    ctx.nzcv = ctx.fpcr = ctx.fpsr = ctx.tpidrLo = ctx.tpidrHi = ctx.tpidrroLo = ctx.tpidrroHi = 0;
    setEntry(ctx, loaded.entry, loaded.sp);
    p.auxv = loaded.auxv;
    p.exe = file.path;
    // comm is the last part of the path execve was given, as Linux names it (so /proc/self/exe
    // gives "exe", which busybox checks before it renames itself to the applet's name).
    p.name = path.slice(path.lastIndexOf('/') + 1).slice(0, 15);
    p.argv = [...argv];
    p.env = [...env];
    t.clearChildTid = 0;
    t.robustList = 0;
    t.altStack = { sp: 0n, size: 0n, flags: SS_DISABLE };
    p.files.closeOnExec();
    p.timers?.clearPosix();
    // A handler table shared with another process (CLONE_SIGHAND without a thread) is unshared first.
    p.handlers = p.handlers.clone();
    p.handlers.resetForExec();
    this.releaseVfork(p);
    this.kernel.logger.info({ pid: p.pid, cmd: file.path, argv: [...argv] }, 'process exec');
    const wasNative = this.kernel.nativeStates.get(p); // native.ts: a native program exec'd a guest image
    if (wasNative) {
      wasNative.replaced = true;
      this.kernel.nativeStates.delete(p);
      this.kernel.makeRunnable(t);
    }
  }

  // ---- Native (TypeScript) processes: native.ts ----------------------------------------

  /** A process with an empty address space and one never-scheduled thread, for a native program. */
  private newNativeProcess(ppid: number, path: string, argv: readonly string[], env: readonly string[], cwd: string, files: FileTable): Process {
    const vm = this.newAddressSpace(path, 0);
    const pid = this.nextPid++;
    const p = new Process(pid, ppid, path.slice(path.lastIndexOf('/') + 1), path, [...argv], [...env], cwd, files, vm);
    const t = new Thread(pid, p);
    t.state = 'blocked';
    p.threads.push(t);
    this.processes.set(pid, p);
    this.threads.set(pid, t);
    return p;
  }

  /** Runs a native program as p until it returns (exit status) or p ends another way. */
  private runNative(p: Process, name: string, run: () => Promise<number>): void {
    const state = new NativeState(name);
    this.kernel.nativeStates.set(p, state);
    const finish = (code: number): void => {
      if (this.kernel.nativeStates.get(p) === state && !p.exit) this.exitProcess(p, code);
    };
    // Started on a later turn of the event loop, as a new process starts after fork returns.
    setImmediate(() => {
      if (p.exit || this.kernel.nativeStates.get(p) !== state) return;
      run().then(finish, (e: unknown) => {
        if ((e as Error)?.name === 'NativeProcessGone') return;
        this.kernel.logger.error({ pid: p.pid, cmd: name, err: (e as Error)?.stack ?? String(e) }, 'native program failed');
        this.kernel.writeStderr(p, `${name}: internal error: ${(e as Error)?.message ?? e}\n`);
        finish(70);
      });
    });
  }

  /** spawn() of a /bin entry naming a native program. */
  spawnNative(name: string, program: NativeProgram, path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    const files = options.files ?? new FileTable(undefined, this.kernel.fdBudget);
    if (!options.files) {
      [options.stdin, options.stdout, options.stderr].forEach((f, fd) => {
        if (f) files.installAt(fd, f.retain());
      });
    }
    const p = this.newNativeProcess(options.ppid ?? 0, path, argv, env, options.cwd ?? '/', files);
    p.uid = p.ruid = p.suid = options.uid ?? 0;
    p.gid = p.rgid = p.sgid = options.gid ?? 0;
    p.tty = options.tty;
    if (options.tty) this.kernel.adoptTerminal(options.tty);
    this.kernel.limits.charge(p.threads[0]!);
    this.kernel.logger.info({ pid: p.pid, cmd: path, argv: [...argv] }, 'process started');
    this.runNative(p, name, () => program(p, [...argv], [...env]));
    return p;
  }

  /** execve of a native program: the thread's process image (or previous program) is replaced by it. */
  private execNative(t: Thread, name: string, program: NativeProgram, path: string, argv: readonly string[], env: readonly string[]): void {
    const p = t.process;
    const previous = this.kernel.nativeStates.get(p);
    if (previous) previous.replaced = true;
    const vm = this.newAddressSpace(path);
    for (const other of [...p.threads]) if (other !== t) this.endThread(other, false);
    const old = p.mm;
    p.mm = new MemoryMap(vm);
    this.releaseMemory(old);
    this.kernel.runQueue.remove(t);
    t.state = 'blocked';
    t.blockedSyscall = -1;
    p.exe = path;
    p.name = path.slice(path.lastIndexOf('/') + 1);
    p.argv = [...argv];
    p.env = [...env];
    p.files.closeOnExec();
    p.handlers = p.handlers.clone();
    p.handlers.resetForExec();
    this.releaseVfork(p);
    this.kernel.logger.info({ pid: p.pid, cmd: path, argv: [...argv] }, 'process exec');
    this.runNative(p, name, () => program(p, [...argv], [...env]));
  }

  /**
   * fork() for a native process: a child with a copy of p's identity, file table (shared
   * open files), cwd, environment and signal dispositions, running `continuation` (the
   * program's own copy of its state) instead of returning twice.
   */
  forkNative(p: Process, continuation: (child: Process) => Promise<number>): Process {
    this.kernel.limits.admit(p);
    const child = this.newNativeProcess(p.pid, p.exe, p.argv, p.env, p.cwd, p.files.clone());
    child.uid = p.uid; child.gid = p.gid; child.ruid = p.ruid; child.rgid = p.rgid;
    child.suid = p.suid; child.sgid = p.sgid; child.groups = [...p.groups];
    child.umask = p.umask;
    child.root = p.root;
    child.uts = p.uts;
    inheritLimits(child, p);
    child.tty = p.tty;
    child.pgid = p.pgid;
    child.sid = p.sid;
    child.handlers = p.handlers.clone();
    // TypeScript handlers are the parent's closures: the child starts with them as default.
    for (const a of child.handlers.actions) if (a.handler === SIG_NATIVE) a.handler = SIG_DFL;
    p.children.add(child.pid);
    this.kernel.limits.charge(child.threads[0]!, p);
    const parentState = this.kernel.nativeStates.get(p);
    this.kernel.logger.info({ pid: child.pid, ppid: p.pid, cmd: p.exe }, 'process forked');
    this.runNative(child, parentState?.program ?? p.name, () => continuation(child));
    return child;
  }

  private releaseVfork(p: Process): void {
    if (!p.exit) p.didExec = true; // exec, not exit, lets a vfork parent go on while the child lives
    p.vforkReleased = true;
    p.vforkDone.wake();
  }

  /**
   * fork, vfork and clone without CLONE_THREAD: a new process. Its memory is a copy, or
   * the parent's own (CLONE_VM: vfork); its file table a copy or shared (CLONE_FILES); the
   * calling thread's registers with x0 = 0.
   */
  forkProcess(t: Thread, share: ForkSharing = {}): Process {
    const p = t.process;
    this.kernel.limits.admit(p);
    let mm: MemoryMap;
    if (share.vm) {
      mm = p.mm;
      mm.users++;
    } else {
      // The child's copy commits as much private memory as the parent holds (memory-admission.ts).
      if (!this.kernel.admission.admit(p, p.vm.committedBytes(), 'fork')) throw new SyscallError(Errno.ENOMEM);
      const vm = this.kernel.addressSpaces.create(this.maxPages);
      if (!p.vm.copyInto(vm)) {
        this.releaseAddressSpace(vm);
        throw new SyscallError(Errno.ENOMEM);
      }
      mm = new MemoryMap(vm);
    }
    const pid = this.nextPid++;
    const files = share.files ? shareFileTable(p.files) : p.files.clone();
    const parentPid = share.parent ? p.ppid : p.pid;
    const child = new Process(pid, parentPid, p.name, p.exe, [...p.argv], [...p.env], p.cwd, files, mm);
    if (share.fs) child.fs = p.fs;
    else child.fs = { ...p.fs };
    child.handlers = share.sighand ? p.handlers : p.handlers.clone();
    inheritLimits(child, p);
    child.auxv = p.auxv;
    child.uid = p.uid; child.gid = p.gid; child.ruid = p.ruid; child.rgid = p.rgid;
    child.suid = p.suid; child.sgid = p.sgid; child.groups = [...p.groups];
    child.tty = p.tty;
    child.uts = p.uts;
    child.pgid = p.pgid;
    child.sid = p.sid;
    child.exitSignal = share.exitSignal ?? SIGCHLD;
    const ct = new Thread(pid, child);
    copyContext(ct.ctx, t.ctx);
    ct.ctx.x[0] = 0;
    ct.ctx.x[1] = 0;
    ct.sigmask = t.sigmask;
    ct.seccompStrict = t.seccompStrict;
    ct.sched = inheritSched(t.sched);
    if (!share.vm) ct.altStack = { ...t.altStack };
    child.threads.push(ct);
    const parent = this.processes.get(parentPid);
    parent?.children.add(pid);
    if (!parent) child.ppid = 0;
    this.processes.set(pid, child);
    this.threads.set(pid, ct);
    this.kernel.limits.charge(ct, p);
    this.kernel.logger.info({ pid, ppid: p.pid, cmd: p.exe }, 'process forked');
    this.kernel.makeRunnable(ct);
    return child;
  }

  /** clone with CLONE_THREAD: a new thread in t's process, returning 0 in it. */
  cloneThread(t: Thread): Thread {
    const p = t.process;
    if (p.exiting || p.exit) throw new SyscallError(Errno.EAGAIN);
    if (p.threads.length >= MAX_THREADS) throw new SyscallError(Errno.EAGAIN);
    this.kernel.limits.admit(p);
    const tid = this.nextPid++;
    const nt = new Thread(tid, p);
    copyContext(nt.ctx, t.ctx);
    nt.ctx.x[0] = 0;
    nt.ctx.x[1] = 0;
    nt.sigmask = t.sigmask;
    nt.seccompStrict = t.seccompStrict;
    nt.sched = inheritSched(t.sched);
    p.threads.push(nt);
    this.threads.set(tid, nt);
    this.kernel.limits.charge(nt);
    this.kernel.logger.debug({ pid: p.pid, tid }, 'thread created');
    this.kernel.makeRunnable(nt);
    return nt;
  }

  /** exit(): ends one thread; the last one ends the process with `code`. */
  exitThread(t: Thread, code: number): void {
    const p = t.process;
    if (t.dead) return;
    if (p.threads.length <= 1) return this.exitProcess(p, code);
    this.endThread(t, true);
  }

  /**
   * Takes a thread out of its process: clear_child_tid is zeroed and futex-woken and the
   * robust futex list walked (when `release`, i.e. the memory lives on), as at Linux's thread exit.
   */
  private endThread(t: Thread, release: boolean): void {
    const p = t.process;
    t.dead = true;
    t.unblock?.();
    t.unblock = null;
    this.kernel.runQueue.remove(t);
    t.state = 'zombie';
    if (release) {
      if (t.robustList) this.walkRobustList(t);
      if (t.clearChildTid) {
        try {
          p.mem.writeU32(t.clearChildTid, 0);
          this.kernel.futexes.wake(p.vm, t.clearChildTid, 1);
        } catch {
          // An unmapped clear_child_tid is ignored, as in Linux.
        }
      }
    }
    const i = p.threads.indexOf(t);
    if (i >= 0) p.threads.splice(i, 1);
    if (this.threads.get(t.tid) === t) this.threads.delete(t.tid);
    this.kernel.limits.release(t);
    p.deadThreadsCpuMs += t.cpuNowMs;
    p.deadThreadsSysMs += t.sysMs;
    p.deadThreadsInstructions += t.instructions;
    if (this.kernel.current === t) this.kernel.current = null;
  }

  /** Robust futexes of a dying thread: each lock it holds is marked FUTEX_OWNER_DIED and one waiter woken. */
  private walkRobustList(t: Thread): void {
    const mem = t.process.mem;
    const FUTEX_WAITERS = 0x80000000;
    const FUTEX_OWNER_DIED = 0x40000000;
    const FUTEX_TID_MASK = 0x3fffffff;
    const handle = (uaddr: number): void => {
      const v = mem.readU32(uaddr);
      if ((v & FUTEX_TID_MASK) !== t.tid) return;
      mem.writeU32(uaddr, ((v & FUTEX_WAITERS) | FUTEX_OWNER_DIED) >>> 0);
      if (v & FUTEX_WAITERS) this.kernel.futexes.wake(t.process.vm, uaddr, 1);
    };
    try {
      const head = t.robustList;
      const offset = Number(BigInt.asIntN(64, mem.readU64(head + 8)));
      const pending = Number(BigInt.asUintN(53, mem.readU64(head + 16) & ~1n));
      let entry = Number(BigInt.asUintN(53, mem.readU64(head) & ~1n));
      for (let n = 0; entry !== head && entry !== 0 && n < 2048; n++) {
        const next = Number(BigInt.asUintN(53, mem.readU64(entry) & ~1n));
        if (entry !== pending) handle(entry + offset);
        entry = next;
      }
      if (pending) handle(pending + offset);
    } catch {
      // A corrupt list stops the walk, as in Linux.
    }
  }

  /** Ends a whole process (exit_group, a fatal signal): every thread, its memory and files; wakes whoever waits for it. */
  exitProcess(target: Process | Thread, code: number, signal: number | null = null): void {
    const p = target instanceof Thread ? target.process : target;
    if (p.exit) return;
    p.exiting = true;
    const status = exitStatusOf(code, signal);
    p.exit = status;
    this.kernel.signals.stoppedProcesses.delete(p);
    this.kernel.signals.parkedThreads.delete(p);
    this.kernel.signals.unreportedStops.delete(p.pid);
    const last = p.threads[p.threads.length - 1];
    for (const t of [...p.threads]) this.endThread(t, t === last && p.mm.users > 1);
    if (this.kernel.accounting) {
      try {
        writeAccountingRecord(this.kernel.accounting, p, status);
      } catch (e) {
        this.kernel.logger.warn({ pid: p.pid, err: (e as Error).message }, 'process accounting write failed');
      }
    }
    p.pending.clear();
    p.timers?.clearAll();
    try {
      if (releaseFileTable(p.files)) p.files.closeAll();
    } catch (e) {
      this.kernel.logger.error({ pid: p.pid, err: (e as Error).message }, 'closing files at exit failed');
    }
    this.kernel.ipc.exitProcess(p, p.pid);
    this.releaseMemory(p.mm);
    this.processes.delete(p.pid);
    // Children of a guest parent stay as zombies until wait4; orphans go to the host (ppid 0).
    for (const c of p.children) {
      const child = this.processes.get(c);
      if (child) child.ppid = 0;
    }
    p.children.clear();
    p.zombies.length = 0;
    // Traced, the end comes before the parent's SIGCHLD line, as strace shows them.
    if (this.kernel.tracing) this.kernel.traceEvent(p.pid, signal ? `+++ killed by ${SIGNAL_NAMES[signal] ?? signal} +++` : `+++ exited with ${code & 0xff} +++`);
    const parent = p.ppid ? this.processes.get(p.ppid) : undefined;
    if (parent && parent.children.delete(p.pid)) {
      parent.zombies.push({ pid: p.pid, pgid: p.pgid, exit: status, uid: p.ruid, cpuMs: p.cpuMs + p.childrenCpuMs, sysMs: p.sysMs + p.childrenSysMs });
      parent.childExits.wake();
      if (p.exitSignal) {
        const cld = signal === null ? CLD_EXITED : signal === SIGSEGV || signal === SIGABRT || signal === SIGILL || signal === SIGBUS || signal === SIGFPE ? CLD_DUMPED : CLD_KILLED;
        const ticks = (ms: number): number => Math.floor(ms / 10);
        this.kernel.signals.signalProcess(parent, p.exitSignal, { code: cld, pid: p.pid, uid: p.ruid, status: signal ?? code & 0xff, utime: ticks(p.cpuMs - p.sysMs), stime: ticks(p.sysMs) });
      }
    }
    this.releaseVfork(p);
    this.kernel.logger.info({ pid: p.pid, cmd: p.exe, code: status.code, signal: signal ? SIGNAL_NAMES[signal] ?? signal : undefined, ms: Date.now() - p.startTime }, 'process exited');
    p.exitWaiters.wake();
    this.kernel.updateKeepAlive();
    p.resolveExit(status);
  }
}
