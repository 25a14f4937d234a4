/**
 * The one place address spaces are made and freed. Each gets an ASID from a pool (16-bit,
 * as TCR_EL1 is set up in vm.ts), its page tables from physical memory and a page limit;
 * freeing one returns its pages and its ASID. spawn, exec, fork and the native processes
 * all get theirs here, so an ASID can neither leak on a failed create nor be handed out twice.
 */

import type { Machine } from '../machine/machine.js';
import { Errno, SyscallError } from './errno.js';
import type { PhysicalPageAllocator } from './pmm.js';
import { AddressSpace } from './vm.js';

const MAX_ASID = 0xffff;

export class AddressSpaces {
  private readonly freeAsids: number[] = [];
  private nextAsid = 1;

  constructor(private readonly machine: Machine, private readonly pmm: PhysicalPageAllocator) {}

  /**
   * A new empty address space that may hold `maxPages` pages. Throws SyscallError: EAGAIN
   * when every ASID is in use, ENOMEM when there is no page for its tables.
   */
  create(maxPages: number): AddressSpace {
    const asid = this.allocAsid();
    if (asid < 0) throw new SyscallError(Errno.EAGAIN);
    try {
      return new AddressSpace(this.machine, this.pmm, asid, { maxPages });
    } catch {
      this.freeAsids.push(asid);
      throw new SyscallError(Errno.ENOMEM);
    }
  }

  /** Frees every page of `vm` and its ASID. */
  release(vm: AddressSpace): void {
    vm.release();
    this.freeAsids.push(vm.asid);
  }

  private allocAsid(): number {
    if (this.freeAsids.length) return this.freeAsids.pop()!;
    if (this.nextAsid > MAX_ASID) return -1;
    return this.nextAsid++;
  }
}
