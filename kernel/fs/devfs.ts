/** /dev: null, zero, full, random, urandom, tty, and the std{in,out,err} links. */

import { randomFillSync } from 'node:crypto';
import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, S_IFCHR, makedev } from './constants.js';
import { OpenFile, type PollState } from './file.js';
import { DeviceInode, DirInode, SymlinkInode, type Inode, type Stat } from './inode.js';
import type { FsProcess } from './process.js';
import { TtyFile } from './tty.js';

export const DEVFS_DEV = makedev(0, 5);

/** A read-only directory whose entries come from a function. */
export class StaticDir extends DirInode {
  constructor(dev: number, ino: number, mode: number, private readonly entries: (proc: FsProcess | null) => Array<[string, Inode]>) {
    super(dev, ino, mode);
  }
  lookup(name: string, proc: FsProcess | null): Inode | undefined {
    for (const [n, node] of this.entries(proc)) if (n === name) return node;
    return undefined;
  }
  list(proc: FsProcess | null): Array<[string, Inode]> {
    return this.entries(proc);
  }
}

export class FixedSymlink extends SymlinkInode {
  constructor(dev: number, ino: number, private readonly target: (proc: FsProcess | null) => string) {
    super(dev, ino, 0o777);
  }
  readlink(proc: FsProcess | null): string {
    return this.target(proc);
  }
}

type DeviceKind = 'null' | 'zero' | 'full' | 'random';

/** Largest single read from /dev/zero or /dev/urandom. */
const MAX_DEVICE_READ = 16 * 1024 * 1024;

class SimpleDeviceFile extends OpenFile {
  constructor(private readonly dev: SimpleDevice, flags: number, path: string) {
    super(flags & ~0 , path);
  }
  override get inode(): Inode {
    return this.dev;
  }
  stat(): Stat {
    return this.dev.stat();
  }
  override read(length: number): Uint8Array {
    const n = Math.min(length, MAX_DEVICE_READ);
    switch (this.dev.kind) {
      case 'null':
        return new Uint8Array(0);
      case 'zero':
      case 'full':
        return new Uint8Array(n);
      case 'random':
        return randomFillSync(new Uint8Array(n));
    }
  }
  override write(data: Uint8Array): number {
    if (this.dev.kind === 'full') throw new SyscallError(Errno.ENOSPC);
    return data.length;
  }
  override pread(_offset: number, length: number): Uint8Array {
    return this.read(length);
  }
  override pwrite(_offset: number, data: Uint8Array): number {
    return this.write(data);
  }
  override seek(): number {
    return 0;
  }
  override readAt(_offset: number, length: number): Uint8Array {
    if (this.dev.kind === 'zero') return new Uint8Array(length);
    throw new SyscallError(Errno.ENODEV);
  }
  override sync(): void {
    throw new SyscallError(Errno.EINVAL);
  }
  override poll(): PollState {
    return { readable: true, writable: true, hangup: false };
  }
}

class SimpleDevice extends DeviceInode {
  constructor(ino: number, readonly kind: DeviceKind, minor: number) {
    super(DEVFS_DEV, ino, 0o666);
    this.rdev = makedev(1, minor);
  }
  open(flags: number, path: string): OpenFile {
    return new SimpleDeviceFile(this, flags, path);
  }
}

/** /dev/tty: the caller's controlling terminal, else the terminal among its fds 0..2. */
class ControllingTty extends DeviceInode {
  constructor(ino: number) {
    super(DEVFS_DEV, ino, 0o666);
    this.rdev = makedev(5, 0);
  }
  open(flags: number, _path: string, proc: FsProcess | null): OpenFile {
    let tty = proc?.tty ?? null;
    if (!tty && proc) {
      for (const fd of [0, 1, 2]) {
        const f = proc.files.has(fd) ? proc.files.get(fd) : null;
        if (f instanceof TtyFile) {
          tty = f.tty;
          break;
        }
      }
    }
    if (!tty) throw new SyscallError(Errno.ENXIO);
    return new TtyFile(tty, flags & (O_ACCMODE | 0o4000));
  }
}

export function createDevfs(): DirInode {
  let ino = 2;
  const entries: Array<[string, Inode]> = [
    ['null', new SimpleDevice(ino++, 'null', 3)],
    ['zero', new SimpleDevice(ino++, 'zero', 5)],
    ['full', new SimpleDevice(ino++, 'full', 7)],
    ['random', new SimpleDevice(ino++, 'random', 8)],
    ['urandom', new SimpleDevice(ino++, 'random', 9)],
    ['tty', new ControllingTty(ino++)],
    ['stdin', new FixedSymlink(DEVFS_DEV, ino++, () => '/proc/self/fd/0')],
    ['stdout', new FixedSymlink(DEVFS_DEV, ino++, () => '/proc/self/fd/1')],
    ['stderr', new FixedSymlink(DEVFS_DEV, ino++, () => '/proc/self/fd/2')],
  ];
  return new StaticDir(DEVFS_DEV, 1, 0o755, () => entries);
}

export { S_IFCHR };
