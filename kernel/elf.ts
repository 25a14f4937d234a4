/**
 * ELF64 parsing and validation for AArch64 executables: ET_EXEC and ET_DYN (static PIE,
 * PIE, shared objects such as the dynamic linker itself). A PT_INTERP segment is returned as
 * `interp` (the path of the program interpreter exec must load beside the program).
 *
 * Everything is checked before anything is mapped, and every refusal carries a short
 * reason that exec turns into `exec: <path>: <reason>` (ENOEXEC).
 */

import { Prot } from './vm.js';

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_AARCH64 = 183;
export const PT_LOAD = 1;
export const PT_INTERP = 3;
export const PT_PHDR = 6;
export const PT_TLS = 7;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;
const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const MAX_PHNUM = 128;
/** Longest PT_INTERP path accepted (Linux: PATH_MAX). */
const MAX_INTERP = 4096;
/** Executables must fit below this span (text from 0x400000, mmap space from 0x1000_0000). */
export const MAX_IMAGE_SPAN = 0x1000_0000 - 0x40_0000;

export class ElfError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface Segment {
  vaddr: number;
  memsz: number;
  filesz: number;
  offset: number;
  prot: number;
  flags: number;
}

export interface ElfImage {
  type: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  segments: Segment[];
  /** Virtual address (before any load bias) of the program headers, when a segment holds them. */
  phdrVaddr: number | undefined;
  /** Lowest and highest (exclusive) virtual addresses of the loadable segments. */
  low: number;
  high: number;
  /** The program interpreter named by PT_INTERP (e.g. /lib/ld-linux-aarch64.so.1). */
  interp?: string;
}

function u64(view: DataView, off: number, what: string): number {
  const v = view.getBigUint64(off, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} out of range`);
  return Number(v);
}

/** Parses and validates an executable; throws ElfError with a one-line reason. */
export function parseElf(file: Uint8Array): ElfImage {
  if (file.length < 4 || file[0] !== 0x7f || file[1] !== 0x45 || file[2] !== 0x4c || file[3] !== 0x46) {
    throw new ElfError('not an ELF file');
  }
  if (file.length < EHDR_SIZE) throw new ElfError('truncated ELF header');
  if (file[4] !== 2) throw new ElfError('not a 64-bit ELF file (wrong class)');
  if (file[5] !== 1) throw new ElfError('not a little-endian ELF file');
  if (file[6] !== 1) throw new ElfError('unsupported ELF version');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const type = view.getUint16(16, true);
  const machine = view.getUint16(18, true);
  if (machine !== EM_AARCH64) throw new ElfError(`wrong machine (e_machine ${machine}, expected AArch64)`);
  if (type !== ET_EXEC && type !== ET_DYN) throw new ElfError(`not an executable (e_type ${type})`);
  const entry = u64(view, 24, 'entry point');
  const phoff = u64(view, 32, 'program header offset');
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phnum === 0) throw new ElfError('no program headers');
  if (phentsize !== PHDR_SIZE) throw new ElfError(`bad program header size ${phentsize}`);
  if (phnum > MAX_PHNUM) throw new ElfError(`too many program headers (${phnum})`);
  if (phoff + phnum * PHDR_SIZE > file.length) throw new ElfError('truncated (program headers past end of file)');

  const segments: Segment[] = [];
  let phdrVaddr: number | undefined;
  let phdrFromPt: number | undefined;
  let interp: string | undefined;
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * PHDR_SIZE;
    const ptype = view.getUint32(at, true);
    if (ptype === PT_INTERP) {
      if (interp !== undefined) throw new ElfError('more than one PT_INTERP');
      const offset = u64(view, at + 8, 'PT_INTERP offset');
      const size = u64(view, at + 32, 'PT_INTERP size');
      if (size < 2 || size > MAX_INTERP || offset + size > file.length) throw new ElfError('bad PT_INTERP segment');
      const bytes = file.subarray(offset, offset + size);
      // The path is NUL-terminated within the segment, as Linux requires.
      if (bytes[size - 1] !== 0 || bytes.indexOf(0) !== size - 1) throw new ElfError('bad PT_INTERP path');
      interp = Buffer.from(bytes.subarray(0, size - 1)).toString('latin1');
      continue;
    }
    if (ptype === PT_PHDR) phdrFromPt = u64(view, at + 16, 'PT_PHDR address');
    if (ptype !== PT_LOAD) continue;
    const flags = view.getUint32(at + 4, true);
    const offset = u64(view, at + 8, 'segment offset');
    const vaddr = u64(view, at + 16, 'segment address');
    const filesz = u64(view, at + 32, 'segment file size');
    const memsz = u64(view, at + 40, 'segment size');
    if (memsz === 0) continue;
    if (filesz > memsz) throw new ElfError(`segment ${i}: file size larger than memory size`);
    if (offset + filesz > file.length) throw new ElfError(`truncated (segment ${i} extends past end of file)`);
    if (memsz > MAX_IMAGE_SPAN) throw new ElfError(`segment ${i}: memory size 0x${memsz.toString(16)} too large`);
    const prot = (flags & PF_R ? Prot.READ : 0) | (flags & PF_W ? Prot.WRITE | Prot.READ : 0) | (flags & PF_X ? Prot.EXEC | Prot.READ : 0);
    segments.push({ vaddr, memsz, filesz, offset, prot, flags });
  }
  if (segments.length === 0) throw new ElfError('no loadable segments');

  const sorted = [...segments].sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (sorted[i].vaddr < prev.vaddr + prev.memsz) throw new ElfError('overlapping segments');
  }
  const low = sorted[0].vaddr;
  const high = Math.max(...sorted.map((s) => s.vaddr + s.memsz));
  if (high - low > MAX_IMAGE_SPAN) throw new ElfError(`image too large (0x${(high - low).toString(16)} bytes)`);
  if (type === ET_EXEC) {
    if (low < 0x1000) throw new ElfError(`segment at 0x${low.toString(16)} below 0x1000`);
    if (high > 0x1000_0000) throw new ElfError(`segment ends at 0x${high.toString(16)}, above 0x10000000`);
  }
  const inExec = segments.some((s) => s.prot & Prot.EXEC && entry >= s.vaddr && entry < s.vaddr + s.memsz);
  if (!inExec) throw new ElfError(`entry point 0x${entry.toString(16)} is not in an executable segment`);

  // Where the program headers are in memory: PT_PHDR, or the segment whose file bytes hold them.
  if (phdrFromPt !== undefined) phdrVaddr = phdrFromPt;
  else {
    for (const s of segments) {
      if (phoff >= s.offset && phoff + phnum * PHDR_SIZE <= s.offset + s.filesz) {
        phdrVaddr = s.vaddr + (phoff - s.offset);
        break;
      }
    }
  }
  return { type, entry, phoff, phentsize, phnum, segments: sorted, phdrVaddr, low, high, interp };
}
