/**
 * Builds stage-1 page tables (4 KiB granule) in guest RAM for machine tests, the way a
 * kernel would: plain descriptors written to physical memory. Tests use it to set up
 * an address space and then check what the MMU does with it.
 */

import type { Machine } from '../../machine/index.js';

export const PTE_VALID = 1n;
export const PTE_TABLE = 2n; // also "page" at level 3
export const PTE_AF = 1n << 10n;
export const PTE_NG = 1n << 11n;
export const PTE_AP_EL0 = 1n << 6n; // AP[1]: EL0 access
export const PTE_AP_RO = 1n << 7n; // AP[2]: read-only
export const PTE_PXN = 1n << 53n;
export const PTE_UXN = 1n << 54n;
export const PTE_SH_INNER = 3n << 8n;
/** Table descriptor controls (hierarchical): no EL0 access, read-only, UXN, PXN. */
export const TABLE_AP_NO_EL0 = 1n << 61n;
export const TABLE_AP_RO = 1n << 62n;
export const TABLE_UXN = 1n << 60n;
export const TABLE_PXN = 1n << 59n;
/** AttrIndx 0 = Normal write-back (MAIR byte 0xff), 1 = Device-nGnRnE (0x00). */
export const ATTR_NORMAL = 0n << 2n;
export const ATTR_DEVICE = 1n << 2n;
export const MAIR_VALUE = 0x00ffn;

/** TCR_EL1 for 48-bit VAs in both halves, 4 KiB granules, 16-bit ASIDs, TBI0. */
export const TCR_48BIT = 16n | (16n << 16n) | (2n << 30n) | (5n << 32n) | (1n << 36n) | (1n << 37n);

export class PageTables {
  /** Physical address of the next free page for tables. */
  private next: bigint;
  readonly root: bigint;

  constructor(private readonly m: Machine, tablePool: bigint) {
    this.next = tablePool;
    this.root = this.allocTable();
  }

  private allocTable(): bigint {
    const pa = this.next;
    this.next += 4096n;
    this.m.memory.fill(Number(pa), 4096, 0);
    return pa;
  }

  private entryAddress(table: bigint, va: bigint, level: number): bigint {
    const shift = BigInt(12 + 9 * (3 - level));
    return table + ((va >> shift) & 511n) * 8n;
  }

  /** Maps one page (level 3) or a block (level 1 or 2) with the given attribute bits. */
  map(va: bigint, pa: bigint, attrs: bigint, level = 3): void {
    let table = this.root;
    for (let l = 0; l < level; l++) {
      const at = this.entryAddress(table, va, l);
      let desc = this.m.memory.read64(Number(at));
      if ((desc & 3n) !== 3n) {
        const next = this.allocTable();
        desc = next | PTE_VALID | PTE_TABLE;
        this.m.memory.write64(Number(at), desc);
      }
      table = desc & 0x0000_ffff_ffff_f000n;
    }
    const at = this.entryAddress(table, va, level);
    const type = level === 3 ? PTE_VALID | PTE_TABLE : PTE_VALID;
    this.m.memory.write64(Number(at), pa | type | attrs);
  }

  /** Writes a raw descriptor at a level for a VA (creating tables above it). */
  setDescriptor(va: bigint, level: number, desc: bigint): void {
    let table = this.root;
    for (let l = 0; l < level; l++) {
      const at = this.entryAddress(table, va, l);
      let d = this.m.memory.read64(Number(at));
      if ((d & 3n) !== 3n) {
        d = this.allocTable() | PTE_VALID | PTE_TABLE;
        this.m.memory.write64(Number(at), d);
      }
      table = d & 0x0000_ffff_ffff_f000n;
    }
    this.m.memory.write64(Number(this.entryAddress(table, va, level)), desc);
  }

  /**
   * Physical address of the descriptor for `va` at `level`, following existing table
   * descriptors (tests edit descriptors in place: APTable bits, remapping, AF).
   */
  descriptorAddress(va: bigint, level: number): bigint {
    let table = this.root;
    for (let l = 0; l < level; l++) {
      const d = this.m.memory.read64(Number(this.entryAddress(table, va, l)));
      if ((d & 3n) !== 3n) throw new Error(`no table at level ${l} for 0x${va.toString(16)}`);
      table = d & 0x0000_ffff_ffff_f000n;
    }
    return this.entryAddress(table, va, level);
  }

  /** Turns the MMU on with these tables in TTBR0 (and ASID). */
  enable(asid = 0n): void {
    this.m.writeSysReg('MAIR_EL1', MAIR_VALUE);
    this.m.writeSysReg('TCR_EL1', TCR_48BIT);
    this.m.writeSysReg('TTBR0_EL1', this.root | (asid << 48n));
    const sctlr = this.m.readSysReg('SCTLR_EL1');
    this.m.writeSysReg('SCTLR_EL1', sctlr | 1n);
    this.m.invalidateTlb();
  }
}

/** Normal memory, EL0 and EL1 read/write, executable at EL0 (and so not at EL1). */
export const USER_RWX = PTE_AF | PTE_SH_INNER | ATTR_NORMAL | PTE_AP_EL0;
/** Normal memory, EL1 only, read/write/execute. */
export const KERNEL_RWX = PTE_AF | PTE_SH_INNER | ATTR_NORMAL;

/**
 * The set-up most instruction tests want: RAM identity-mapped as Normal memory with
 * 2 MiB blocks, EL0 read/write/execute, and the CPU at EL0. Page tables go at the top
 * of RAM.
 */
export function identityMapForEl0(m: Machine): PageTables {
  const ramBase = BigInt(m.memory.base);
  const ramSize = BigInt(m.memory.size);
  const pt = new PageTables(m, ramBase + ramSize - 64n * 4096n);
  for (let off = 0n; off < ramSize; off += 0x20_0000n) pt.map(ramBase + off, ramBase + off, USER_RWX, 2);
  pt.enable();
  m.cpu.setExceptionLevel(0);
  return pt;
}
