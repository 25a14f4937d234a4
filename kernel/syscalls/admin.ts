/**
 * The administrator's calls, as Linux answers them on one machine. Each checks what Linux checks
 * in Linux's order (argument errors that come first stay first), then the capability: an
 * unprivileged caller gets EPERM, which programs tell apart from ENOSYS ("not allowed" versus
 * "no such kernel feature"). For root they do what makes sense in this machine:
 *
 * - sethostname/setdomainname change the calling process's UTS namespace (the machine's, unless
 *   it unshared one): uname and /proc/sys/kernel/{hostname,domainname} show the new name.
 * - syslog/klogctl read and clear the kernel log (kernel/kmsg.ts), restricted as with
 *   kernel.dmesg_restrict=1 (Debian's default): only root may read it.
 * - reboot: HALT, POWER_OFF and RESTART stop the machine: every process is killed, so
 *   `akuma-vm run` ends (there is no firmware to restart into); CAD_ON/OFF are recorded; KEXEC
 *   finds no loaded image (EINVAL); SW_SUSPEND has no swap to hibernate to (ENOSYS... Linux
 *   without CONFIG_HIBERNATION answers EPERM from hibernate(): so EPERM).
 * - acct: root may turn accounting off (NULL); turning it on checks the file as Linux does and
 *   then writes one struct acct_v3 per exiting process to it.
 * - swapon: the machine has no swap device and no block devices: after the path is found, EINVAL
 *   (what Linux says of a file without a swap signature); swapoff: EINVAL (not an active swap area).
 * - init_module/finit_module: the image cannot be a module for this kernel: ENOEXEC (what Linux
 *   says of a module built for another kernel); delete_module: ENOENT (no modules are loaded).
 * - kexec_load/kexec_file_load: kernel.kexec_load_disabled is 1: EPERM for everyone.
 * - vhangup: root hangs up nothing it can see (no virtual console): 0.
 * - quotactl: the machine has no block devices: ENOTBLK for a device path (ENOENT if missing),
 *   Q_SYNC of all file systems succeeds; quotactl_fd: the file systems have no quota support (ENOSYS, as tmpfs).
 * - lookup_dcookie: no profiler is running: EINVAL for root.
 */

import { Errno, SyscallError } from '../errno.js';
import { SIGKILL } from '../signals.js';
import { UTS_NAME_LEN } from '../uts.js';
import { KERN_NOTICE, LOG_BUF_LEN } from '../kmsg.js';
import { FileInode } from '../fs/inode.js';
import { Vfs } from '../fs/vfs.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import type { SyscallResult } from './context.js';

export function privileged(ctx: KernelContext): boolean {
  return ctx.proc.process.uid === 0;
}

function requireRoot(ctx: KernelContext): void {
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
}

function vfsOf(ctx: KernelContext): Vfs {
  if (ctx.kernel.vfs instanceof Vfs) return ctx.kernel.vfs;
  throw new SyscallError(Errno.ENOENT, 'no file system');
}

/** Resolves a user path as the caller (ENOENT, ENOTDIR, EACCES...); returns the lookup. */
export function lookupPath(ctx: KernelContext, addr: number, follow = true) {
  const path = ctx.mem.readCString(addr, 4096);
  const vfs = vfsOf(ctx);
  const r = vfs.lookup(ctx.proc, path, { follow });
  if (!r.node) throw new SyscallError(Errno.ENOENT);
  return { vfs, path, r, node: r.node };
}

// ---------------------------------------------------------------- host and domain names

function setName(ctx: KernelContext, field: 'nodename' | 'domainname'): number {
  requireRoot(ctx);
  const len = ctx.args.i64(1);
  if (len < 0 || len > UTS_NAME_LEN) throw new SyscallError(Errno.EINVAL);
  const bytes = ctx.mem.read(ctx.args.u64(0), len);
  const uts = ctx.proc.process.uts ?? ctx.kernel.uts;
  uts[field] = Buffer.from(bytes).toString('latin1');
  return 0;
}

// ---------------------------------------------------------------- the kernel log

const SYSLOG_ACTION_CLOSE = 0;
const SYSLOG_ACTION_OPEN = 1;
const SYSLOG_ACTION_READ = 2;
const SYSLOG_ACTION_READ_ALL = 3;
const SYSLOG_ACTION_READ_CLEAR = 4;
const SYSLOG_ACTION_CLEAR = 5;
const SYSLOG_ACTION_CONSOLE_OFF = 6;
const SYSLOG_ACTION_CONSOLE_ON = 7;
const SYSLOG_ACTION_CONSOLE_LEVEL = 8;
const SYSLOG_ACTION_SIZE_UNREAD = 9;
const SYSLOG_ACTION_SIZE_BUFFER = 10;
/** kernel.dmesg_restrict (/proc/sys/kernel/dmesg_restrict). */
export const DMESG_RESTRICT = 1;
const MINIMUM_CONSOLE_LOGLEVEL = 1;

function syslog(ctx: KernelContext): SyscallResult {
  const type = ctx.args.int(0);
  const buf = ctx.args.u64(1);
  const len = ctx.args.int(2);
  const restricted = DMESG_RESTRICT || (type !== SYSLOG_ACTION_READ_ALL && type !== SYSLOG_ACTION_SIZE_BUFFER);
  if (restricted) requireRoot(ctx);
  const log = ctx.kernel.kmsg;
  const copyOut = (text: string): number => {
    const bytes = Buffer.from(text, 'latin1');
    ctx.mem.write(buf, bytes);
    return bytes.length;
  };
  switch (type) {
    case SYSLOG_ACTION_CLOSE:
    case SYSLOG_ACTION_OPEN:
      return 0;
    case SYSLOG_ACTION_READ: {
      if (!buf || len < 0) throw new SyscallError(Errno.EINVAL);
      if (len === 0) return 0;
      if (log.unreadBytes() === 0) return ctx.block(null, 1000);
      return copyOut(log.readUnread(len));
    }
    case SYSLOG_ACTION_READ_ALL:
    case SYSLOG_ACTION_READ_CLEAR: {
      if (!buf || len < 0) throw new SyscallError(Errno.EINVAL);
      if (len === 0) return 0;
      const n = copyOut(log.readAll(len));
      if (type === SYSLOG_ACTION_READ_CLEAR) log.clear();
      return n;
    }
    case SYSLOG_ACTION_CLEAR:
      log.clear();
      return 0;
    case SYSLOG_ACTION_CONSOLE_OFF:
      if (log.savedConsoleLevel === -1) log.savedConsoleLevel = log.consoleLevel;
      log.consoleLevel = MINIMUM_CONSOLE_LOGLEVEL;
      return 0;
    case SYSLOG_ACTION_CONSOLE_ON:
      if (log.savedConsoleLevel !== -1) log.consoleLevel = log.savedConsoleLevel;
      log.savedConsoleLevel = -1;
      return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if (len < 1 || len > 8) throw new SyscallError(Errno.EINVAL);
      log.consoleLevel = Math.max(len, MINIMUM_CONSOLE_LOGLEVEL);
      log.savedConsoleLevel = -1;
      return 0;
    case SYSLOG_ACTION_SIZE_UNREAD:
      return log.unreadBytes();
    case SYSLOG_ACTION_SIZE_BUFFER:
      return LOG_BUF_LEN;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

// ---------------------------------------------------------------- reboot

const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
const LINUX_REBOOT_MAGIC2 = [672274793, 85072278, 369367448, 537993216];
const LINUX_REBOOT_CMD_RESTART = 0x01234567;
const LINUX_REBOOT_CMD_HALT = 0xcdef0123;
const LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef;
const LINUX_REBOOT_CMD_CAD_OFF = 0x00000000;
const LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc;
const LINUX_REBOOT_CMD_RESTART2 = 0xa1b2c3d4;
const LINUX_REBOOT_CMD_SW_SUSPEND = 0xd000fce2;
const LINUX_REBOOT_CMD_KEXEC = 0x45584543;

function reboot(ctx: KernelContext): number {
  requireRoot(ctx);
  if (ctx.args.u32(0) !== LINUX_REBOOT_MAGIC1 || !LINUX_REBOOT_MAGIC2.includes(ctx.args.u32(1))) throw new SyscallError(Errno.EINVAL);
  const cmd = ctx.args.u32(2);
  switch (cmd) {
    case LINUX_REBOOT_CMD_CAD_ON:
    case LINUX_REBOOT_CMD_CAD_OFF:
      ctx.kernel.ctrlAltDelReboots = cmd === LINUX_REBOOT_CMD_CAD_ON;
      return 0;
    case LINUX_REBOOT_CMD_RESTART:
    case LINUX_REBOOT_CMD_RESTART2:
    case LINUX_REBOOT_CMD_HALT:
    case LINUX_REBOOT_CMD_POWER_OFF: {
      if (cmd === LINUX_REBOOT_CMD_RESTART2) ctx.mem.readCString(ctx.args.u64(3), 256);
      const what = cmd === LINUX_REBOOT_CMD_HALT ? 'System halted' : cmd === LINUX_REBOOT_CMD_POWER_OFF ? 'Power down' : 'Restarting system';
      ctx.kernel.kmsg.log(KERN_NOTICE, `reboot: ${what}`);
      ctx.kernel.logger.info({ pid: ctx.proc.pid, cmd: what }, 'guest reboot(2): stopping every process');
      // The machine stops: every process ends, the caller too (the call does not return).
      for (const pid of [...ctx.kernel.processes.keys()]) ctx.kernel.kill(pid, SIGKILL);
      return 0;
    }
    case LINUX_REBOOT_CMD_KEXEC:
      throw new SyscallError(Errno.EINVAL);
    case LINUX_REBOOT_CMD_SW_SUSPEND:
      throw new SyscallError(Errno.EPERM);
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

// ---------------------------------------------------------------- process accounting

function acct(ctx: KernelContext): number {
  requireRoot(ctx);
  const addr = ctx.args.u64(0);
  if (!addr) {
    ctx.kernel.accounting = null;
    return 0;
  }
  const { vfs, path, node } = lookupPath(ctx, addr);
  if (!(node instanceof FileInode)) throw new SyscallError(Errno.EACCES);
  // Opened for appending as the caller (EACCES, EROFS...): the records go through it.
  const file = vfs.openAt(ctx.proc, undefined, path, 0o2001 /* O_WRONLY|O_APPEND */);
  ctx.kernel.accounting?.release();
  ctx.kernel.accounting = file;
  return 0;
}

// ---------------------------------------------------------------- swap, modules, kexec

function swapon(ctx: KernelContext): number {
  requireRoot(ctx);
  const { node } = lookupPath(ctx, ctx.args.u64(0));
  if (node.type === 'dir') throw new SyscallError(Errno.EINVAL);
  // No file here carries a swap area this machine can page to.
  throw new SyscallError(Errno.EINVAL);
}

function swapoff(ctx: KernelContext): number {
  requireRoot(ctx);
  lookupPath(ctx, ctx.args.u64(0));
  throw new SyscallError(Errno.EINVAL);
}

const MODULE_INIT_IGNORE_MODVERSIONS = 1;
const MODULE_INIT_IGNORE_VERMAGIC = 2;
const MODULE_INIT_COMPRESSED_FILE = 4;

function initModule(ctx: KernelContext): number {
  requireRoot(ctx);
  const len = ctx.args.u64(1);
  // The image is copied in first (EFAULT), then found not to be a module of this kernel.
  ctx.mem.read(ctx.args.u64(0), Math.min(len, 64));
  ctx.mem.readCString(ctx.args.u64(2), 4096);
  throw new SyscallError(Errno.ENOEXEC);
}

function finitModule(ctx: KernelContext): number {
  requireRoot(ctx);
  if (ctx.args.int(2) & ~(MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC | MODULE_INIT_COMPRESSED_FILE)) throw new SyscallError(Errno.EINVAL);
  const f = ctx.proc.files.get(ctx.args.int(0));
  if (!f.readable) throw new SyscallError(Errno.EBADF);
  ctx.mem.readCString(ctx.args.u64(1), 4096);
  throw new SyscallError(Errno.ENOEXEC);
}

function deleteModule(ctx: KernelContext): number {
  requireRoot(ctx);
  ctx.mem.readCString(ctx.args.u64(0), 64);
  throw new SyscallError(Errno.ENOENT);
}

/** kernel.kexec_load_disabled = 1: refused before anything else, for everyone. */
function kexec(): number {
  throw new SyscallError(Errno.EPERM);
}

function vhangup(ctx: KernelContext): number {
  requireRoot(ctx);
  return 0;
}

// ---------------------------------------------------------------- quotas, profiling

const SUBCMDSHIFT = 8;
const MAXQUOTAS = 3;
const Q_SYNC = 0x800001;

function quotactl(ctx: KernelContext): number {
  const cmd = ctx.args.u32(0);
  const type = cmd & ((1 << SUBCMDSHIFT) - 1);
  if (type >= MAXQUOTAS) throw new SyscallError(Errno.EINVAL);
  const special = ctx.args.u64(1);
  if (!special) {
    if (cmd >>> SUBCMDSHIFT === Q_SYNC) return 0;
    throw new SyscallError(Errno.ENODEV);
  }
  lookupPath(ctx, special);
  // Quotas live on block devices; this machine's file systems have none.
  throw new SyscallError(Errno.ENOTBLK);
}

function quotactlFd(ctx: KernelContext): number {
  ctx.proc.files.get(ctx.args.int(0));
  throw new SyscallError(Errno.ENOSYS);
}

function lookupDcookie(ctx: KernelContext): number {
  requireRoot(ctx);
  throw new SyscallError(Errno.EINVAL);
}

export const ADMIN_SYSCALLS: HandlerTable = {
  161: (ctx) => setName(ctx, 'nodename'),
  162: (ctx) => setName(ctx, 'domainname'),
  116: syslog,
  142: reboot,
  89: acct,
  224: swapon,
  225: swapoff,
  105: initModule,
  273: finitModule,
  106: deleteModule,
  104: kexec,
  294: kexec,
  58: vhangup,
  60: quotactl,
  443: quotactlFd,
  18: lookupDcookie,
};
