/**
 * Guest physical memory: RAM at 0x4000_0000, as on QEMU's `virt` board.
 *
 * The whole of RAM is one shared WebAssembly.Memory, so that the wasm tier (jit/) reads
 * and writes guest memory directly, and so CPUs in worker threads could share it later.
 * After RAM comes the machine-state area: the CPU's register file and the TLB live there
 * too (allocState), where compiled wasm code reaches them with plain loads and stores.
 * V8 reserves the memory with mmap and the host kernel commits pages only when they are
 * first touched: measured here, a 1 GiB shared Memory costs ~0.05 ms and ~1 MB of RSS
 * until it is used. One buffer also means one DataView and one Int32Array, which keeps
 * the CPU's load/store paths monomorphic.
 *
 * Physical addresses are plain numbers (RAM ends below 2^32 + 2^30, well inside the
 * exact range of a double). Offsets into the buffer fit in an int32 because RAM is
 * capped at 2 GiB.
 */

export const RAM_BASE = 0x4000_0000;
export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const DEFAULT_RAM_SIZE = 256 * 1024 * 1024;
export const MAX_RAM_SIZE = 2 * 1024 * 1024 * 1024 - PAGE_SIZE;
/** Bytes of the machine-state area besides the code-page flags: TLB (~100 KiB) and registers. */
const STATE_BYTES = 192 * 1024;
const WASM_PAGE = 65536;

export class PhysicalMemory {
  readonly base = RAM_BASE;
  readonly size: number;
  /** RAM, then the machine-state area (allocState). */
  readonly wasm: WebAssembly.Memory;
  readonly buffer: ArrayBufferLike;
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly view: DataView;
  /**
   * One flag per physical page: 1 when the CPU holds decoded instructions for it.
   * Every write path checks it so that code written after it was decoded (by the
   * guest or by the host kernel loading an ELF) is decoded afresh.
   */
  readonly codePage: Uint8Array;
  /** Called with a page index when a page holding decoded code is written. */
  onCodeWrite: (pageIndex: number) => void = () => {};

  constructor(size: number = DEFAULT_RAM_SIZE) {
    if (!Number.isInteger(size) || size <= 0 || size % PAGE_SIZE !== 0) {
      throw new RangeError(`RAM size must be a positive multiple of ${PAGE_SIZE} bytes, got ${size}`);
    }
    if (size > MAX_RAM_SIZE) throw new RangeError(`RAM size ${size} exceeds the maximum of ${MAX_RAM_SIZE} bytes`);
    this.size = size;
    const pages = Math.ceil((size + (size >>> PAGE_SHIFT) + STATE_BYTES) / WASM_PAGE);
    this.wasm = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    this.buffer = this.wasm.buffer;
    this.stateEnd = pages * WASM_PAGE;
    this.stateTop = size;
    this.u8 = new Uint8Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.codePage = new Uint8Array(this.buffer, this.allocState(size >>> PAGE_SHIFT), size >>> PAGE_SHIFT);
  }

  private stateTop: number;
  private readonly stateEnd: number;

  /**
   * Reserves `bytes` of the machine-state area after RAM (8-byte aligned) and returns
   * their offset in the buffer; the CPU and the MMU put their tables there.
   */
  allocState(bytes: number): number {
    const at = (this.stateTop + 7) & ~7;
    if (at + bytes > this.stateEnd) throw new RangeError('machine-state area exhausted');
    this.stateTop = at + bytes;
    return at;
  }

  /** The buffer offset of a physical address, or -1 when it is not RAM. */
  offsetOf(pa: number, length = 1): number {
    const off = pa - RAM_BASE;
    if (off < 0 || off + length > this.size) return -1;
    return off;
  }

  contains(pa: number, length = 1): boolean {
    return this.offsetOf(pa, length) >= 0;
  }

  private checked(pa: number, length: number): number {
    const off = this.offsetOf(pa, length);
    if (off < 0) throw new RangeError(`physical range 0x${pa.toString(16)}+${length} is outside RAM`);
    return off;
  }

  /** Marks the pages of a buffer range as written, dropping decoded code for them. */
  noteWrite(off: number, length: number): void {
    const first = off >>> PAGE_SHIFT;
    const last = (off + length - 1) >>> PAGE_SHIFT;
    for (let p = first; p <= last; p++) {
      if (this.codePage[p]) this.onCodeWrite(p);
    }
  }

  // Host-side accessors, for the kernel and tests. The CPU uses the views directly.

  read(pa: number, length: number): Uint8Array {
    const off = this.checked(pa, length);
    return this.u8.slice(off, off + length);
  }

  write(pa: number, data: Uint8Array): void {
    const off = this.checked(pa, data.length);
    this.u8.set(data, off);
    if (data.length) this.noteWrite(off, data.length);
  }

  fill(pa: number, length: number, value = 0): void {
    const off = this.checked(pa, length);
    this.u8.fill(value, off, off + length);
    if (length) this.noteWrite(off, length);
  }

  read8(pa: number): number {
    return this.u8[this.checked(pa, 1)];
  }
  read32(pa: number): number {
    return this.view.getUint32(this.checked(pa, 4), true);
  }
  read64(pa: number): bigint {
    return this.view.getBigUint64(this.checked(pa, 8), true);
  }
  write8(pa: number, value: number): void {
    const off = this.checked(pa, 1);
    this.u8[off] = value;
    this.noteWrite(off, 1);
  }
  write32(pa: number, value: number): void {
    const off = this.checked(pa, 4);
    this.view.setUint32(off, value >>> 0, true);
    this.noteWrite(off, 4);
  }
  write64(pa: number, value: bigint): void {
    const off = this.checked(pa, 8);
    this.view.setBigUint64(off, BigInt.asUintN(64, value), true);
    this.noteWrite(off, 8);
  }
}
