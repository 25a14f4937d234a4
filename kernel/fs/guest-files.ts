/**
 * The guest file system as the SSH server's SFTP handler sees it (server/session-host.ts's
 * GuestFiles, matched structurally so the kernel does not import the server): absolute guest
 * paths, errors thrown as SyscallError (errno tells ENOENT/EACCES/... apart), files created
 * by the session owned by its user.
 */

import { Errno, SyscallError } from '../errno.js';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './constants.js';
import type { Stat } from './inode.js';
import { USER_GID, USER_UID, type Vfs } from './vfs.js';

export interface GuestFileStat {
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  /** Type and permission bits, as st_mode. */
  mode: number;
  mtimeMs: number;
  atimeMs: number;
  uid: number;
  gid: number;
}

export function toGuestStat(s: Stat): GuestFileStat {
  const t = s.mode & S_IFMT;
  return {
    type: t === S_IFREG ? 'file' : t === S_IFDIR ? 'dir' : t === S_IFLNK ? 'symlink' : 'other',
    size: s.size, mode: s.mode, mtimeMs: s.mtimeMs, atimeMs: s.atimeMs, uid: s.uid, gid: s.gid,
  };
}

export function guestFiles(vfs: Vfs, owner = { uid: USER_UID, gid: USER_GID }) {
  return {
    /** lstat; null when the path does not exist. */
    stat(path: string): GuestFileStat | null {
      try {
        return toGuestStat(vfs.lstat(path));
      } catch (e) {
        if (e instanceof SyscallError && (e.errno === Errno.ENOENT || e.errno === Errno.ENOTDIR)) return null;
        throw e;
      }
    },
    readFile: (path: string): Uint8Array => vfs.readFile(path),
    /** Atomic replace; a new file is owned by the session's user. */
    writeFile(path: string, data: Uint8Array, mode?: number): void {
      const exists = vfs.exists(path);
      vfs.writeFile(path, data, exists ? { mode } : { mode: mode ?? 0o644, ...owner });
    },
    list: (path: string): Array<{ name: string; stat: GuestFileStat }> =>
      vfs.list(path).map((e) => ({ name: e.name, stat: toGuestStat(e.stat) })),
    mkdir: (path: string, mode?: number): void => vfs.mkdir(path, { mode: mode ?? 0o755, ...owner }),
    /** Removes a file (a directory is EISDIR: use rmdir). */
    remove(path: string): void {
      if ((vfs.lstat(path).mode & S_IFMT) === S_IFDIR) throw new SyscallError(Errno.EISDIR, `remove ${path}: EISDIR`);
      vfs.remove(path);
    },
    rmdir(path: string): void {
      if ((vfs.lstat(path).mode & S_IFMT) !== S_IFDIR) throw new SyscallError(Errno.ENOTDIR, `rmdir ${path}: ENOTDIR`);
      vfs.remove(path);
    },
    rename: (from: string, to: string): void => vfs.rename(from, to),
    realpath: (path: string): string => vfs.realpath(path),
    chmod: (path: string, mode: number): void => vfs.chmod(path, mode),
  };
}
