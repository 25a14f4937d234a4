/**
 * A process's file descriptor table: fd -> open file description, plus the close-on-exec flag.
 * Past the process's RLIMIT_NOFILE a new fd is EMFILE; past the machine's budget of fds held
 * by all its processes together (serve --machine-nofile, FdBudget) it is ENFILE, "Too many
 * open files in system", as Linux answers at fs.file-max.
 */

import { Errno, SyscallError } from '../errno.js';
import type { OpenFile } from './file.js';

interface Slot {
  file: OpenFile;
  cloexec: boolean;
}

export const DEFAULT_MAX_FDS = 1024;

/** The fds all processes of one machine may hold together; the tables of its processes share it. */
export class FdBudget {
  /** Fds held now. */
  open = 0;
  /** Opens refused so far. */
  refusals = 0;

  /** onFirstRefusal: called once, at the first ENFILE (the machine's log line). */
  constructor(readonly max: number, private readonly onFirstRefusal: () => void = () => {}) {}

  /** One more fd, or ENFILE when the machine holds its most. */
  take(): void {
    if (this.open >= this.max) {
      if (this.refusals++ === 0) this.onFirstRefusal();
      throw new SyscallError(Errno.ENFILE);
    }
    this.open++;
  }
}

export class FileTable {
  private slots: Array<Slot | undefined> = [];

  /**
   * maxFds: RLIMIT_NOFILE's soft value (kernel/rlimits.ts keeps it in step): no fd at or past it.
   * budget: the machine's, when it limits the fds of all its processes together.
   */
  constructor(public maxFds = DEFAULT_MAX_FDS, readonly budget: FdBudget | null = null) {}

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
        this.budget?.take();
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
    if (!old) this.budget?.take();
    this.slots[fd] = { file, cloexec };
    old?.file.release();
  }

  close(fd: number): void {
    const s = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!s) throw new SyscallError(Errno.EBADF);
    this.slots[fd] = undefined;
    if (this.budget) this.budget.open--;
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
    const t = new FileTable(this.maxFds, this.budget);
    t.slots = this.slots.map((s) => (s ? { file: s.file.retain(), cloexec: s.cloexec } : undefined));
    // A child's copies count (fork never fails for them, as on Linux): the next open may then be ENFILE.
    if (this.budget) this.budget.open += this.count;
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
    for (const s of slots) {
      if (!s) continue;
      if (this.budget) this.budget.open--;
      s.file.release();
    }
  }
}
