/** A fake process, user memory and syscall context for unit tests of the file syscalls. */

import { Errno, SyscallError } from '../../kernel/errno.js';
import { FileTable } from '../../kernel/fs/filetable.js';
import type { FsProcess } from '../../kernel/fs/process.js';
import type { Vfs } from '../../kernel/fs/vfs.js';
import { FS_SYSCALLS } from '../../kernel/syscalls/fs.js';
import { BLOCKED, type SyscallContext, type SyscallResult, type UserMemory, type Waitable } from '../../kernel/syscalls/context.js';
import { SYSCALL_NUMBERS } from '../../kernel/syscalls/numbers.js';

/** User memory: [BASE, BASE + size) is mapped, everything else faults. */
export class FakeMemory implements UserMemory {
  static readonly BASE = 0x10000;
  readonly bytes: Uint8Array;
  private next = FakeMemory.BASE;
  constructor(size = 4 << 20) {
    this.bytes = new Uint8Array(size);
  }
  private off(addr: number, len: number): number {
    const o = addr - FakeMemory.BASE;
    if (!Number.isFinite(addr) || o < 0 || o + len > this.bytes.length) throw new SyscallError(Errno.EFAULT);
    return o;
  }
  read(addr: number, length: number): Uint8Array {
    const o = this.off(addr, length);
    return this.bytes.slice(o, o + length);
  }
  write(addr: number, data: Uint8Array): void {
    this.bytes.set(data, this.off(addr, data.length));
  }
  readCString(addr: number, max = 4096): string {
    const o = this.off(addr, 1);
    let end = o;
    while (this.bytes[end] !== 0) {
      end++;
      if (end - o >= max) throw new SyscallError(Errno.ENAMETOOLONG);
      this.off(FakeMemory.BASE + end, 1);
    }
    return Buffer.from(this.bytes.subarray(o, end)).toString('utf8');
  }
  readU32(addr: number): number {
    const b = this.read(addr, 4);
    return new DataView(b.buffer).getUint32(0, true);
  }
  readU64(addr: number): bigint {
    const b = this.read(addr, 8);
    return new DataView(b.buffer).getBigUint64(0, true);
  }
  writeU32(addr: number, value: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value >>> 0, true);
    this.write(addr, b);
  }
  writeU64(addr: number, value: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
    this.write(addr, b);
  }
  /** Allocates `size` bytes (8-aligned) and returns the address. */
  alloc(size: number): number {
    const a = this.next;
    this.next += (size + 7) & ~7;
    return a;
  }
  str(s: string): number {
    const b = Buffer.from(s + '\0');
    const a = this.alloc(b.length);
    this.write(a, b);
    return a;
  }
  data(bytes: Uint8Array | string): number {
    const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    const a = this.alloc(Math.max(1, b.length));
    this.write(a, b);
    return a;
  }
}

export interface FakeProc extends FsProcess {
  syscallState?: unknown;
  signals: number[];
}

export function fakeProc(pid = 1, cwd = '/', uid = 0): FakeProc {
  return { pid, files: new FileTable(), cwd, uid, gid: uid, umask: 0o022, signals: [] };
}

type Arg = number | bigint;

/** Runs syscalls by name for one process; `blocked` records what the last BLOCKED waited on. */
export class Caller {
  readonly mem = new FakeMemory();
  blockedOn: Waitable[] | null = null;
  constructor(readonly vfs: Vfs | undefined, readonly proc: FakeProc = fakeProc()) {}

  call(name: keyof typeof SYSCALL_NUMBERS | number, ...args: Arg[]): number | typeof BLOCKED {
    const nr = typeof name === 'number' ? name : SYSCALL_NUMBERS[name];
    const handler = FS_SYSCALLS[nr];
    if (!handler) throw new Error(`no handler for ${String(name)}`);
    const regs = args.map((a) => BigInt.asUintN(64, BigInt(a)));
    while (regs.length < 6) regs.push(0n);
    const self = this;
    const ctx: SyscallContext = {
      kernel: { vfs: this.vfs, signals: { sendSignal: (p: FakeProc, sig: number) => p.signals.push(sig) } },
      proc: this.proc,
      mem: this.mem,
      args: {
        int: (i) => Number(BigInt.asIntN(32, regs[i]!)),
        u32: (i) => Number(BigInt.asUintN(32, regs[i]!)),
        u64: (i) => (regs[i]! >= 1n << 53n ? Infinity : Number(regs[i]!)),
        i64: (i) => Number(BigInt.asIntN(64, regs[i]!)),
        big: (i) => regs[i]!,
      },
      block(on: Waitable | Waitable[] | null): typeof BLOCKED {
        self.blockedOn = on === null ? [] : Array.isArray(on) ? on : [on];
        return BLOCKED;
      },
      fail: (errno, detail) => new SyscallError(errno, detail),
    };
    this.blockedOn = null;
    let r: SyscallResult;
    try {
      r = handler(ctx);
    } catch (e) {
      if (e instanceof SyscallError) return -e.errno;
      throw e;
    }
    return typeof r === 'bigint' ? Number(r) : r;
  }

  /** Like call() but the result must be a number. */
  n(name: keyof typeof SYSCALL_NUMBERS | number, ...args: Arg[]): number {
    const r = this.call(name, ...args);
    if (r === BLOCKED) throw new Error(`${String(name)} blocked`);
    return r;
  }

  /** open(path, flags, mode) relative to the cwd. */
  open(path: string, flags = 0, mode = 0o644): number {
    return this.n('openat', -100, this.mem.str(path), flags, mode);
  }

  /** write(fd, string) */
  write(fd: number, data: string | Uint8Array): number {
    const b = typeof data === 'string' ? Buffer.from(data) : data;
    return this.n('write', fd, this.mem.data(b), b.length);
  }

  /** read(fd, n) as a string, or a negative errno. */
  read(fd: number, n = 65536): string | number | typeof BLOCKED {
    const buf = this.mem.alloc(n);
    const r = this.call('read', fd, buf, n);
    if (r === BLOCKED || r < 0) return r;
    return Buffer.from(this.mem.read(buf, r)).toString('latin1');
  }

  /** newfstatat(AT_FDCWD, path, buf, flags) decoded (mode, size, ino, nlink, uid). */
  stat(path: string, flags = 0): { mode: number; size: number; ino: number; nlink: number; uid: number; rdev: number } | number {
    const buf = this.mem.alloc(128);
    const r = this.n('newfstatat', -100, this.mem.str(path), buf, flags);
    if (r < 0) return r;
    return decodeStat(this.mem.read(buf, 128));
  }
}

export function decodeStat(b: Uint8Array): { mode: number; size: number; ino: number; nlink: number; uid: number; rdev: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    ino: Number(v.getBigUint64(8, true)),
    mode: v.getUint32(16, true),
    nlink: v.getUint32(20, true),
    uid: v.getUint32(24, true),
    rdev: Number(v.getBigUint64(32, true)),
    size: Number(v.getBigInt64(48, true)),
  };
}
