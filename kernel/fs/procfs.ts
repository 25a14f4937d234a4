/**
 * /proc, read from the core through ProcessInfoSource: /proc/self, /proc/<pid>/{maps,status,
 * cmdline,comm,exe,cwd,fd/}, /proc/meminfo, /proc/cpuinfo, /proc/uptime, /proc/version,
 * /proc/mounts. File contents are generated when the file is opened (a snapshot), in the
 * formats Linux uses.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_RDONLY, makedev } from './constants.js';
import { FixedSymlink, StaticDir } from './devfs.js';
import { RegularFile, type OpenFile } from './file.js';
import { FileInode, SymlinkInode, type Inode, type Stat } from './inode.js';
import type { FsProcess, MemoryRegion, ProcessInfo, ProcessInfoSource } from './process.js';

export const PROCFS_DEV = makedev(0, 20);

/** A fixed byte string posing as a file (what a /proc file's open returns). */
class SnapshotInode extends FileInode {
  constructor(private readonly origin: Inode, private readonly bytes: Uint8Array) {
    super(origin.dev, origin.ino, origin.mode, origin.uid, origin.gid);
  }
  size(): number {
    return this.bytes.length;
  }
  override stat(): Stat {
    return { ...this.origin.stat(), size: 0, blocks: 0 };
  }
  read(offset: number, length: number): Uint8Array {
    return this.bytes.slice(offset, offset + Math.max(0, length));
  }
}

/** A /proc file: content generated at open. */
export class ProcFile extends FileInode {
  constructor(ino: number, private readonly generate: (proc: FsProcess | null) => string, uid = 0, gid = 0) {
    super(PROCFS_DEV, ino, 0o444, uid, gid);
  }
  size(): number {
    return 0;
  }
  read(offset: number, length: number): Uint8Array {
    return Buffer.from(this.generate(null)).subarray(offset, offset + length);
  }
  override open(flags: number, path: string, proc: FsProcess | null): OpenFile {
    if ((flags & 3) !== O_RDONLY) throw new SyscallError(Errno.EACCES);
    return new RegularFile(new SnapshotInode(this, Buffer.from(this.generate(proc))), flags, path);
  }
}

/** /proc/<pid>/fd/<n>: names the open file; opening it reopens that file (Vfs handles it). */
export class FdLink extends SymlinkInode {
  constructor(ino: number, readonly pid: number, readonly fd: number) {
    super(PROCFS_DEV, ino, 0o700);
  }
  /** The open file, if the caller is that process and the fd is open. */
  file(proc: FsProcess | null): OpenFile | undefined {
    if (!proc || proc.pid !== this.pid || !proc.files.has(this.fd)) return undefined;
    return proc.files.get(this.fd);
  }
  readlink(proc: FsProcess | null): string {
    const f = this.file(proc);
    if (!f) throw new SyscallError(Errno.ENOENT);
    return f.path;
  }
}

/** "08:01" for an st_dev value, as /proc/<pid>/maps shows a file mapping's device. */
export function deviceString(dev: number): string {
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** One line of /proc/<pid>/maps, exactly as Linux prints it. */
export function formatMapsLine(r: MemoryRegion): string {
  const head = `${hex(r.start, 8)}-${hex(r.end, 8)} ${r.perms} ${hex(r.offset ?? 0, 8)} ${r.device ?? '00:00'} ${r.inode ?? 0} `;
  return r.name ? head.padEnd(72) + ' ' + r.name + '\n' : head + '\n';
}

export function formatMaps(regions: MemoryRegion[]): string {
  return [...regions].sort((a, b) => a.start - b.start).map(formatMapsLine).join('');
}

const STATES: Record<string, string> = {
  R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', Z: 'Z (zombie)', X: 'X (dead)',
};

function kb(n: number): string {
  return `${String(Math.round(n)).padStart(8)} kB`;
}

export function formatStatus(p: ProcessInfo, umask = 0o022): string {
  const regions = p.regions();
  const vmSize = p.vmSizeKb ?? regions.reduce((s, r) => s + (r.end - r.start), 0) / 1024;
  const vmRss = p.vmRssKb ?? vmSize;
  const sum = (pred: (r: MemoryRegion) => boolean): number =>
    regions.filter(pred).reduce((s, r) => s + (r.end - r.start), 0) / 1024;
  const lines = [
    `Name:\t${p.name.slice(0, 15)}`,
    `Umask:\t${umask.toString(8).padStart(4, '0')}`,
    `State:\t${STATES[p.state] ?? p.state}`,
    `Tgid:\t${p.pid}`,
    `Ngid:\t0`,
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    `TracerPid:\t0`,
    `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`,
    `Gid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}`,
    `FDSize:\t64`,
    `Groups:\t`,
    `VmPeak:\t${kb(vmSize)}`,
    `VmSize:\t${kb(vmSize)}`,
    `VmLck:\t${kb(0)}`,
    `VmHWM:\t${kb(vmRss)}`,
    `VmRSS:\t${kb(vmRss)}`,
    `VmData:\t${kb(sum((r) => r.perms.startsWith('rw') && r.name !== '[stack]'))}`,
    `VmStk:\t${kb(sum((r) => r.name === '[stack]'))}`,
    `VmExe:\t${kb(sum((r) => r.perms.includes('x')))}`,
    `Threads:\t${p.threads ?? 1}`,
    `SigQ:\t0/0`,
    `Cpus_allowed:\t1`,
    `Cpus_allowed_list:\t0`,
  ];
  return lines.join('\n') + '\n';
}

export function formatMeminfo(totalKb: number, freeKb: number, availableKb = freeKb): string {
  const row = (label: string, v: number): string => `${(label + ':').padEnd(16)}${String(Math.round(v)).padStart(8)} kB\n`;
  return (
    row('MemTotal', totalKb) + row('MemFree', freeKb) + row('MemAvailable', availableKb) + row('Buffers', 0) +
    row('Cached', 0) + row('SwapCached', 0) + row('Active', totalKb - freeKb) + row('Inactive', 0) +
    row('SwapTotal', 0) + row('SwapFree', 0) + row('Shmem', 0)
  );
}

export const CPUINFO =
  'processor\t: 0\n' +
  'BogoMIPS\t: 100.00\n' +
  'Features\t: fp asimd cpuid\n' +
  'CPU implementer\t: 0x41\n' +
  'CPU architecture: 8\n' +
  'CPU variant\t: 0x0\n' +
  'CPU part\t: 0xd03\n' +
  'CPU revision\t: 4\n\n';

export const VERSION = 'Linux version 6.1.0-akuma (akuma@akuma) (akuma-vm) #1 SMP PREEMPT\n';

export const MOUNTS =
  '/dev/vda / ext4 rw,relatime 0 0\n' +
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n' +
  'devtmpfs /dev devtmpfs rw,nosuid 0 0\n' +
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0\n';

/** Builds the /proc root; `source()` is read on every access (the core may attach it late). */
export function createProcfs(source: () => ProcessInfoSource | null, bootMs = Date.now()): StaticDir {
  let nextIno = 100;
  const fixed: Array<[string, Inode]> = [
    ['self', new FixedSymlink(PROCFS_DEV, nextIno++, (proc) => {
      if (!proc) throw new SyscallError(Errno.ENOENT);
      return String(proc.pid);
    })],
    ['meminfo', new ProcFile(nextIno++, () => {
      const m = source()?.memory() ?? { totalKb: 0, freeKb: 0 };
      return formatMeminfo(m.totalKb, m.freeKb, m.availableKb);
    })],
    ['cpuinfo', new ProcFile(nextIno++, () => CPUINFO)],
    ['uptime', new ProcFile(nextIno++, () => {
      const up = source()?.uptime?.() ?? (Date.now() - bootMs) / 1000;
      return `${up.toFixed(2)} ${up.toFixed(2)}\n`;
    })],
    ['version', new ProcFile(nextIno++, () => VERSION)],
    ['mounts', new ProcFile(nextIno++, () => MOUNTS)],
  ];
  const pidDirs = new Map<number, StaticDir>();

  const pidDir = (pid: number): StaticDir => {
    const d = pidDirs.get(pid) ?? makePidDir(pid);
    // Owned by the process's user (fd/ is searchable by its owner only).
    const p = source()?.process(pid);
    if (p) {
      for (const node of [d, ...d.list(null).map(([, n]) => n)]) {
        node.uid = p.uid;
        node.gid = p.gid;
      }
    }
    return d;
  };

  const makePidDir = (pid: number): StaticDir => {
    // Inode numbers in a per-pid range so they are stable.
    const base = 0x10000 + pid * 64;
    const info = (): ProcessInfo => {
      const p = source()?.process(pid);
      if (!p) throw new SyscallError(Errno.ESRCH);
      return p;
    };
    const fdLinks = new Map<number, FdLink>();
    const fdDir = new StaticDir(PROCFS_DEV, base + 10, 0o500, (proc) => {
      if (!proc || proc.pid !== pid) return [];
      return proc.files.fds().map((fd): [string, Inode] => {
        let l = fdLinks.get(fd);
        if (!l) fdLinks.set(fd, (l = new FdLink(base + 32 + (fd % 32) + Math.floor(fd / 32) * 0x100000, pid, fd)));
        return [String(fd), l];
      });
    });
    const entries: Array<[string, Inode]> = [
      ['maps', new ProcFile(base + 1, () => formatMaps(info().regions()))],
      ['status', new ProcFile(base + 2, (proc) => formatStatus(info(), proc?.pid === pid ? proc.umask : undefined))],
      ['cmdline', new ProcFile(base + 3, () => {
        const argv = info().argv;
        return argv.length ? argv.join('\0') + '\0' : '';
      })],
      ['comm', new ProcFile(base + 4, () => info().name.slice(0, 15) + '\n')],
      ['exe', new FixedSymlink(PROCFS_DEV, base + 5, () => info().exe)],
      ['cwd', new FixedSymlink(PROCFS_DEV, base + 6, () => info().cwd)],
      ['fd', fdDir],
    ];
    const d = new StaticDir(PROCFS_DEV, base, 0o555, () => entries);
    pidDirs.set(pid, d);
    return d;
  };

  return new StaticDir(PROCFS_DEV, 1, 0o555, (proc) => {
    const src = source();
    const pids = src ? src.pids() : [];
    // Forget directories of processes that are gone.
    for (const pid of pidDirs.keys()) if (!pids.includes(pid)) pidDirs.delete(pid);
    const list: Array<[string, Inode]> = pids.map((pid) => [String(pid), pidDir(pid)]);
    if (!proc) return [...list, ...fixed.slice(1)];
    return [...list, ...fixed];
  });
}
