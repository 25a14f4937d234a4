/**
 * /dev: null, zero, full, random, urandom, tty, the std{in,out,err} links, and /dev/pts with
 * a node for each terminal this machine's processes have, so that ttyname(3) (readlink of
 * /proc/self/fd/0, then stat of that path) finds the terminal as on Linux.
 */

import { randomFillSync } from 'node:crypto';
import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, S_IFCHR, makedev } from './constants.js';
import { OpenFile, type PollState } from './file.js';
import { DeviceInode, DirInode, SymlinkInode, type Inode, type Stat } from './inode.js';
import type { FsProcess, ProcessInfoSource } from './process.js';
import { TtyFile, type Tty } from './tty.js';

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

/** /dev/tty: the caller's controlling terminal; ENXIO without one (after setsid, or with no terminal at all), as Linux. */
class ControllingTty extends DeviceInode {
  constructor(ino: number) {
    super(DEVFS_DEV, ino, 0o666);
    this.rdev = makedev(5, 0);
  }
  open(flags: number, _path: string, proc: FsProcess | null): OpenFile {
    const tty = proc?.tty ?? null;
    if (!tty) throw new SyscallError(Errno.ENXIO);
    return new TtyFile(tty, flags & (O_ACCMODE | 0o4000));
  }
}

/** A terminal's /dev/pts/N: the same device (dev, ino, rdev) fstat of an fd on it reports. */
class PtsDevice extends DeviceInode {
  constructor(readonly tty: Tty, uid: number) {
    super(PTS_DEV, tty.ino, 0o620, uid, TTY_GID);
    this.rdev = tty.rdev;
  }
  open(flags: number): OpenFile {
    return new TtyFile(this.tty, flags & (O_ACCMODE | 0o4000));
  }
}

/** The devpts file system's device number, as TtyFile.stat reports it. */
const PTS_DEV = makedev(0, 24);
/** The tty group, which owns every terminal (as Debian's /etc/group has it). */
const TTY_GID = 5;

/** /dev/pts from the machine's terminals; one node per terminal while it has processes. */
function ptsDirectory(source: () => ProcessInfoSource | null): DirInode {
  const nodes = new WeakMap<Tty, PtsDevice>();
  return new StaticDir(PTS_DEV, 1, 0o755, () =>
    (source()?.terminals?.() ?? [])
      .sort((a, b) => a.tty.index - b.tty.index)
      .map(({ tty, uid }) => {
        let node = nodes.get(tty);
        if (!node || node.uid !== uid) nodes.set(tty, (node = new PtsDevice(tty, uid)));
        return [String(tty.index), node] as [string, Inode];
      }),
  );
}

export function createDevfs(source: () => ProcessInfoSource | null = () => null): DirInode {
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
    ['pts', ptsDirectory(source)],
  ];
  return new StaticDir(DEVFS_DEV, 1, 0o755, () => entries);
}

export { S_IFCHR };
