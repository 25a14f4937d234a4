/**
 * exec: builds a fresh address space for an ELF image and the initial stack the Linux
 * AArch64 ABI promises (argc, argv, envp, auxv), and returns where to start.
 *
 * Layout (from the bug report): text from 0x400000, the brk heap from the first page after
 * .bss, mmap space from 0x1000_0000, the stack below 0x3FFF_F000 (1 MiB reserved at
 * start, grown on demand up to 8 MiB).
 */

import { randomBytes } from 'node:crypto';
import { ElfError, ET_DYN, parseElf, type ElfImage } from './elf.js';
import { PAGE_SIZE } from './pmm.js';
import { AddressSpace, pageDown, pageUp, ProcessMemory, Prot, type Region } from './vm.js';
import { Errno, SyscallError } from './errno.js';

export const TEXT_BASE = 0x40_0000;
export const MMAP_BASE = 0x1000_0000;
export const STACK_TOP = 0x3fff_f000;
export const STACK_INITIAL = 1024 * 1024;
/** Most bytes of argument and environment strings (like Linux's ARG_MAX share of the stack). */
export const ARG_MAX = 256 * 1024;

// Auxiliary vector tags.
export const AT = {
  NULL: 0, PHDR: 3, PHENT: 4, PHNUM: 5, PAGESZ: 6, BASE: 7, FLAGS: 8, ENTRY: 9, UID: 11, EUID: 12,
  GID: 13, EGID: 14, PLATFORM: 15, HWCAP: 16, CLKTCK: 17, SECURE: 23, RANDOM: 25, HWCAP2: 26,
  EXECFN: 31, MINSIGSTKSZ: 51,
} as const;

/** HWCAP_FP | HWCAP_ASIMD | HWCAP_ATOMICS: what the machine implements. */
export const HWCAP = (1 << 0) | (1 << 1) | (1 << 8);

/** A refused exec. `message` is the one line a user sees: `exec: <path>: <reason>`. */
export class ExecError extends Error {
  constructor(readonly errno: Errno, readonly reason: string, readonly path?: string) {
    super(path === undefined ? reason : `exec: ${path}: ${reason}`);
  }
}

/** The sigreturn trampoline ([vdso] page): mov x8, #139; svc #0. Used when a handler has no SA_RESTORER. */
export const SIGRETURN_TRAMPOLINE = STACK_TOP;
const TRAMPOLINE_CODE = new Uint8Array([0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4]);

export interface LoadedProgram {
  entry: number;
  sp: number;
  brk: number;
  image: ElfImage;
}

export interface ExecIdentity {
  uid: number;
  gid: number;
}

/** Maps the image's segments into vm (lazily) and returns the load bias. */
function mapSegments(vm: AddressSpace, image: ElfImage, file: Uint8Array, path: string): number {
  const bias = image.type === ET_DYN ? TEXT_BASE - pageDown(image.low) : 0;
  let prev: Region | undefined;
  for (const s of image.segments) {
    const va = s.vaddr + bias;
    let start = pageDown(va);
    const end = pageUp(va + s.memsz);
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
  file: Uint8Array,
  path: string,
  argv: readonly string[],
  envp: readonly string[],
  id: ExecIdentity = { uid: 0, gid: 0 },
): LoadedProgram {
  let image: ElfImage;
  try {
    image = parseElf(file);
  } catch (e) {
    if (e instanceof ElfError) throw new ExecError(Errno.ENOEXEC, e.reason);
    throw e;
  }
  const bias = mapSegments(vm, image, file, path);
  const brk = pageUp(image.high + bias);
  vm.brkStart = vm.brk = brk;
  vm.addRegion({ start: SIGRETURN_TRAMPOLINE, end: SIGRETURN_TRAMPOLINE + PAGE_SIZE, prot: Prot.READ | Prot.EXEC, kind: 'text', name: '[vdso]', shared: false, offset: 0, data: TRAMPOLINE_CODE, dataVa: SIGRETURN_TRAMPOLINE });
  vm.addRegion({ start: STACK_TOP - STACK_INITIAL, end: STACK_TOP, prot: Prot.READ | Prot.WRITE, kind: 'stack', name: '[stack]', shared: false, offset: 0, growsDown: true });

  const enc = new TextEncoder();
  const strings = [...argv, ...envp].map((s) => enc.encode(s + '\0'));
  const stringBytes = strings.reduce((n, s) => n + s.length, 0);
  if (stringBytes > ARG_MAX) throw new ExecError(Errno.E2BIG, 'argument list too long');

  const mem = new ProcessMemory(vm);
  try {
    let sp = STACK_TOP;
    const push = (bytes: Uint8Array): number => {
      sp -= bytes.length;
      mem.write(sp, bytes);
      return sp;
    };
    const execfn = push(enc.encode(path + '\0'));
    const platform = push(enc.encode('aarch64\0'));
    const ptrs = strings.map((s) => push(s));
    sp -= sp % 16;
    const random = push(randomBytes(16));
    let phdr = image.phdrVaddr !== undefined ? image.phdrVaddr + bias : 0;
    if (image.phdrVaddr === undefined) {
      // No segment maps the program headers: give the program a copy on the stack.
      phdr = push(file.subarray(image.phoff, image.phoff + image.phnum * image.phentsize));
    }
    sp -= sp % 16;
    const aux: [number, number][] = [
      [AT.PHDR, phdr], [AT.PHENT, image.phentsize], [AT.PHNUM, image.phnum], [AT.PAGESZ, PAGE_SIZE],
      [AT.BASE, 0], [AT.FLAGS, 0], [AT.ENTRY, image.entry + bias], [AT.UID, id.uid], [AT.EUID, id.uid],
      [AT.GID, id.gid], [AT.EGID, id.gid], [AT.PLATFORM, platform], [AT.HWCAP, HWCAP], [AT.CLKTCK, 100],
      [AT.SECURE, 0], [AT.RANDOM, random], [AT.HWCAP2, 0], [AT.EXECFN, execfn], [AT.MINSIGSTKSZ, 5120], [AT.NULL, 0],
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
    return { entry: image.entry + bias, sp, brk, image };
  } catch (e) {
    if (e instanceof SyscallError) throw new ExecError(e.errno === Errno.EFAULT ? Errno.E2BIG : e.errno, e.errno === Errno.ENOMEM ? 'out of memory' : 'argument list too long');
    throw e;
  }
}
