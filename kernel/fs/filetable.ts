/** A process's file descriptor table: fd -> open file description, plus the close-on-exec flag. */

import { Errno, SyscallError } from '../errno.js';
import type { OpenFile } from './file.js';

interface Slot {
  file: OpenFile;
  cloexec: boolean;
}

export const DEFAULT_MAX_FDS = 1024;

export class FileTable {
  private slots: Array<Slot | undefined> = [];

  /** maxFds: RLIMIT_NOFILE's soft value (kernel/rlimits.ts keeps it in step): no fd at or past it. */
  constructor(public maxFds = DEFAULT_MAX_FDS) {}

  /** The file at fd, or EBADF. */
  get(fd: number): OpenFile {
    const s = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!s) throw new SyscallError(Errno.EBADF);
    return s.file;
  }

  has(fd: number): boolean {
    return Number.isInteger(fd) && fd >= 0 && this.slots[fd] !== undefined;
  }

  /** Installs `file` (taking over one reference) at the lowest free fd >= minFd; EMFILE when full. */
  install(file: OpenFile, cloexec = false, minFd = 0): number {
    if (minFd < 0 || minFd >= this.maxFds) throw new SyscallError(Errno.EINVAL);
    for (let fd = minFd; fd < this.maxFds; fd++) {
      if (this.slots[fd] === undefined) {
        this.slots[fd] = { file, cloexec };
        return fd;
      }
    }
    throw new SyscallError(Errno.EMFILE);
  }

  /** Puts `file` (taking over one reference) at exactly fd, closing what was there (dup3). */
  installAt(fd: number, file: OpenFile, cloexec = false): void {
    if (!Number.isInteger(fd) || fd < 0 || fd >= this.maxFds) throw new SyscallError(Errno.EBADF);
    const old = this.slots[fd];
    this.slots[fd] = { file, cloexec };
    old?.file.release();
  }

  close(fd: number): void {
    const s = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!s) throw new SyscallError(Errno.EBADF);
    this.slots[fd] = undefined;
    s.file.release();
  }

  getCloexec(fd: number): boolean {
    this.get(fd);
    return this.slots[fd]!.cloexec;
  }

  setCloexec(fd: number, on: boolean): void {
    this.get(fd);
    this.slots[fd]!.cloexec = on;
  }

  /** Open fds in ascending order. */
  fds(): number[] {
    const out: number[] = [];
    this.slots.forEach((s, fd) => {
      if (s) out.push(fd);
    });
    return out;
  }

  get count(): number {
    return this.fds().length;
  }

  /** A copy for a child (fork/spawn): same open files, each reference retained. */
  clone(): FileTable {
    const t = new FileTable(this.maxFds);
    t.slots = this.slots.map((s) => (s ? { file: s.file.retain(), cloexec: s.cloexec } : undefined));
    return t;
  }

  /** execve: closes every fd marked close-on-exec. */
  closeOnExec(): void {
    this.slots.forEach((s, fd) => {
      if (s?.cloexec) this.close(fd);
    });
  }

  /** Process exit: closes everything. */
  closeAll(): void {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) s?.file.release();
  }
}
