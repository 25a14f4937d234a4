/**
 * Stage-1 translation for the EL1&0 regime: 4 KiB granule, up to 48-bit virtual
 * addresses, TTBR0/TTBR1 split by TCR_EL1, table walks over descriptors in guest RAM,
 * and a direct-mapped TLB tagged with ASIDs.
 *
 * The TLB holds one entry per 4 KiB virtual page, keyed by the page number of the
 * address as the program presented it (so tagged pointers under TBI get entries of
 * their own, which stay correct because translation ignores the tag). Each entry keeps
 * the permissions already resolved for both ELs, so the CPU's fast path is a tag
 * compare and one AND.
 *
 * Like hardware, the TLB may keep a stale translation until software invalidates it
 * with TLBI; tests rely on that being observable.
 */

import { FSC, AccessKind } from './exceptions.js';
import { PhysicalMemory, PAGE_SHIFT } from './memory.js';

/** Permission bits of a TLB entry. */
export const enum Perm {
  R0 = 1,
  W0 = 2,
  X0 = 4,
  R1 = 8,
  W1 = 16,
  X1 = 32,
  /** Device memory: unaligned data accesses take an alignment fault. */
  DEVICE = 64,
}

export const TLB_BITS = 12;
export const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;

/** The translation-relevant system register values, read from the CPU at walk time. */
export interface TranslationRegime {
  sctlrLo: number;
  tcrLo: number;
  tcrHi: number;
  ttbr0Lo: number;
  ttbr0Hi: number;
  ttbr1Lo: number;
  ttbr1Hi: number;
  mairLo: number;
  mairHi: number;
}

const TWO32 = 4294967296;

/**
 * A data watchpoint, what a pair of DBGWVRn_EL1/DBGWCRn_EL1 describes (any length here, not
 * only a doubleword's bytes): EL0 accesses that touch [addr, addr + length) take a
 * Watchpoint exception (EC 0x34) before they happen. kind: 1 loads, 2 stores, 3 both.
 */
export interface Watchpoint {
  readonly addr: number;
  readonly length: number;
  readonly kind: 1 | 2 | 3;
}

export const NO_WATCHPOINTS: readonly Watchpoint[] = [];

export class Mmu {
  /** Tag: bits [31:12] of the virtual address. -1 marks an empty entry. */
  readonly vpn: Int32Array;
  /** Tag: bits [63:32] of the virtual address. */
  readonly vhi: Int32Array;
  /** ASID the entry belongs to, or -1 for a global (nG=0) entry. */
  readonly asid: Int32Array;
  readonly perm: Int32Array;
  /** Offset of the physical page in the RAM buffer. */
  readonly off: Int32Array;
  /** Level of the descriptor that produced the entry (for permission fault syndromes). */
  readonly level = new Int8Array(TLB_SIZE);
  /**
   * The EL0 R/W bits an entry lost because its page holds a watchpoint: those accesses miss
   * the fast check (the interpreter's and the compiled tiers' inline one alike) and reach
   * Cpu.translateSlow, which checks the watchpoints and then uses perm | watched.
   */
  readonly watched = new Int32Array(TLB_SIZE);
  /** The watchpoints in force (set through setWatchpoints; none costs nothing). */
  watchpoints: readonly Watchpoint[] = NO_WATCHPOINTS;

  /** Set by a walk: the TLB slot filled, or the fault found. */
  faultStatus = 0;
  /** Bumped on every invalidation, so the CPU can drop what it cached from the TLB. */
  generation = 0;

  /** Buffer offset of the TLB's tables in the machine-state area: vpn, vhi, asid, perm, off (TLB_SIZE int32 each). */
  readonly tlbBase: number;

  constructor(private readonly memory: PhysicalMemory) {
    // In the machine-state area, so compiled wasm code can look entries up inline.
    this.tlbBase = memory.allocState(5 * 4 * TLB_SIZE);
    const table = (k: number): Int32Array => new Int32Array(memory.buffer, this.tlbBase + k * 4 * TLB_SIZE, TLB_SIZE);
    this.vpn = table(0).fill(-1);
    this.vhi = table(1);
    this.asid = table(2);
    this.perm = table(3);
    this.off = table(4);
  }

  invalidateAll(): void {
    this.vpn.fill(-1);
    this.generation++;
  }

  /** Installs a new set of watchpoints: entries are refilled with the watched bits taken out. */
  setWatchpoints(list: readonly Watchpoint[]): void {
    this.watchpoints = list;
    this.invalidateAll();
  }

  /** The EL0 R/W bits that watchpoints claim on the page at hi:lo. */
  private watchedBits(lo: number, hi: number): number {
    const page = hi * TWO32 + ((lo & 0xfffff000) >>> 0);
    let bits = 0;
    for (const w of this.watchpoints) {
      if (w.addr < page + 4096 && w.addr + w.length > page) bits |= (w.kind & 1 ? Perm.R0 : 0) | (w.kind & 2 ? Perm.W0 : 0);
    }
    return bits;
  }

  /** TLBI ASIDE1: every non-global entry of an ASID. */
  invalidateAsid(asid: number): void {
    for (let i = 0; i < TLB_SIZE; i++) {
      if (this.asid[i] === asid) this.vpn[i] = -1;
    }
    this.generation++;
  }

  /**
   * TLBI VAE1/VAAE1 and their last-level forms: entries for the page holding a VA.
   * `asid` -1 means any ASID; otherwise global entries and that ASID's entries go.
   * The top byte of the address is ignored, as the architecture specifies for TLBI by VA.
   */
  invalidateVa(lo: number, hi: number, asid: number): void {
    const page = lo >>> PAGE_SHIFT;
    const hi56 = hi & 0x00ffffff;
    for (let i = 0; i < TLB_SIZE; i++) {
      if (this.vpn[i] === page && (this.vhi[i] & 0x00ffffff) === hi56 && (asid === -1 || this.asid[i] === -1 || this.asid[i] === asid)) {
        this.vpn[i] = -1;
      }
    }
    this.generation++;
  }

  /**
   * Walks the translation tables for one virtual page and fills its TLB slot.
   * Returns the slot, or -1 with `faultStatus` set to the DFSC/IFSC of the fault.
   * Permissions are not checked here (the entry records them); faults found during
   * the walk itself (translation, access flag, external abort) are.
   */
  walk(r: TranslationRegime, lo: number, hi: number, currentAsid: number, access: AccessKind): number {
    const slot = (lo >>> PAGE_SHIFT) & TLB_MASK;
    if ((r.sctlrLo & 1) === 0) return this.fillFlat(slot, lo, hi, access);

    const upper = (hi >>> 23) & 1; // bit 55 selects TTBR1
    const tcrLo = r.tcrLo;
    const tcrHi = r.tcrHi;
    const txsz = upper ? (tcrLo >>> 16) & 0x3f : tcrLo & 0x3f;
    const epd = upper ? (tcrLo >>> 23) & 1 : (tcrLo >>> 7) & 1;
    const tbi = upper ? (tcrHi >>> 6) & 1 : (tcrHi >>> 5) & 1; // TCR bits 38 and 37
    const tg = upper ? (tcrLo >>> 30) & 3 : (tcrLo >>> 14) & 3;
    // Only the 4 KiB granule is implemented: TG0=0b00, TG1=0b10.
    const granuleOk = upper ? tg === 2 : tg === 0;
    const ia = 64 - Math.min(Math.max(txsz, 16), 39);
    const hiEff = tbi ? (hi << 8) >> 8 : hi;
    const expect = upper ? -1 : 0;
    let inRange: boolean;
    if (ia > 32) inRange = hiEff >> (ia - 32) === expect;
    else if (ia === 32) inRange = hiEff === expect;
    else inRange = hiEff === expect && lo >> ia === expect;
    if (!inRange || epd || !granuleOk) return this.fault(FSC.TRANSLATION + 0);

    const ttbrLo = upper ? r.ttbr1Lo : r.ttbr0Lo;
    const ttbrHi = upper ? r.ttbr1Hi : r.ttbr0Hi;
    // The 48-bit address, as a non-negative double (exact).
    const va = (hiEff & 0xffff) * TWO32 + (lo >>> 0);
    let level = ia > 39 ? 0 : ia > 30 ? 1 : ia > 21 ? 2 : 3;
    let table = (ttbrHi & 0xffff) * TWO32 + ((ttbrLo & ~1) >>> 0);
    // Hierarchical controls accumulated from table descriptors.
    let apTable = 0;
    let uxnTable = 0;
    let pxnTable = 0;
    for (;;) {
      const shift = 12 + 9 * (3 - level);
      const index = Math.floor(va / 2 ** shift) % 512;
      const off = this.memory.offsetOf(table + index * 8, 8);
      if (off < 0) return this.fault(FSC.EXTERNAL_WALK + level);
      const dlo = this.memory.i32[off >> 2];
      const dhi = this.memory.i32[(off >> 2) + 1];
      if ((dlo & 1) === 0) return this.fault(FSC.TRANSLATION + level);
      const isTableOrPage = (dlo & 2) !== 0;
      if (level < 3 && isTableOrPage) {
        apTable |= (dhi >>> 29) & 3;
        uxnTable |= (dhi >>> 28) & 1;
        pxnTable |= (dhi >>> 27) & 1;
        table = (dhi & 0xffff) * TWO32 + ((dlo & 0xfffff000) >>> 0);
        level++;
        continue;
      }
      if (level === 3 ? !isTableOrPage : level === 0) return this.fault(FSC.TRANSLATION + level);
      if ((dlo & 0x400) === 0) return this.fault(FSC.ACCESS_FLAG + level);

      // Output address: descriptor bits [47:shift] plus the VA's offset inside the block.
      const oa = (dhi & 0xffff) * TWO32 + ((dlo & 0xfffff000) >>> 0);
      const blockSize = 2 ** shift;
      const pa = oa - (oa % blockSize) + (va % blockSize) - (va % 4096);
      const ap = (dlo >>> 6) & 3;
      const uxn = ((dhi >>> 22) & 1) | uxnTable;
      const pxn = ((dhi >>> 21) & 1) | pxnTable;
      const noEl0 = apTable & 1;
      const readOnly = apTable & 2;
      let perm = Perm.R1;
      if (ap & 1 && !noEl0) perm |= Perm.R0;
      if (ap === 1 && !noEl0 && !readOnly) perm |= Perm.W0;
      if ((ap & 2) === 0 && !readOnly) perm |= Perm.W1;
      const wxn = (r.sctlrLo >>> 19) & 1;
      if (!uxn && !(wxn && perm & Perm.W0)) perm |= Perm.X0;
      // A page writable at EL0 is never executable at EL1.
      if (!pxn && !(perm & Perm.W0) && !(wxn && perm & Perm.W1)) perm |= Perm.X1;
      const attrIndex = (dlo >>> 2) & 7;
      const attr = attrIndex < 4 ? (r.mairLo >>> (attrIndex * 8)) & 0xff : (r.mairHi >>> ((attrIndex - 4) * 8)) & 0xff;
      if ((attr & 0xf0) === 0) perm |= Perm.DEVICE;
      const nG = (dlo >>> 11) & 1;
      return this.fill(slot, lo, hi, pa, perm, nG ? currentAsid : -1, level);
    }
  }

  /** With the MMU off, VA = PA and all memory is Device-nGnRnE for data accesses. */
  private fillFlat(slot: number, lo: number, hi: number, access: AccessKind): number {
    if (hi < 0 || hi > 0xffff) return this.fault(FSC.ADDRESS_SIZE + 0);
    const pa = hi * TWO32 + ((lo & 0xfffff000) >>> 0);
    const perm = Perm.R0 | Perm.W0 | Perm.X0 | Perm.R1 | Perm.W1 | Perm.X1 | (access === AccessKind.EXEC ? 0 : Perm.DEVICE);
    return this.fill(slot, lo, hi, pa, perm, -1, 0);
  }

  private fill(slot: number, lo: number, hi: number, pa: number, perm: number, asid: number, level: number): number {
    const off = this.memory.offsetOf(pa, 4096);
    if (off < 0) return this.fault(FSC.EXTERNAL);
    this.vpn[slot] = lo >>> PAGE_SHIFT;
    this.vhi[slot] = hi;
    this.asid[slot] = asid;
    const watched = this.watchpoints.length ? this.watchedBits(lo, hi) & perm : 0;
    this.watched[slot] = watched;
    this.perm[slot] = perm & ~watched;
    this.off[slot] = off;
    this.level[slot] = level;
    return slot;
  }

  private fault(status: number): number {
    this.faultStatus = status;
    return -1;
  }
}
