/**
 * The machine's one IPC namespace, as Linux's ipc_namespace: the System V shared memory
 * segments, semaphore sets and message queues (shm.ts, sem.ts, msg.ts), the POSIX message
 * queues (mqueue.ts), and what a process's exit does to them (SEM_UNDO adjustments applied;
 * its attaches go with its memory, its queue descriptors with its files).
 */

import type { Machine } from '../../machine/machine.js';
import type { PhysicalPageAllocator } from '../pmm.js';
import { MsgTable } from './msg.js';
import { PosixMqueues } from './mqueue.js';
import { SemTable } from './sem.js';
import { ShmTable } from './shm.js';

export class IpcNamespace {
  readonly shm: ShmTable;
  readonly sem = new SemTable();
  readonly msg = new MsgTable();
  readonly mqueues = new PosixMqueues();

  constructor(machine: Machine, pmm: PhysicalPageAllocator) {
    // Segments together may hold at most half the guest's RAM (shmget then says ENOSPC, as past SHMALL).
    this.shm = new ShmTable(machine, pmm, Math.floor(machine.memory.size / 2));
  }

  /** A process (thread group) ends: `owner` is its undo list's key. */
  exitProcess(owner: object, pid: number): void {
    this.sem.exitProcess(owner, pid);
  }
}
