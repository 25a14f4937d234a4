/**
 * The system-call interface of the machine's own userland (the shell and the everyday
 * tools in packages/userland/). These programs are written in TypeScript and run at host
 * speed, but each one is a real process of the guest kernel: it has a pid, a file table,
 * a cwd, credentials, a process group and signals, and it reaches the rest of the machine
 * only through this interface, the way a C program reaches it through libc.
 *
 * The contract, so that tools and the shell can be written against it independently of
 * how the kernel provides it:
 *  - every method acts as the calling process (its uid/gid, cwd, umask, file table);
 *  - failures throw SysError with the Linux errno name (`ENOENT`) and number; nothing else
 *    is thrown for a guest-visible failure;
 *  - calls that wait (read of an empty pipe, wait for a child, sleep) return promises and
 *    reject with SysError('EINTR') when a signal the program handles interrupts them;
 *  - file descriptors are the process's own small integers, shared with the guest ELF
 *    programs it starts (fd 0/1/2 are inherited exactly as execve would).
 */

export class SysError extends Error {
  constructor(
    /** Linux errno name: 'ENOENT', 'EACCES', 'EPIPE', ... */
    readonly code: string,
    /** Linux errno number. */
    readonly errno: number,
    /** What failed, for messages: usually the path. */
    readonly subject?: string,
  ) {
    super(subject ? `${subject}: ${code}` : code);
  }
}

export interface StatResult {
  dev: number;
  ino: number;
  /** File type and permission bits, as st_mode (S_IFREG | 0o644 ...). */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blocks: number;
  blksize: number;
  /** Times in milliseconds since the epoch. */
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface DirEntry {
  name: string;
  ino: number;
  /** d_type: 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo' | 'socket' | 'unknown'. */
  type: 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo' | 'socket' | 'unknown';
}

export interface StatFs {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namelen: number;
}

/** How a child ended, as wait4 reports it. */
export interface WaitStatus {
  pid: number;
  /** Exit code (0..255) when it exited, else null. */
  code: number | null;
  /** Terminating signal number when a signal killed it, else null. */
  signal: number | null;
  /** Stopped by this signal (WUNTRACED), else null. */
  stopped: number | null;
  /** The shell's $? for it: code, or 128 + signal. */
  status: number;
}

export interface SpawnRequest {
  /** Resolved like execvp when it has no '/' (PATH from env). */
  path: string;
  argv: string[];
  env: string[];
  /** Child fd -> parent fd to duplicate into it; fds not listed are inherited unless close-on-exec. */
  fds?: Record<number, number>;
  /** Process group to join (0: a new group led by the child); default: the caller's. */
  pgid?: number;
  /** The child leads a new session (setsid(1)): it leaves the caller's session and group. */
  setsid?: boolean;
  cwd?: string;
}

/**
 * A gdb remote-protocol session on one process, what ptrace is to a C gdbserver: the
 * protocol itself is the kernel's (kernel/debug/gdb-stub.ts); the caller only carries bytes.
 */
export interface DebugSession {
  /** Bytes from gdb (latin1: one char per byte), split anyhow. */
  receive(chunk: string): void;
  /** gdb went away without k or D: a process started for it is killed, an attached one runs on. */
  hangUp(): void;
  /** Resolves when the session is over: gdb sent k or D, or heard how the process ended. */
  readonly done: Promise<void>;
}

/** POSIX open flags as on Linux/AArch64 (asm-generic values). */
export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: 0o100,
  EXCL: 0o200,
  NOCTTY: 0o400,
  TRUNC: 0o1000,
  APPEND: 0o2000,
  NONBLOCK: 0o4000,
  DIRECTORY: 0o40000,
  NOFOLLOW: 0o100000,
  CLOEXEC: 0o2000000,
} as const;

export interface Sys {
  // ---- identity ----
  getpid(): number;
  getppid(): number;
  getuid(): number;
  getgid(): number;
  geteuid(): number;
  getegid(): number;
  getgroups(): number[];
  getpgrp(): number;
  setpgid(pid: number, pgid: number): void;
  setsid(): number;
  umask(mask: number): number;
  /** uname(2) fields. */
  uname(): { sysname: string; nodename: string; release: string; version: string; machine: string };

  // ---- files ----
  open(path: string, flags: number, mode?: number): number;
  close(fd: number): void;
  /** Reads up to `length` bytes; an empty array is end of file. */
  read(fd: number, length: number): Promise<Uint8Array>;
  /** Writes all of `data` (looping over short writes); EPIPE when the reader is gone. */
  write(fd: number, data: Uint8Array | string): Promise<void>;
  lseek(fd: number, offset: number, whence: 0 | 1 | 2): number;
  dup(fd: number): number;
  dup2(oldFd: number, newFd: number): number;
  /** Returns [readFd, writeFd]. */
  pipe(flags?: number): [number, number];
  fcntlGetFd(fd: number): number;
  fcntlSetFd(fd: number, flags: number): void;
  isatty(fd: number): boolean;
  /** TIOCGWINSZ: the terminal's rows and columns on fd; null when fd is not a terminal. */
  windowSize(fd: number): { rows: number; cols: number } | null;
  stat(path: string): StatResult;
  lstat(path: string): StatResult;
  fstat(fd: number): StatResult;
  /** faccessat(2): R_OK 4, W_OK 2, X_OK 1, F_OK 0, with the real ids. */
  access(path: string, mode: number): boolean;
  readdir(path: string): DirEntry[];
  mkdir(path: string, mode: number): void;
  /** mknod(S_IFIFO): a named pipe; mode less the umask. */
  mkfifo(path: string, mode: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, newPath: string): void;
  symlink(target: string, linkPath: string): void;
  readlink(path: string): string;
  /** realpath(3): absolute, no symlinks, '.' or '..'. */
  realpath(path: string): string;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number, noFollow?: boolean): void;
  /** Times in ms since the epoch; null leaves that time unchanged, 'now' sets it to now. */
  utimes(path: string, atimeMs: number | null | 'now', mtimeMs: number | null | 'now'): void;
  truncate(path: string, length: number): void;
  statfs(path: string): StatFs;
  getcwd(): string;
  chdir(path: string): void;

  // ---- processes ----
  /** fork + exec of a guest program (ELF, #! script or another userland program). Returns the pid. */
  spawn(request: SpawnRequest): number;
  /** waitpid(pid, options): WNOHANG 1, WUNTRACED 2; null with WNOHANG when nothing changed. */
  waitpid(pid: number, options?: number): Promise<WaitStatus | null>;
  kill(pid: number, sig: number): void;
  /** Installs a handler for sig ('default' / 'ignore' restore those dispositions). */
  signal(sig: number, handler: ((sig: number) => void) | 'default' | 'ignore'): void;
  /** Milliseconds; rejects with EINTR when a handled signal arrives. */
  sleep(ms: number): Promise<void>;
  /**
   * sched_yield(2): lets everything else the machine has to do run (other processes, I/O,
   * a hangup) before it resolves. For work that makes no waiting call, such as a shell loop
   * of builtins, which would otherwise hold the thread it runs on.
   */
  schedYield(): Promise<void>;
  /** Wall-clock time in ms since the epoch, as clock_gettime(CLOCK_REALTIME). */
  now(): number;
  /** CLOCK_MONOTONIC in ms. */
  monotonic(): number;
  /** getrlimit(2): [soft, hard] of RLIMIT_* `resource` (2^64-1 is RLIM_INFINITY). */
  getrlimit(resource: number): [bigint, bigint];
  /** setrlimit(2); SysError EINVAL (soft > hard) or EPERM (raising the hard limit unprivileged). */
  setrlimit(resource: number, soft: bigint, hard: bigint): void;
  /** The process's own usage: user and system CPU time in ms (times(2)). */
  times(): { userMs: number; systemMs: number; childUserMs: number; childSystemMs: number };
  /**
   * Debugs process pid with gdb's remote protocol (`send` carries the replies, latin1). As
   * ptrace's attach: the caller must own it (same uid) or be root, and it may have one
   * debugger. `started`: the caller spawned it for this (k kills it; qAttached says so).
   * The process stops at once (before its first instruction when just spawned). Absent
   * where there is no kernel behind the Sys (a host-side test Sys). `record`: the run is
   * recorded from here on, so gdb can execute it in reverse (kernel/debug/recording.ts).
   */
  debug?(pid: number, send: (data: string) => void, started: boolean, options?: { record?: boolean }): DebugSession;
  /** Ends the calling process (what exit(3) does after flushing). Never returns. */
  exit(code: number): never;
}

/**
 * A userland program: argv[0] is its name as invoked, env the environment as "K=V"
 * strings; fds 0, 1 and 2 are open as the caller left them. It resolves with its exit
 * status (0..255). Tools write their messages the way busybox's applets do
 * (`grep: nosuchfile: No such file or directory`) and use busybox's exit statuses.
 */
export type UserProgram = (sys: Sys, argv: string[], env: string[]) => Promise<number>;
