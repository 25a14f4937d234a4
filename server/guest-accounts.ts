/**
 * Guest user accounts, as `useradd` keeps them: every SSH login name is a user of the
 * guest, recorded in its /etc/passwd and /etc/group (its own uid, a primary group of the
 * same name and number, home /home/NAME, shell /bin/sh), with its home created on first
 * login from the skeleton /etc/skel, owned by the user, mode 0700 (Debian's HOME_MODE).
 * `root` is uid 0 with /root. Names are checked like useradd's NAME_REGEX, so a login name
 * can never smuggle a ':' or a newline into /etc/passwd or a '/' into a path.
 *
 * Everything is read and written through the guest's Vfs, so the guest's own tools
 * (`id`, `ls -l`, `ps`) see the same accounts.
 */

import { posix } from 'node:path';
import type { Vfs } from '../kernel/fs/vfs.js';

export interface GuestAccount {
  name: string;
  uid: number;
  gid: number;
  /** Supplementary groups (from /etc/group member lists). */
  groups: number[];
  home: string;
  shell: string;
}

/** useradd's default NAME_REGEX, at most 32 characters. */
const VALID_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const FIRST_UID = 1000;
const LAST_UID = 59999;

/** Why a login name cannot be a guest user, or null when it can. */
export function invalidUserName(name: string): string | null {
  if (VALID_NAME.test(name)) return null;
  return `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}" is not a valid user name (lower-case letters, digits, '_' and '-', starting with a letter or '_', at most 32)`;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

function readLines(vfs: Vfs, path: string): string[] {
  try {
    return vfs.readText(path).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  } catch {
    return [];
  }
}

function parsePasswd(lines: string[]): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of lines) {
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] });
  }
  return out;
}

export class GuestAccounts {
  /**
   * `defaultShell`: the shell a new account gets (/bin/sh unless told; with a root file system
   * the machine picks one of the system's, so a user it has no entry for gets the system's
   * shell and not the embedded one).
   */
  constructor(
    private readonly vfs: Vfs,
    private readonly defaultShell: () => string = () => '/bin/sh',
  ) {}

  /** The existing account of a name, without creating anything. */
  find(name: string): { uid: number; gid: number; home: string } | null {
    if (invalidUserName(name)) return null;
    const entry = parsePasswd(readLines(this.vfs, '/etc/passwd')).find((u) => u.name === name);
    return entry ? { uid: entry.uid, gid: entry.gid, home: entry.home } : null;
  }

  /** The account for a login name, created (with its home) if it does not exist yet. */
  ensure(name: string): GuestAccount {
    const why = invalidUserName(name);
    if (why) throw new Error(why);
    const vfs = this.vfs;
    const passwdLines = readLines(vfs, '/etc/passwd');
    const groupLines = readLines(vfs, '/etc/group');
    const users = parsePasswd(passwdLines);
    let entry = users.find((u) => u.name === name);
    if (!entry) {
      const usedUids = new Set(users.map((u) => u.uid));
      const usedGids = new Set(groupLines.map((l) => Number(l.split(':')[2])));
      let id = FIRST_UID;
      while (id <= LAST_UID && (usedUids.has(id) || usedGids.has(id))) id++;
      if (id > LAST_UID) throw new Error('no free user id left');
      entry = { name, uid: id, gid: id, home: name === 'root' ? '/root' : `/home/${name}`, shell: this.defaultShell() };
      if (name === 'root') Object.assign(entry, { uid: 0, gid: 0 });
      vfs.writeFile('/etc/passwd', [...passwdLines, `${name}:x:${entry.uid}:${entry.gid}:${name}:${entry.home}:${entry.shell}`].join('\n') + '\n', { mode: 0o644, uid: 0, gid: 0 });
      if (!groupLines.some((l) => l.split(':')[0] === name)) {
        vfs.writeFile('/etc/group', [...groupLines, `${name}:x:${entry.gid}:`].join('\n') + '\n', { mode: 0o644, uid: 0, gid: 0 });
      }
    }
    this.ensureHome(entry);
    const groups = readLines(vfs, '/etc/group')
      .map((l) => l.split(':'))
      .filter((f) => f.length >= 4 && f[3].split(',').includes(name))
      .map((f) => Number(f[2]))
      .filter((g) => g !== entry.gid);
    return { name, uid: entry.uid, gid: entry.gid, groups, home: entry.home, shell: entry.shell };
  }

  /** Creates a missing home from /etc/skel; a home that exists is left as its owner made it. */
  private ensureHome(entry: PasswdEntry): void {
    const vfs = this.vfs;
    if (!entry.home.startsWith('/') || vfs.exists(entry.home)) return;
    vfs.mkdir(posix.dirname(entry.home), { recursive: true, mode: 0o755, uid: 0, gid: 0 });
    vfs.mkdir(entry.home, { mode: 0o700, uid: entry.uid, gid: entry.gid });
    this.copySkeleton('/etc/skel', entry.home, entry);
  }

  private copySkeleton(from: string, to: string, owner: PasswdEntry): void {
    const vfs = this.vfs;
    if (!vfs.exists(from)) return;
    for (const e of vfs.list(from)) {
      const src = `${from}/${e.name}`;
      const dst = `${to}/${e.name}`;
      const type = e.stat.mode & 0o170000;
      if (type === 0o040000) {
        vfs.mkdir(dst, { mode: e.stat.mode & 0o7777, uid: owner.uid, gid: owner.gid });
        this.copySkeleton(src, dst, owner);
      } else if (type === 0o100000) {
        vfs.writeFile(dst, vfs.readFile(src), { mode: e.stat.mode & 0o7777, uid: owner.uid, gid: owner.gid });
      }
    }
  }

  /** The skeleton new homes are copied from (made once, kept if the guest's admin changed it). */
  ensureSkeleton(): void {
    const vfs = this.vfs;
    if (vfs.exists('/etc/skel')) return;
    vfs.mkdir('/etc/skel', { mode: 0o755, uid: 0, gid: 0 });
    vfs.writeFile('/etc/skel/.profile', '# ~/.profile: read by login shells.\nPATH=/bin:/usr/bin\n', { mode: 0o644, uid: 0, gid: 0 });
  }
}
