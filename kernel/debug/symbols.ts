/**
 * The function a program address lies in, from the ELF's own symbol tables (.symtab, else
 * .dynsym), for fault reports that say where the program was (`at add+0xc`) rather than only a
 * number. Read only when a fault kills a process, so nothing is kept per process. Addresses are
 * the ELF's own (p_vaddr): for a position-independent image or a shared library the caller
 * turns the run-time address into a file offset and vaddrOfOffset() into the ELF's address.
 * Stripped images give null.
 */

const SHT_SYMTAB = 2;
const SHT_DYNSYM = 11;
const PT_LOAD = 1;
const STT_FUNC = 2;
const ET_EXEC = 2;
const ET_DYN = 3;

/** Whether this image is loaded at its own addresses (ET_EXEC) rather than at a bias. */
export function isFixedImage(image: Uint8Array): boolean {
  return image.length >= 64 && image[0] === 0x7f && new DataView(image.buffer, image.byteOffset, image.byteLength).getUint16(16, true) === ET_EXEC;
}

/** The ELF address (p_vaddr) of file offset `offset`, from the PT_LOAD segment holding it, or null. */
export function vaddrOfOffset(image: Uint8Array, offset: number): number | null {
  if (image.length < 64 || image[0] !== 0x7f || image[4] !== 2) return null;
  const v = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const phoff = Number(v.getBigUint64(0x20, true));
  const phentsize = v.getUint16(0x36, true);
  const phnum = v.getUint16(0x38, true);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 56 > image.length || v.getUint32(at, true) !== PT_LOAD) continue;
    const off = Number(v.getBigUint64(at + 8, true));
    const vaddr = Number(v.getBigUint64(at + 16, true));
    const filesz = Number(v.getBigUint64(at + 32, true));
    if (offset >= off && offset < off + filesz) return vaddr + (offset - off);
  }
  return null;
}

/** `name+0xoff` for ELF address pc in a function of this image (.symtab first, then .dynsym), or null. */
export function symbolAt(image: Uint8Array, pc: number): string | null {
  if (image.length < 64 || image[0] !== 0x7f || image[4] !== 2 /* ELFCLASS64 */) return null;
  const v = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const type = v.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) return null;
  const shoff = Number(v.getBigUint64(0x28, true));
  const shentsize = v.getUint16(0x3a, true);
  const shnum = v.getUint16(0x3c, true);
  if (shentsize < 64 || shoff <= 0 || shoff + shnum * shentsize > image.length) return null;
  const section = (i: number): { type: number; offset: number; size: number; link: number; entsize: number } => {
    const at = shoff + i * shentsize;
    return {
      type: v.getUint32(at + 4, true),
      offset: Number(v.getBigUint64(at + 0x18, true)),
      size: Number(v.getBigUint64(at + 0x20, true)),
      link: v.getUint32(at + 0x28, true),
      entsize: Number(v.getBigUint64(at + 0x38, true)),
    };
  };
  const target = BigInt(pc);
  // Aliases share an address (fopen and fopen64): a global name is preferred to a weak one.
  const rank = (bind: number): number => (bind === 1 /* STB_GLOBAL */ ? 2 : bind === 2 /* STB_WEAK */ ? 1 : 0);
  for (const wanted of [SHT_SYMTAB, SHT_DYNSYM]) {
    let best: { at: number; value: bigint; rank: number; strtab: number; strsize: number } | null = null;
    for (let i = 0; i < shnum; i++) {
      const s = section(i);
      if (s.type !== wanted || s.entsize < 24 || s.offset + s.size > image.length || s.link >= shnum) continue;
      const str = section(s.link);
      if (str.offset + str.size > image.length) continue;
      for (let at = s.offset; at + 24 <= s.offset + s.size; at += s.entsize) {
        if ((image[at + 4] & 0xf) !== STT_FUNC || v.getUint16(at + 6, true) === 0 /* SHN_UNDEF */) continue;
        const value = v.getBigUint64(at + 8, true);
        const size = v.getBigUint64(at + 16, true);
        if (target < value || target >= value + (size || 1n)) continue;
        const r = rank(image[at + 4] >> 4);
        if (!best || r > best.rank) best = { at, value, rank: r, strtab: str.offset, strsize: str.size };
      }
    }
    if (best) {
      const nameAt = best.strtab + v.getUint32(best.at, true);
      let end = nameAt;
      while (end < best.strtab + best.strsize && image[end] !== 0) end++;
      const name = new TextDecoder().decode(image.subarray(nameAt, end));
      return `${name}+0x${(target - best.value).toString(16)}`;
    }
  }
  return null;
}
