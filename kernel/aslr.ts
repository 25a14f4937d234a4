/**
 * Address-space layout randomisation: where exec puts the stack, the mmap area (shared
 * libraries, the dynamic linker), a PIE program and the brk heap, chosen afresh for every
 * exec as Linux's binfmt_elf and arch/arm64 mmap code do with randomize_va_space=2:
 *
 *   - stack top: the top of user space less a random 0..1 GiB (18 bits of pages), and a
 *     random 16-byte-aligned offset inside its first page;
 *   - mmap base: the legacy bottom-up layout's TASK_UNMAPPED_BASE (a quarter of user
 *     space) plus a random 0..1 GiB; mmap and the interpreter take the first gap above it
 *     (our allocator is bottom-up, as Linux's is under `ulimit -s unlimited`);
 *   - PIE base: ELF_ET_DYN_BASE (two thirds of user space) plus a random 0..1 GiB;
 *   - brk: the page after the program's end plus a random 0..1 GiB (arch_randomize_brk).
 *
 * personality(ADDR_NO_RANDOMIZE), which `setarch -R` sets and a process keeps across exec,
 * turns every offset to zero, as does a kernel booted without randomisation (`run -R`).
 * A seeded source (`run --seed N`) makes the offsets and AT_RANDOM the same on every run,
 * so a replayed run sees the same addresses.
 */

import { createHash, randomFillSync } from 'node:crypto';
import { PAGE_SIZE } from './pmm.js';
import { USER_MAX } from './vm.js';

/** personality(2) flag that turns randomisation off (uapi linux/personality.h). */
export const ADDR_NO_RANDOMIZE = 0x0040000;

/** Where user space ends for the layout (the stack's highest possible top). */
export const TASK_SIZE = USER_MAX;
/** Bottom of the bottom-up mmap area before randomisation. */
export const TASK_UNMAPPED_BASE = TASK_SIZE / 4;
/** Where a PIE program goes before randomisation. */
export const ELF_ET_DYN_BASE = pageAlign(Math.floor((TASK_SIZE / 3) * 2));
/** Pages of randomisation for the stack, the mmap base, the PIE base and brk (18 bits: 1 GiB). */
const RANDOM_PAGE_BITS = 18;
/** Room kept free above the mmap area for the stack to grow into and its randomisation. */
const STACK_GAP = 128 * 1024 * 1024;

function pageAlign(a: number): number {
  return a - (a % PAGE_SIZE);
}

/** Random bytes for exec: the host's CSPRNG, or a stream derived from a seed. */
export class ExecEntropy {
  private counter = 0;

  /** No seed: every run differs. A seed: the same stream of bytes on every run. */
  constructor(readonly seed?: number | string) {}

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    if (this.seed === undefined) return randomFillSync(out);
    for (let at = 0; at < n; at += 32) {
      const block = createHash('sha256').update(`akuma-exec-entropy:${this.seed}:${this.counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, n - at)), at);
    }
    return out;
  }

  /** A random whole number of pages below 2^RANDOM_PAGE_BITS pages, in bytes. */
  pageOffset(): number {
    const b = this.bytes(4);
    const pages = ((b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0) & ((1 << RANDOM_PAGE_BITS) - 1);
    return pages * PAGE_SIZE;
  }
}

/** The addresses one exec uses. */
export interface ExecLayout {
  /** One past the highest byte of the stack region. */
  stackTop: number;
  /** Bytes below stackTop where the initial stack contents start (sub-page randomisation). */
  stackSkew: number;
  /** Where mmap (and the interpreter) look for space first. */
  mmapBase: number;
  /** The load address of a PIE program's lowest segment. */
  pieBase: number;
  /** Added to the page after the program's end to place brk. */
  brkOffset: number;
}

/** The layout of one exec: randomised unless `randomize` is false. */
export function chooseLayout(entropy: ExecEntropy, randomize: boolean): ExecLayout {
  if (!randomize) {
    return { stackTop: TASK_SIZE, stackSkew: 0, mmapBase: TASK_UNMAPPED_BASE, pieBase: ELF_ET_DYN_BASE, brkOffset: 0 };
  }
  const stackTop = TASK_SIZE - entropy.pageOffset();
  const b = entropy.bytes(2);
  const stackSkew = ((b[0] | (b[1] << 8)) % PAGE_SIZE) & ~15;
  const mmapBase = TASK_UNMAPPED_BASE + entropy.pageOffset();
  const pieBase = ELF_ET_DYN_BASE + entropy.pageOffset();
  const brkOffset = entropy.pageOffset();
  // The areas cannot meet: each offset is under 1 GiB and the bases are terabytes apart.
  if (pieBase + STACK_GAP > stackTop) throw new Error('layout: PIE base above the stack');
  return { stackTop, stackSkew, mmapBase, pieBase, brkOffset };
}

/** The entropy every exec draws from unless the kernel was given another (one per host process). */
export const hostEntropy = new ExecEntropy();
