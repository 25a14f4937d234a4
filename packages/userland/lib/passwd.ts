/**
 * User and group names from the guest's /etc/passwd and /etc/group (read through Sys),
 * for ls -l, id, whoami, chown, stat, find -user and ps.
 */
import type { Sys } from '../sys.js';
import { O } from '../sys.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}
export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

function readSmallFile(sys: Sys, path: string): Promise<string> {
  return (async () => {
    let fd: number;
    try {
      fd = sys.open(path, O.RDONLY);
    } catch {
      return '';
    }
    const parts: Buffer[] = [];
    try {
      for (;;) {
        const b = await sys.read(fd, 65536);
        if (b.length === 0) break;
        parts.push(Buffer.from(b));
        if (parts.length > 64) break;
      }
    } finally {
      sys.close(fd);
    }
    return Buffer.concat(parts).toString('utf8');
  })();
}

export class Accounts {
  private constructor(
    readonly users: PasswdEntry[],
    readonly groups: GroupEntry[],
  ) {}

  static async load(sys: Sys): Promise<Accounts> {
    const users = (await readSmallFile(sys, '/etc/passwd'))
      .split('\n')
      .map((l) => l.split(':'))
      .filter((f) => f.length >= 7)
      .map((f) => ({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5], shell: f[6] }));
    const groups = (await readSmallFile(sys, '/etc/group'))
      .split('\n')
      .map((l) => l.split(':'))
      .filter((f) => f.length >= 3)
      .map((f) => ({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
    return new Accounts(users, groups);
  }

  userName(uid: number): string | undefined {
    return this.users.find((u) => u.uid === uid)?.name;
  }
  groupName(gid: number): string | undefined {
    return this.groups.find((g) => g.gid === gid)?.name;
  }
  user(name: string): PasswdEntry | undefined {
    return this.users.find((u) => u.name === name);
  }
  group(name: string): GroupEntry | undefined {
    return this.groups.find((g) => g.name === name);
  }
}
