/**
 * /proc, read from the core through ProcessInfoSource: /proc/self, /proc/<pid>/{maps,status,stat,
 * statm,cmdline,comm,exe,cwd,fd/,task/}, /proc/meminfo, /proc/cpuinfo, /proc/uptime, /proc/version,
 * /proc/mounts, /proc/stat, /proc/loadavg. File contents are generated when the file is opened (a snapshot), in the
 * formats Linux uses.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_RDONLY, makedev } from './constants.js';
import { FixedSymlink, StaticDir } from './devfs.js';
import { RegularFile, type OpenFile } from './file.js';
import { FileInode, SymlinkInode, type Inode, type Stat } from './inode.js';
import type { FsProcess, MemoryRegion, ProcessInfo, ProcessInfoSource, SystemStats } from './process.js';

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

/** Linux's magic links: /proc/<pid>/exe and cwd (and fd/<n>, FdLink) jump to an object, not through a path. */
export class ProcMagicLink extends FixedSymlink {}

/** Whether a symlink is a procfs magic link (openat2's RESOLVE_NO_MAGICLINKS and scoped lookups refuse them). */
export function isMagicLink(node: unknown): boolean {
  return node instanceof FdLink || node instanceof ProcMagicLink;
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

/** Linux's capability sets: root holds every one of the 41 (CAP_LAST_CAP 40), other users none. */
const ALL_CAPS = '000001ffffffffff';
const NO_CAPS = '0000000000000000';

function sigset(s: bigint | undefined): string {
  return (s ?? 0n).toString(16).padStart(16, '0');
}

/** /proc/<pid>/status, the lines and order of Linux 6.1 (what `ps`, `top` and people read). */
export function formatStatus(p: ProcessInfo, umask = 0o022): string {
  const regions = p.regions();
  const vmSize = p.vmSizeKb ?? regions.reduce((s, r) => s + (r.end - r.start), 0) / 1024;
  const vmRss = p.vmRssKb ?? vmSize;
  const sum = (pred: (r: MemoryRegion) => boolean): number =>
    regions.filter(pred).reduce((s, r) => s + (r.end - r.start), 0) / 1024;
  const uids = p.uids ?? [p.uid, p.uid, p.uid, p.uid];
  const gids = p.gids ?? [p.gid, p.gid, p.gid, p.gid];
  const caps = uids[1] === 0 ? ALL_CAPS : NO_CAPS;
  const fdSize = p.fdTableSize ?? 64;
  const lines = [
    `Name:\t${p.name.slice(0, 15)}`,
    `Umask:\t${(p.umask ?? umask).toString(8).padStart(4, '0')}`,
    `State:\t${STATES[p.state] ?? p.state}`,
    `Tgid:\t${p.tgid ?? p.pid}`,
    `Ngid:\t0`,
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    `TracerPid:\t0`,
    `Uid:\t${uids.join('\t')}`,
    `Gid:\t${gids.join('\t')}`,
    `FDSize:\t${fdSize}`,
    `Groups:\t${(p.groups ?? []).join(' ')} `,
    `NStgid:\t${p.tgid ?? p.pid}`,
    `NSpid:\t${p.pid}`,
    `NSpgid:\t${p.pgrp ?? p.pid}`,
    `NSsid:\t${p.session ?? p.pid}`,
  ];
  if (p.state !== 'Z') {
    lines.push(
      `VmPeak:\t${kb(vmSize)}`,
      `VmSize:\t${kb(vmSize)}`,
      `VmLck:\t${kb(0)}`,
      `VmPin:\t${kb(0)}`,
      `VmHWM:\t${kb(vmRss)}`,
      `VmRSS:\t${kb(vmRss)}`,
      `RssAnon:\t${kb(vmRss)}`,
      `RssFile:\t${kb(0)}`,
      `RssShmem:\t${kb(0)}`,
      `VmData:\t${kb(sum((r) => r.perms.startsWith('rw') && r.name !== '[stack]'))}`,
      `VmStk:\t${kb(sum((r) => r.name === '[stack]'))}`,
      `VmExe:\t${kb(sum((r) => r.perms.includes('x')))}`,
      `VmLib:\t${kb(0)}`,
      `VmPTE:\t${kb(0)}`,
      `VmSwap:\t${kb(0)}`,
      `HugetlbPages:\t${kb(0)}`,
      `CoreDumping:\t0`,
      `THP_enabled:\t0`,
    );
  }
  lines.push(
    `Threads:\t${p.threads ?? 1}`,
    `SigQ:\t0/${p.sigQueueMax ?? 0}`,
    `SigPnd:\t${sigset(p.sigPending)}`,
    `ShdPnd:\t${sigset(p.sigSharedPending)}`,
    `SigBlk:\t${sigset(p.sigBlocked)}`,
    `SigIgn:\t${sigset(p.sigIgnored)}`,
    `SigCgt:\t${sigset(p.sigCaught)}`,
    `CapInh:\t${NO_CAPS}`,
    `CapPrm:\t${caps}`,
    `CapEff:\t${caps}`,
    `CapBnd:\t${ALL_CAPS}`,
    `CapAmb:\t${NO_CAPS}`,
    `NoNewPrivs:\t0`,
    `Seccomp:\t0`,
    `Seccomp_filters:\t0`,
    `Cpus_allowed:\t1`,
    `Cpus_allowed_list:\t0`,
    `Mems_allowed:\t1`,
    `Mems_allowed_list:\t0`,
    `voluntary_ctxt_switches:\t${p.voluntarySwitches ?? 0}`,
    `nonvoluntary_ctxt_switches:\t${p.involuntarySwitches ?? 0}`,
  );
  return lines.join('\n') + '\n';
}

/** Clock ticks a second in /proc (USER_HZ, what sysconf(_SC_CLK_TCK) reports). */
export const CLOCK_TICKS = 100;

const ticks = (ms: number | undefined): number => Math.floor(((ms ?? 0) * CLOCK_TICKS) / 1000);

/** Linux's "new" encoding of a device number in /proc/<pid>/stat's tty_nr. */
function ttyNr(rdev: number | undefined): number {
  return rdev ?? 0; // makedev() already produces this encoding
}

/** The start of the region named `name` with permissions matching `perm`, and its end. */
function span(regions: MemoryRegion[], pred: (r: MemoryRegion) => boolean): [number, number] {
  const rs = regions.filter(pred);
  if (!rs.length) return [0, 0];
  return [Math.min(...rs.map((r) => r.start)), Math.max(...rs.map((r) => r.end))];
}

/**
 * /proc/<pid>/stat: the 52 fields of Linux's one line (proc(5)), in its order. Times are in
 * clock ticks (CPU time all counts as user time: the kernel does not tell the two apart),
 * vsize in bytes, rss in pages.
 */
export function formatStat(p: ProcessInfo): string {
  const regions = p.state === 'Z' ? [] : p.regions();
  const vsize = p.state === 'Z' ? 0 : Math.round((p.vmSizeKb ?? regions.reduce((s, r) => s + (r.end - r.start), 0) / 1024) * 1024);
  const rss = p.state === 'Z' ? 0 : Math.round((p.vmRssKb ?? vsize / 1024) / 4);
  const [startCode, endCode] = span(regions, (r) => r.perms.includes('x') && r.name === p.exe);
  const [startData, endData] = span(regions, (r) => r.perms.startsWith('rw') && r.name === p.exe);
  const [startBrk] = span(regions, (r) => r.name === '[heap]');
  const [, stackEnd] = span(regions, (r) => r.name === '[stack]');
  const comm = p.name.slice(0, 15);
  const fields: Array<number | string | bigint> = [
    p.pid, `(${comm})`, p.state, p.ppid, p.pgrp ?? p.pid, p.session ?? p.pid, ttyNr(p.ttyRdev), p.tpgid ?? -1,
    0x400000 | (p.state === 'Z' ? 0x4 : 0), // flags: PF_RANDOMIZE (ASLR), PF_EXITING once a zombie
    p.minorFaults ?? 0, 0, 0, 0, // minflt cminflt majflt cmajflt
    ticks(p.userMs), ticks(p.systemMs), ticks(p.childrenUserMs), ticks(p.childrenSystemMs),
    20, 0, // priority, nice
    p.threads ?? 1, 0, // num_threads, itrealvalue
    ticks(p.startMs), vsize, rss, '18446744073709551615', // starttime, vsize, rss, rsslim
    startCode, endCode, stackEnd, 0, 0, // startcode endcode startstack kstkesp kstkeip
    // The obsolete signal fields are the low 32 bits of the sets, in decimal.
    Number((p.sigPending ?? 0n) | (p.sigSharedPending ?? 0n)) % 2 ** 32 >>> 0,
    Number((p.sigBlocked ?? 0n) & 0xffffffffn), Number((p.sigIgnored ?? 0n) & 0xffffffffn), Number((p.sigCaught ?? 0n) & 0xffffffffn),
    0, 0, 0, // wchan nswap cnswap
    p.exitSignal ?? 17, 0, 0, 0, 0, 0, 0, // exit_signal processor rt_priority policy delayacct guest_time cguest_time
    startData, endData, startBrk, p.argStart ?? 0, p.argEnd ?? 0, p.envStart ?? 0, p.envEnd ?? 0,
    p.exitCode ?? 0,
  ];
  return fields.join(' ') + '\n';
}

/** /proc/<pid>/statm: sizes in pages (size resident shared text lib data dt). */
export function formatStatm(p: ProcessInfo): string {
  if (p.state === 'Z') return '0 0 0 0 0 0 0\n';
  const regions = p.regions();
  const pages = (pred: (r: MemoryRegion) => boolean): number =>
    Math.round(regions.filter(pred).reduce((s, r) => s + (r.end - r.start), 0) / 4096);
  const size = Math.round((p.vmSizeKb ?? pages(() => true) * 4) / 4);
  const resident = Math.round((p.vmRssKb ?? size * 4) / 4);
  const text = pages((r) => r.perms.includes('x') && r.name === p.exe);
  const data = pages((r) => r.perms.startsWith('rw'));
  return `${size} ${resident} 0 ${text} 0 ${data} 0\n`;
}

/** /proc/stat for one CPU. */
export function formatSystemStat(s: SystemStats): string {
  const cpu = `${ticks(s.userMs)} 0 0 ${ticks(s.idleMs)} 0 0 0 0 0 0`;
  return (
    `cpu  ${cpu}\ncpu0 ${cpu}\nintr 0\nctxt ${s.contextSwitches}\nbtime ${s.bootEpochSeconds}\n` +
    `processes ${s.forks}\nprocs_running ${s.running}\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n`
  );
}

/** /proc/loadavg: three load averages, runnable/all threads, the newest pid. */
export function formatLoadavg(s: SystemStats): string {
  return `${s.loads.map((l) => l.toFixed(2)).join(' ')} ${s.running}/${s.threads} ${s.lastPid}\n`;
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
  const systemStats = (): SystemStats => {
    const src = source();
    const up = src?.uptime?.() ?? (Date.now() - bootMs) / 1000;
    return src?.systemStats?.() ?? {
      userMs: 0, idleMs: up * 1000, bootEpochSeconds: Math.floor(bootMs / 1000), forks: 0, lastPid: 0,
      running: 0, blocked: 0, threads: 0, contextSwitches: 0, loads: [0, 0, 0],
    };
  };
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
    // A kernel with module support and no module loaded (init_module says ENOEXEC, not ENOSYS).
    ['modules', new ProcFile(nextIno++, () => '')],
    ['mounts', new ProcFile(nextIno++, () => MOUNTS)],
    ['stat', new ProcFile(nextIno++, () => formatSystemStat(systemStats()))],
    ['loadavg', new ProcFile(nextIno++, () => formatLoadavg(systemStats()))],
  ];
  // /proc/sys/kernel: the names uname reports (per the reader's UTS namespace) and the settings
  // the kernel's admin calls follow (kernel/syscalls/admin.ts).
  const names = (proc: FsProcess | null) => source()?.utsNames?.(proc?.pid ?? null) ?? { nodename: 'akuma', domainname: '(none)' };
  const sysKernel: Array<[string, Inode]> = [
    ['hostname', new ProcFile(nextIno++, (proc) => names(proc).nodename + '\n')],
    ['domainname', new ProcFile(nextIno++, (proc) => names(proc).domainname + '\n')],
    ['ostype', new ProcFile(nextIno++, () => 'Linux\n')],
    ['osrelease', new ProcFile(nextIno++, () => '6.1.0-akuma\n')],
    ['dmesg_restrict', new ProcFile(nextIno++, () => '1\n')],
    ['kexec_load_disabled', new ProcFile(nextIno++, () => '1\n')],
  ];
  const sysKernelDir = new StaticDir(PROCFS_DEV, nextIno++, 0o555, () => sysKernel);
  const sysDir = new StaticDir(PROCFS_DEV, nextIno++, 0o555, () => [['kernel', sysKernelDir]]);
  fixed.push(['sys', sysDir]);
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

  /** /proc/<pid>/task: one directory per thread, with its comm and status. */
  const taskDirs = new Map<number, StaticDir>();
  const taskDir = (pid: number, base: number, info: () => ProcessInfo): StaticDir =>
    new StaticDir(PROCFS_DEV, base + 11, 0o555, () => (info().tids ?? [pid]).map((tid): [string, Inode] => {
      let d = taskDirs.get(tid);
      if (!d) {
        const tbase = 0x40000000 + tid * 8;
        const files: Array<[string, Inode]> = [
          ['comm', new ProcFile(tbase + 1, () => info().name.slice(0, 15) + '\n')],
          ['status', new ProcFile(tbase + 2, () => formatStatus({ ...info(), ...info().thread?.(tid), pid: tid, tgid: pid }))],
          ['stat', new ProcFile(tbase + 3, () => formatStat({ ...info(), ...info().thread?.(tid), pid: tid }))],
        ];
        taskDirs.set(tid, (d = new StaticDir(PROCFS_DEV, tbase, 0o555, () => files)));
      }
      return [String(tid), d];
    }));

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
      ['stat', new ProcFile(base + 7, () => formatStat(info()))],
      ['statm', new ProcFile(base + 8, () => formatStatm(info()))],
      ['cmdline', new ProcFile(base + 3, () => {
        const argv = info().argv;
        return argv.length ? argv.join('\0') + '\0' : '';
      })],
      ['comm', new ProcFile(base + 4, () => info().name.slice(0, 15) + '\n')],
      ['exe', new ProcMagicLink(PROCFS_DEV, base + 5, () => info().exe)],
      ['cwd', new ProcMagicLink(PROCFS_DEV, base + 6, () => info().cwd)],
      ['fd', fdDir],
      ['task', taskDir(pid, base, info)],
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
