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
  /** Effective user and group for permission checks; root (0) when absent. */
  uid?: number;
  gid?: number;
  /** File creation mask; 0o022 when absent. */
  umask?: number;
  /** Controlling terminal, what /dev/tty opens; else the first TTY among fds 0..2. */
  tty?: Tty | null;
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
  /** Virtual size and resident size in KiB, if known (else computed from regions). */
  vmSizeKb?: number;
  vmRssKb?: number;
  regions(): MemoryRegion[];
}

export interface MemoryInfo {
  totalKb: number;
  freeKb: number;
  availableKb?: number;
}

/** Implemented by the kernel core; procfs reads everything about processes through it. */
export interface ProcessInfoSource {
  pids(): number[];
  process(pid: number): ProcessInfo | undefined;
  memory(): MemoryInfo;
  /** Seconds since boot. */
  uptime?(): number;
}
