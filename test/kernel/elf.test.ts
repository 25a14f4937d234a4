import t from 'tap';
import { Errno } from '../../kernel/errno.js';
import { ElfError, ET_DYN, ET_EXEC, parseElf, PT_LOAD } from '../../kernel/elf.js';
import { ExecError } from '../../kernel/exec.js';
import { Prot } from '../../kernel/vm.js';
import { boot, ktBinary, readBinary, run, start } from './kernel-helpers.js';

const syscalls = readBinary(ktBinary('syscalls'));

/** Program header i's file offset in an ELF image. */
function phdr(file: Uint8Array, i: number): number {
  const v = new DataView(file.buffer, file.byteOffset);
  return Number(v.getBigUint64(32, true)) + i * 56;
}
function loadIndexes(file: Uint8Array): number[] {
  const v = new DataView(file.buffer, file.byteOffset);
  const out: number[] = [];
  for (let i = 0; i < v.getUint16(56, true); i++) if (v.getUint32(phdr(file, i), true) === PT_LOAD) out.push(i);
  return out;
}
function patched(fn: (v: DataView, f: Uint8Array) => void): Uint8Array {
  const f = syscalls.slice();
  fn(new DataView(f.buffer), f);
  return f;
}

function reason(file: Uint8Array): string {
  try {
    parseElf(file);
    return 'accepted';
  } catch (e) {
    if (e instanceof ElfError) return e.reason;
    throw e;
  }
}

t.test('real executables parse: GNU ld, lld with unaligned segment offsets, static-PIE, static glibc', (t) => {
  const ld = parseElf(syscalls);
  t.equal(ld.type, ET_EXEC);
  t.ok(ld.segments.some((s) => s.prot === (Prot.READ | Prot.EXEC)), 'a read-only executable text segment');
  t.ok(ld.segments.every((s) => !(s.prot & Prot.WRITE) || !(s.prot & Prot.EXEC)), 'no writable+executable segment');
  t.equal(ld.low, 0x400000, 'text from 0x400000');

  const lld = parseElf(readBinary(ktBinary('bigbss-lld')));
  t.ok(lld.segments.some((s) => s.offset % 4096 !== 0 && s.offset % 4096 === s.vaddr % 4096), 'lld puts segments at non-page-aligned file offsets');
  const bss = lld.segments.find((s) => s.memsz > s.filesz + 40 * 1024 * 1024);
  t.ok(bss, 'a segment with a 48 MiB .bss (memsz >> filesz)');

  const pie = parseElf(readBinary(ktBinary('sleeper-pie')));
  t.equal(pie.type, ET_DYN);
  t.equal(pie.low, 0);
  const glibc = parseElf(readBinary(ktBinary('glibc-hello')));
  t.ok(glibc.phdrVaddr !== undefined, 'program headers are mapped (AT_PHDR for glibc TLS setup)');
  t.end();
});

t.test('malformed and foreign files are refused with a clear one-line reason', (t) => {
  const loads = loadIndexes(syscalls);
  t.ok(loads.length >= 2, 'test binary has two PT_LOAD segments');
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['empty', new Uint8Array(0), /^not an ELF file$/],
    ['text file', new TextEncoder().encode('#!/bin/sh\necho hi\n'), /^not an ELF file$/],
    ['truncated header', syscalls.slice(0, 40), /^truncated ELF header$/],
    ['truncated program headers', syscalls.slice(0, 64 + 30), /^truncated \(program headers past end of file\)$/],
    ['truncated segment', syscalls.slice(0, 2000), /^truncated \(segment \d+ extends past end of file\)$/],
    ['32-bit class', patched((_, f) => (f[4] = 1)), /^not a 64-bit ELF file/],
    ['big-endian', patched((_, f) => (f[5] = 2)), /^not a little-endian ELF file$/],
    ['x86-64 machine', patched((v) => v.setUint16(18, 62, true)), /^wrong machine \(e_machine 62, expected AArch64\)$/],
    ['relocatable object', patched((v) => v.setUint16(16, 1, true)), /^not an executable \(e_type 1\)$/],
    ['overlapping segments', patched((v) => {
      const first = phdr(syscalls, loads[0]);
      v.setBigUint64(phdr(syscalls, loads[1]) + 16, v.getBigUint64(first + 16, true) + 16n, true);
    }), /^overlapping segments$/],
    ['huge memsz', patched((v) => v.setBigUint64(phdr(syscalls, loads[1]) + 40, 1n << 40n, true)), /^segment \d+: memory size 0x10000000000 too large$/],
    ['filesz > memsz', patched((v) => v.setBigUint64(phdr(syscalls, loads[0]) + 40, 4n, true)), /file size larger than memory size/],
    ['entry outside text', patched((v) => v.setBigUint64(24, 0x9000000n, true)), /^entry point 0x9000000 is not in an executable segment$/],
    ['PT_INTERP without a NUL-terminated path', patched((v) => v.setUint32(phdr(syscalls, loads[0]), 3, true)), /^bad PT_INTERP (path|segment)$/],
    ['segment above mmap base', patched((v) => v.setBigUint64(phdr(syscalls, loads[1]) + 16, 0x1fff0000n, true)), /above 0x10000000|image too large/],
    ['no program headers', patched((v) => v.setUint16(56, 0, true)), /^no program headers$/],
  ];
  for (const [name, file, want] of cases) t.match(reason(file), want, name);
  t.end();
});

t.test('exec refuses bad files with `exec: <path>: <reason>` and ENOEXEC while other processes keep running', async (t) => {
  const b = boot();
  const free0 = b.kernel.pmm.freePages;
  const sleeper = start(b, ktBinary('sleeper'), ['150']);
  sleeper.stdin.end();
  const bad = patched((v) => v.setUint16(18, 62, true));
  b.vfs.writeFile('/bin/bad', bad, { mode: 0o755 });
  b.vfs.writeFile('/bin/trunc', syscalls.slice(0, 2000), { mode: 0o755 });
  b.vfs.writeFile('/bin/huge', patched((v) => v.setBigUint64(phdr(syscalls, loadIndexes(syscalls)[1]) + 40, 1n << 40n, true)), { mode: 0o755 });
  for (const [path, want] of [
    ['/bin/bad', 'exec: /bin/bad: wrong machine (e_machine 62, expected AArch64)'],
    ['/bin/trunc', 'exec: /bin/trunc: truncated (segment 0 extends past end of file)'],
    ['/bin/huge', 'exec: /bin/huge: segment 1: memory size 0x10000000000 too large'],
  ]) {
    let err: unknown;
    try {
      b.kernel.spawn(path, [path], []);
    } catch (e) {
      err = e;
    }
    t.ok(err instanceof ExecError, `${path} refused`);
    t.equal((err as ExecError).errno, Errno.ENOEXEC);
    t.equal((err as Error).message, want, 'the exec line');
  }
  t.throws(() => b.kernel.spawn('/bin/missing', ['missing'], []), new ExecError(Errno.ENOENT, 'No such file or directory', '/bin/missing'));
  t.equal(b.kernel.processes.size, 1, 'refused programs leave no process behind');
  const exit = await sleeper.proc.exited;
  t.equal(sleeper.stdout(), 'slept\n', 'the running process was not disturbed');
  t.equal(exit.code, 0);
  t.equal(b.kernel.pmm.freePages, free0, 'every page (refused images included) came back');
  t.end();
});

t.test('segments load at any file offset, .bss is zero, PIE loads at a page the kernel chose', async (t) => {
  const b = boot({ ramSize: 128 * 1024 * 1024 });
  const shared = parseElf(readBinary(ktBinary('bigbss-sharedpage')));
  t.equal(Math.floor(shared.segments[0].vaddr / 4096), Math.floor(shared.segments[1].vaddr / 4096), 'bigbss-sharedpage: two segments in one page');
  for (const name of ['bigbss', 'bigbss-lld', 'bigbss-sharedpage']) {
    const r = await run(b, ktBinary(name));
    t.equal(r.stdout, 'bigbss: data intact\nbigbss: bss zero\nbigbss: sum 1128\n', name);
    t.equal(r.exit.code, 0);
  }
  const s = start(b, ktBinary('sleeper-pie'), ['100']);
  s.stdin.end();
  await new Promise((r) => setTimeout(r, 30));
  const maps = b.vfs.readText(`/proc/${s.proc.pid}/maps`);
  // Where is the kernel's (randomised) choice: only the mapping's shape is the program's.
  t.match(maps, /^[0-9a-f]{8,}000-[0-9a-f]{8,}000 r-xp 00000000 00:00 0 +\/bin\/sleeper-pie$/m, 'PIE text page-aligned in /proc/<pid>/maps');
  t.match(maps, /\[stack\]/);
  await s.proc.exited;
  t.equal(s.stdout(), 'slept\n');
  t.end();
});
