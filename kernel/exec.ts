/**
 * exec: builds a fresh address space for an ELF image and the initial stack the Linux
 * AArch64 ABI promises (argc, argv, envp, auxv), and returns where to start.
 *
 * Layout (aslr.ts chooses it afresh for each exec, randomised as Linux does unless
 * ADDR_NO_RANDOMIZE): a fixed-address program (ET_EXEC) where its headers say; a PIE
 * program at the PIE base; the brk heap from the first page after .bss (plus brk's
 * random offset); the mmap area from the mmap base; the stack below the stack top (1 MiB
 * reserved at start, grown on demand up to 8 MiB).
 *
 * A dynamically linked program (PT_INTERP) is mapped as above and its interpreter (the
 * dynamic linker, an ET_DYN object) at the first free range of the mmap area; execution
 * starts at the interpreter's entry, and the auxiliary vector tells it where the program
 * is (AT_PHDR, AT_ENTRY) and where it itself was loaded (AT_BASE), as Linux's binfmt_elf
 * does. An ET_DYN without an interpreter (the dynamic linker run as a program, a static
 * PIE) goes into the mmap area too and its brk to the PIE base, as Linux places them so
 * that brk cannot run into the libraries. The sigreturn trampoline page ([vdso]) is the
 * next mmap-area page.
 *
 * The read-only segments of a program or interpreter read from a file (its text, above all)
 * map that file's pages through the page cache (pagecache.ts), as Linux maps them from the
 * file: every process running the same file, and every exec of it, maps the same physical
 * pages, so they are read from the file once, and the machine's decoded and compiled code
 * for them (kept per physical page) survives from one exec to the next. Writable segments
 * get private copies as before; a debugger's breakpoint or an mprotect to writable gives
 * the process its own copy first (vm.ts).
 */

import { ADDR_NO_RANDOMIZE, chooseLayout, hostEntropy, type ExecEntropy } from './aslr.js';
import { ElfError, ET_DYN, parseElf, type ElfImage } from './elf.js';
import { fileStamp } from './pagecache.js';
import { PAGE_SIZE } from './pmm.js';
import { AddressSpace, pageDown, pageUp, ProcessMemory, Prot, type MappingSource, type Region } from './vm.js';
import { Errno, SyscallError } from './errno.js';

/**
 * The stack region exec maps below what it writes there (the rest grows on fault up to
 * STACK_MAX), as Linux's 128 KiB: the region is committed memory (memory-admission.ts), so
 * a larger one would count megabytes no program touched against every process's user.
 */
export const STACK_INITIAL = 128 * 1024;
/** Most bytes of argument and environment strings (like Linux's ARG_MAX share of the stack). */
export const ARG_MAX = 256 * 1024;

// Auxiliary vector tags.
export const AT = {
  NULL: 0, PHDR: 3, PHENT: 4, PHNUM: 5, PAGESZ: 6, BASE: 7, FLAGS: 8, ENTRY: 9, UID: 11, EUID: 12,
  GID: 13, EGID: 14, PLATFORM: 15, HWCAP: 16, CLKTCK: 17, SECURE: 23, RANDOM: 25, HWCAP2: 26,
  EXECFN: 31, MINSIGSTKSZ: 51,
} as const;

/** The CPU's ID registers that AT_HWCAP/AT_HWCAP2 are derived from (as Linux's cpufeature.c does). */
export interface CpuIdRegisters {
  pfr0: bigint;
  isar0: bigint;
  isar1: bigint;
}

/** ID register field [shift+3:shift] (unsigned). */
function idField(reg: bigint, shift: number): number {
  return Number((reg >> BigInt(shift)) & 0xfn);
}

/**
 * AT_HWCAP and AT_HWCAP2 for these ID registers, bit for bit as Linux computes them
 * (arch/arm64/include/uapi/asm/hwcap.h), for the features the machine can report.
 */
export function hwcaps(id: CpuIdRegisters): { hwcap: number; hwcap2: number } {
  let hwcap = 0;
  let hwcap2 = 0;
  const fp = idField(id.pfr0, 16);
  const simd = idField(id.pfr0, 20);
  if (fp !== 0xf) hwcap |= 1 << 0; // FP
  if (simd !== 0xf) hwcap |= 1 << 1; // ASIMD
  if (fp === 1) hwcap |= 1 << 9; // FPHP
  if (simd === 1) hwcap |= 1 << 10; // ASIMDHP
  const aes = idField(id.isar0, 4);
  if (aes >= 1) hwcap |= 1 << 3; // AES
  if (aes >= 2) hwcap |= 1 << 4; // PMULL
  if (idField(id.isar0, 8) >= 1) hwcap |= 1 << 5; // SHA1
  const sha2 = idField(id.isar0, 12);
  if (sha2 >= 1) hwcap |= 1 << 6; // SHA2
  if (sha2 >= 2) hwcap |= 1 << 21; // SHA512
  if (idField(id.isar0, 16) >= 1) hwcap |= 1 << 7; // CRC32
  if (idField(id.isar0, 20) >= 2) hwcap |= 1 << 8; // ATOMICS
  if (idField(id.isar0, 28) >= 1) hwcap |= 1 << 12; // ASIMDRDM
  if (idField(id.isar0, 32) >= 1) hwcap |= 1 << 17; // SHA3
  if (idField(id.isar0, 44) >= 1) hwcap |= 1 << 20; // ASIMDDP
  if (idField(id.isar0, 48) >= 1) hwcap |= 1 << 23; // ASIMDFHM
  const flagm = idField(id.isar0, 52);
  if (flagm >= 1) hwcap |= 1 << 27; // FLAGM
  if (flagm >= 2) hwcap2 |= 1 << 7; // FLAGM2
  if (idField(id.isar0, 60) >= 1) hwcap2 |= 1 << 16; // RNG
  const dpb = idField(id.isar1, 0);
  if (dpb >= 1) hwcap |= 1 << 16; // DCPOP
  if (dpb >= 2) hwcap2 |= 1 << 0; // DCPODP
  if (idField(id.isar1, 12) >= 1) hwcap |= 1 << 13; // JSCVT
  if (idField(id.isar1, 16) >= 1) hwcap |= 1 << 14; // FCMA
  const lrcpc = idField(id.isar1, 20);
  if (lrcpc >= 1) hwcap |= 1 << 15; // LRCPC
  if (lrcpc >= 2) hwcap |= 1 << 26; // ILRCPC
  if (idField(id.isar1, 32) >= 1) hwcap2 |= 1 << 8; // FRINT
  if (idField(id.isar1, 36) >= 1) hwcap |= 1 << 29; // SB
  return { hwcap: hwcap >>> 0, hwcap2: hwcap2 >>> 0 };
}

/** The ID registers of the CPU the address space's machine has. */
export function cpuIdOf(machine: AddressSpace['machine']): CpuIdRegisters {
  return {
    pfr0: machine.readSysReg('ID_AA64PFR0_EL1'),
    isar0: machine.readSysReg('ID_AA64ISAR0_EL1'),
    isar1: machine.readSysReg('ID_AA64ISAR1_EL1'),
  };
}

/**
 * An executable's bytes and, when they were read from a file, that file's inode: its
 * read-only segments then map the file's cached pages (see the file comment).
 */
export interface ExecFile {
  data: Uint8Array;
  inode?: { size(): number; mtimeMs: number; contentVersion?: number } | null;
}

/** Reads an interpreter by path; throws SyscallError (ENOENT, EACCES...) like exec's own lookup. */
export type InterpreterReader = (path: string) => Uint8Array | ExecFile;

function execFile(file: Uint8Array | ExecFile): ExecFile {
  return file instanceof Uint8Array ? { data: file } : file;
}

/**
 * The image's bytes as a mapping source for its read-only segments: the page cache's key is
 * the inode and its stamp the file's version when exec read it, so pages filled from
 * these bytes are shared only with mappings of the same version of the file.
 */
function imageSource(file: ExecFile): MappingSource | undefined {
  const inode = file.inode;
  if (!inode) return undefined;
  const data = file.data;
  const source: MappingSource = {
    writable: false,
    inode,
    stamp: fileStamp(inode),
    readAt: (offset, length) => data.subarray(Math.min(offset, data.length), Math.min(offset + length, data.length)),
    pwrite: () => {
      throw new SyscallError(Errno.EBADF);
    },
    stat: () => ({ size: data.length }),
    retain: () => source,
    release: () => undefined,
  };
  return source;
}

/** A refused exec. `message` is the one line a user sees: `exec: <path>: <reason>`. */
export class ExecError extends Error {
  constructor(readonly errno: Errno, readonly reason: string, readonly path?: string) {
    super(path === undefined ? reason : `exec: ${path}: ${reason}`);
  }
}

/** The sigreturn trampoline ([vdso] page): mov x8, #139; svc #0. Used when a handler has no SA_RESTORER. */
const TRAMPOLINE_CODE = new Uint8Array([0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4]);

export interface LoadedProgram {
  entry: number;
  sp: number;
  brk: number;
  image: ElfImage;
  /** The auxiliary vector as written on the stack (key/value u64 pairs up to AT_NULL): what /proc/PID/auxv and gdb's qXfer:auxv read. */
  auxv: Uint8Array;
}

export interface ExecIdentity {
  uid: number;
  gid: number;
  /** The process's personality(2): ADDR_NO_RANDOMIZE turns layout randomisation off. */
  personality?: number;
  /** Where the layout's offsets and AT_RANDOM come from (the kernel's, seeded or not). */
  entropy?: ExecEntropy;
  /** False when the kernel was booted without randomisation (`run -R`). */
  randomize?: boolean;
}

/**
 * Whether segment i can map its file's pages as they are: read-only, all of it from the file
 * (no zero-filled tail), at a page offset matching its address, and alone on its pages (a page
 * two segments share is filled with both and their joint permissions).
 */
function mapsFilePages(segments: ElfImage['segments'], i: number, fileSize: number): boolean {
  const s = segments[i];
  if (s.prot & Prot.WRITE || s.filesz !== s.memsz || s.filesz === 0) return false;
  if ((s.vaddr & (PAGE_SIZE - 1)) !== (s.offset & (PAGE_SIZE - 1)) || s.offset + s.filesz > fileSize) return false;
  const prev = segments[i - 1];
  const next = segments[i + 1];
  if (prev && pageUp(prev.vaddr + prev.memsz) > pageDown(s.vaddr)) return false;
  if (next && pageDown(next.vaddr) < pageUp(s.vaddr + s.memsz)) return false;
  return true;
}

/** Maps the image's segments into vm (lazily), an ET_DYN image at `base`, and returns the load bias. */
function mapSegments(vm: AddressSpace, image: ElfImage, exe: ExecFile, path: string, base: number): number {
  const bias = image.type === ET_DYN ? base - pageDown(image.low) : 0;
  const file = exe.data;
  const source = imageSource(exe);
  let prev: Region | undefined;
  for (let i = 0; i < image.segments.length; i++) {
    const s = image.segments[i];
    const va = s.vaddr + bias;
    let start = pageDown(va);
    const end = pageUp(va + s.memsz);
    if (source && mapsFilePages(image.segments, i, file.length)) {
      prev = vm.addRegion({ start, end, prot: s.prot, kind: s.prot & Prot.EXEC ? 'text' : 'data', name: path, shared: false, source, offset: pageDown(s.offset) });
      continue;
    }
    const data = file.subarray(s.offset, s.offset + s.filesz);
    if (prev && start < prev.end) {
      // This segment shares its first page with the previous one: fill that page now with
      // both segments' bytes and the union of their permissions.
      const shared = start;
      if (vm.lookup(shared) < 0 && !vm.populate(prev, shared)) throw new ExecError(Errno.ENOMEM, 'out of memory');
      const pa = vm.lookup(shared);
      const to = Math.min(shared + PAGE_SIZE, va + s.filesz);
      if (to > va) vm.machine.memory.write(pa + (va - shared), data.subarray(0, to - va));
      vm.setPageProt(shared, prev.prot | s.prot);
      start = prev.end;
      if (start >= end) continue;
    }
    prev = vm.addRegion({
      start, end, prot: s.prot, kind: s.prot & Prot.EXEC ? 'text' : 'data', name: path, shared: false,
      data, dataVa: va, offset: pageDown(s.offset),
    });
  }
  return bias;
}

/**
 * Loads an executable into an empty address space and writes the initial stack.
 * Throws ExecError (ENOEXEC with the parser's reason, E2BIG, ENOMEM).
 */
export function loadProgram(
  vm: AddressSpace,
  exe: Uint8Array | ExecFile,
  path: string,
  argv: readonly string[],
  envp: readonly string[],
  id: ExecIdentity = { uid: 0, gid: 0 },
  readInterpreter?: InterpreterReader,
  cpu: CpuIdRegisters = cpuIdOf(vm.machine),
): LoadedProgram {
  const program = execFile(exe);
  const file = program.data;
  let image: ElfImage;
  try {
    image = parseElf(file);
  } catch (e) {
    if (e instanceof ElfError) throw new ExecError(Errno.ENOEXEC, e.reason);
    throw e;
  }
  // The interpreter is read and checked before anything is mapped, so a refusal changes nothing.
  let interp: { image: ElfImage; file: ExecFile } | undefined;
  if (image.interp !== undefined) interp = loadInterpreter(image.interp, readInterpreter);
  const entropy = id.entropy ?? hostEntropy;
  const layout = chooseLayout(entropy, id.randomize !== false && !((id.personality ?? 0) & ADDR_NO_RANDOMIZE));
  vm.mmapBase = layout.mmapBase;
  const enc = new TextEncoder();
  const strings = [...argv, ...envp].map((s) => enc.encode(s + '\0'));
  const stringBytes = strings.reduce((n, s) => n + s.length, 0);
  if (stringBytes > ARG_MAX) throw new ExecError(Errno.E2BIG, 'argument list too long');
  // What exec writes (skew, strings, pointers, auxv, a program header copy) fits above STACK_INITIAL.
  const written = layout.stackSkew + stringBytes + path.length + 8 * (strings.length + 64) + image.phnum * image.phentsize + 256;
  const stackSize = pageUp(written) + STACK_INITIAL;
  // The stack first, so that the mmap area's gaps keep clear of the room it may grow into.
  vm.addRegion({ start: layout.stackTop - stackSize, end: layout.stackTop, prot: Prot.READ | Prot.WRITE, kind: 'stack', name: '[stack]', shared: false, offset: 0, growsDown: true });
  const mmapGap = (img: ElfImage): number => {
    const at = vm.findGap(pageUp(img.high) - pageDown(img.low), layout.mmapBase);
    if (at < 0) throw new ExecError(Errno.ENOMEM, 'out of memory');
    return at;
  };
  const loaderLike = image.type === ET_DYN && image.interp === undefined;
  const bias = mapSegments(vm, image, program, path, image.type !== ET_DYN ? 0 : loaderLike ? mmapGap(image) : layout.pieBase);
  const brk = loaderLike ? layout.pieBase + layout.brkOffset : pageUp(image.high + bias) + layout.brkOffset;
  let interpBias = 0;
  if (interp) {
    const base = interp.image.type === ET_DYN ? mmapGap(interp.image) : 0;
    interpBias = mapSegments(vm, interp.image, interp.file, image.interp!, base);
  }
  vm.brkStart = vm.brk = brk;
  const vdso = vm.findGap(PAGE_SIZE, layout.mmapBase);
  if (vdso < 0) throw new ExecError(Errno.ENOMEM, 'out of memory');
  vm.sigreturnTrampoline = vdso;
  vm.addRegion({ start: vdso, end: vdso + PAGE_SIZE, prot: Prot.READ | Prot.EXEC, kind: 'text', name: '[vdso]', shared: false, offset: 0, data: TRAMPOLINE_CODE, dataVa: vdso });

  const mem = new ProcessMemory(vm);
  try {
    let sp = layout.stackTop - layout.stackSkew;
    const push = (bytes: Uint8Array): number => {
      sp -= bytes.length;
      mem.write(sp, bytes);
      return sp;
    };
    const execfn = push(enc.encode(path + '\0'));
    const platform = push(enc.encode('aarch64\0'));
    const ptrs = strings.map((s) => push(s));
    sp -= sp % 16;
    const random = push(entropy.bytes(16));
    let phdr = image.phdrVaddr !== undefined ? image.phdrVaddr + bias : 0;
    if (image.phdrVaddr === undefined) {
      // No segment maps the program headers: give the program a copy on the stack.
      phdr = push(file.subarray(image.phoff, image.phoff + image.phnum * image.phentsize));
    }
    sp -= sp % 16;
    const caps = hwcaps(cpu);
    const aux: [number, number][] = [
      [AT.PHDR, phdr], [AT.PHENT, image.phentsize], [AT.PHNUM, image.phnum], [AT.PAGESZ, PAGE_SIZE],
      [AT.BASE, interp ? pageDown(interp.image.low) + interpBias : 0], [AT.FLAGS, 0], [AT.ENTRY, image.entry + bias],
      [AT.UID, id.uid], [AT.EUID, id.uid], [AT.GID, id.gid], [AT.EGID, id.gid], [AT.PLATFORM, platform],
      [AT.HWCAP, caps.hwcap], [AT.CLKTCK, 100], [AT.SECURE, 0], [AT.RANDOM, random], [AT.HWCAP2, caps.hwcap2],
      [AT.EXECFN, execfn], [AT.MINSIGSTKSZ, 5120], [AT.NULL, 0],
    ];
    const words: number[] = [argv.length];
    for (let i = 0; i < argv.length; i++) words.push(ptrs[i]);
    words.push(0);
    for (let i = 0; i < envp.length; i++) words.push(ptrs[argv.length + i]);
    words.push(0);
    for (const [k, v] of aux) words.push(k, v);
    if (words.length % 2) words.push(0);
    const block = Buffer.alloc(words.length * 8);
    words.forEach((w, i) => block.writeBigUInt64LE(BigInt(w), i * 8));
    // argc must sit at the 16-byte aligned SP; padding (if any) goes after auxv.
    sp -= block.length;
    sp -= sp % 16;
    mem.write(sp, block);
    const entry = interp ? interp.image.entry + interpBias : image.entry + bias;
    const auxv = Buffer.alloc(aux.length * 16);
    aux.forEach(([k, v], i) => {
      auxv.writeBigUInt64LE(BigInt(k), i * 16);
      auxv.writeBigUInt64LE(BigInt(v), i * 16 + 8);
    });
    return { entry, sp, brk, image, auxv };
  } catch (e) {
    if (e instanceof SyscallError) throw new ExecError(e.errno === Errno.EFAULT ? Errno.E2BIG : e.errno, e.errno === Errno.ENOMEM ? 'out of memory' : 'argument list too long');
    throw e;
  }
}

/**
 * Reads and checks the interpreter a program names. A missing one is ENOENT
 * (`interpreter /lib/ld-linux-aarch64.so.1 not found`); one that is not an AArch64 ELF
 * object, or wants an interpreter itself, is ENOEXEC with the reason.
 */
function loadInterpreter(path: string, read: InterpreterReader | undefined): { image: ElfImage; file: ExecFile } {
  if (!read) throw new ExecError(Errno.ENOENT, `interpreter ${path} not found`);
  let file: ExecFile;
  try {
    file = execFile(read(path));
  } catch (e) {
    if (e instanceof SyscallError) {
      if (e.errno === Errno.ENOENT || e.errno === Errno.ENOTDIR) throw new ExecError(Errno.ENOENT, `interpreter ${path} not found`);
      throw new ExecError(e.errno, `interpreter ${path}: ${e.errno === Errno.EACCES ? 'Permission denied' : e.errno === Errno.ELOOP ? 'Too many levels of symbolic links' : `error ${e.errno}`}`);
    }
    throw e;
  }
  let image: ElfImage;
  try {
    image = parseElf(file.data);
  } catch (e) {
    if (e instanceof ElfError) throw new ExecError(Errno.ENOEXEC, `interpreter ${path}: ${e.reason}`);
    throw e;
  }
  if (image.interp !== undefined) throw new ExecError(Errno.ENOEXEC, `interpreter ${path}: itself names an interpreter (${image.interp})`);
  return { image, file };
}
