/**
 * What the file system needs from a process (the core's Process implements it) and what procfs
 * reads about processes and memory (the core's kernel implements ProcessInfoSource).
 */

import type { FileTable } from './filetable.js';
import type { Tty } from './tty.js';

export interface FsProcess {
  readonly pid: number;
  /** The file descriptor table (shared with nothing unless the core shares it on purpose). */
  files: FileTable;
  /** Canonical absolute path of the working directory. */
  cwd: string;
  /** chroot(2)'s root directory, a canonical path from the machine's root; '/' (or absent) for none. */
  root?: string;
  /** Effective user and group for permission checks; root (0) when absent. */
  uid?: number;
  gid?: number;
  /** File creation mask; 0o022 when absent. */
  umask?: number;
  /** Controlling terminal, what /dev/tty opens; else the first TTY among fds 0..2. */
  tty?: Tty | null;
  /** RLIMIT_FSIZE's soft limit in bytes (kernel/syscalls/fsize.ts); unlimited when absent. */
  readonly fileSizeLimit?: bigint;
}

/** One line of /proc/<pid>/maps. */
export interface MemoryRegion {
  start: number;
  end: number;
  /** Like "r-xp", "rw-p", "rw-s". */
  perms: string;
  /** File offset of a file mapping, else 0. */
  offset?: number;
  /** Inode of a file mapping, else 0. */
  inode?: number;
  /** "major:minor" of a file mapping's device, else "00:00". */
  device?: string;
  /** Path of a file mapping, or "[heap]", "[stack]", "[vdso]"; empty for anonymous memory. */
  name?: string;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Short name (comm), at most 15 characters shown. */
  name: string;
  /** Linux state letter: R running, S sleeping, Z zombie, T stopped. */
  state: string;
  uid: number;
  gid: number;
  /** Absolute path of the executable (/proc/<pid>/exe). */
  exe: string;
  cwd: string;
  argv: string[];
  threads?: number;
  /** Thread ids (/proc/<pid>/task/<tid>), the pid among them; [pid] when absent. */
  tids?: number[];
  /** Virtual size and resident size in KiB, if known (else computed from regions). */
  vmSizeKb?: number;
  vmRssKb?: number;
  /** Process group and session ids (the pid when absent). */
  pgrp?: number;
  session?: number;
  /** The controlling terminal's st_rdev (0: none) and its foreground process group (-1: none). */
  ttyRdev?: number;
  tpgid?: number;
  /** Real, effective, saved and filesystem ids (uid/gid four times when absent), supplementary groups. */
  uids?: [number, number, number, number];
  gids?: [number, number, number, number];
  groups?: number[];
  /** CPU time used in milliseconds: user and system, and that of waited-for children. */
  userMs?: number;
  systemMs?: number;
  childrenUserMs?: number;
  childrenSystemMs?: number;
  /** When it started, in milliseconds since boot. */
  startMs?: number;
  /** Signal sets (bit n-1 for signal n): pending for the thread and the process, blocked, ignored, caught. */
  sigPending?: bigint;
  sigSharedPending?: bigint;
  sigBlocked?: bigint;
  sigIgnored?: bigint;
  sigCaught?: bigint;
  /** Signal sent to the parent at exit (SIGCHLD for fork). */
  exitSignal?: number;
  /** Size of the fd table (FDSize). */
  fdTableSize?: number;
  /** The exit status word once it is a zombie (wait's encoding). */
  exitCode?: number;
  /** Thread group id (the process's pid; differs from pid only for a task/<tid> entry). */
  tgid?: number;
  /** The process's file mode creation mask. */
  umask?: number;
  /** RLIMIT_SIGPENDING (status's SigQ). */
  sigQueueMax?: number;
  /** Context switches: the thread blocked, or its time slice ended. */
  voluntarySwitches?: number;
  involuntarySwitches?: number;
  /** Page faults served without I/O. */
  minorFaults?: number;
  /** Where exec put argv's and envp's strings on the stack. */
  argStart?: number;
  argEnd?: number;
  envStart?: number;
  envEnd?: number;
  /** One thread's own view (task/<tid>): its state, CPU time and signal sets. */
  thread?(tid: number): Partial<ProcessInfo> | undefined;
  regions(): MemoryRegion[];
}

export interface MemoryInfo {
  totalKb: number;
  freeKb: number;
  availableKb?: number;
}

/** The machine-wide numbers /proc/stat and /proc/loadavg show. */
export interface SystemStats {
  /** CPU time spent running guest code and idle, in milliseconds since boot. */
  userMs: number;
  idleMs: number;
  /** Boot time, seconds since the epoch. */
  bootEpochSeconds: number;
  /** Processes and threads created since boot, and the newest pid. */
  forks: number;
  lastPid: number;
  /** Threads runnable now, threads blocked, and all threads. */
  running: number;
  blocked: number;
  threads: number;
  /** Context switches since boot. */
  contextSwitches: number;
  /** The 1, 5 and 15 minute load averages. */
  loads: [number, number, number];
}

/** Implemented by the kernel core; procfs reads everything about processes through it. */
export interface ProcessInfoSource {
  pids(): number[];
  process(pid: number): ProcessInfo | undefined;
  memory(): MemoryInfo;
  /** Seconds since boot. */
  uptime?(): number;
  /** Machine-wide counters for /proc/stat and /proc/loadavg. */
  systemStats?(): SystemStats;
  /** The host and domain names as process `pid` sees them (its UTS namespace; the machine's for null). */
  utsNames?(pid: number | null): { nodename: string; domainname: string };
  /** The terminals this machine's processes have, with the uid of each one's session (/dev/pts). */
  terminals?(): Array<{ tty: Tty; uid: number }>;
}
