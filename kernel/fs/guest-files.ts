/**
 * The guest file system as the SSH server's SFTP handler sees it (server/session-host.ts's
 * GuestFiles, matched structurally so the kernel does not import the server): a view of
 * the Vfs acting with one user's credentials, so SFTP and scp get exactly the checks a
 * guest process of that user gets (permissions, sticky /tmp, quota and ENOSPC, the largest
 * file size), and files they create belong to that user. Errors are SyscallErrors (errno
 * tells ENOENT/EACCES/... apart).
 *
 * Files are reached through open files (`open` returns a handle with pread/pwrite), so an
 * upload is written at its offsets as it arrives and a download read as it is asked for:
 * nothing holds a whole file in host memory.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_CREAT, O_DIRECTORY, O_RDONLY, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './constants.js';
import type { OpenFile } from './file.js';
import { FileTable } from './filetable.js';
import type { Stat } from './inode.js';
import type { FsProcess } from './process.js';
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

/** An open guest file: reads and writes at offsets, released by close(). */
export interface GuestFileHandle {
  pread(offset: number, length: number): Uint8Array;
  /** Writes all of data at offset (a short write of the file system is finished or fails). */
  pwrite(offset: number, data: Uint8Array): void;
  stat(): GuestFileStat;
  truncate(size: number): void;
  close(): void;
}

export interface GuestCredentials {
  uid: number;
  gid: number;
  groups?: readonly number[];
}

export function guestFiles(vfs: Vfs, owner: GuestCredentials = { uid: USER_UID, gid: USER_GID }) {
  // The SFTP server acts as a process of the user: every lookup and change goes through the
  // same checks as that user's programs.
  const proc: FsProcess & { groups?: readonly number[] } = { pid: 0, cwd: '/', uid: owner.uid, gid: owner.gid, groups: owner.groups ?? [], umask: 0o022, files: new FileTable() };
  const handle = (file: OpenFile): GuestFileHandle => {
    let open = true;
    return {
      pread: (offset, length) => file.pread(offset, length),
      pwrite: (offset, data) => {
        let done = 0;
        while (done < data.length) {
          const n = file.pwrite(offset + done, done === 0 ? data : data.subarray(done));
          if (n <= 0) throw new SyscallError(Errno.ENOSPC);
          done += n;
        }
      },
      stat: () => toGuestStat(file.stat()),
      truncate: (size) => file.truncate(size),
      close: () => {
        if (!open) return;
        open = false;
        file.release();
      },
    };
  };
  return {
    /** lstat (or stat with follow); null when the path does not exist. */
    stat(path: string, follow = false): GuestFileStat | null {
      try {
        return toGuestStat(vfs.statAt(proc, undefined, path, follow));
      } catch (e) {
        if (e instanceof SyscallError && (e.errno === Errno.ENOENT || e.errno === Errno.ENOTDIR)) return null;
        throw e;
      }
    },
    /** open(2) as the user: flags are O_* (O_CREAT | O_TRUNC | ... ), mode before the umask. */
    open: (path: string, flags: number, mode = 0o644): GuestFileHandle => handle(vfs.openAt(proc, undefined, path, flags, mode)),
    readFile(path: string): Uint8Array {
      const f = vfs.openAt(proc, undefined, path, O_RDONLY);
      try {
        return f.pread(0, f.stat().size);
      } finally {
        f.release();
      }
    },
    /** Writes a whole file (created as the user's, or replaced in place). */
    writeFile(path: string, data: Uint8Array, mode?: number): void {
      const h = handle(vfs.openAt(proc, undefined, path, O_CREAT | 0o1 | 0o1000, mode ?? 0o644));
      try {
        h.pwrite(0, data);
      } finally {
        h.close();
      }
    },
    /** The entries of a directory the user may read. */
    list(path: string): Array<{ name: string; stat: GuestFileStat }> {
      const dir = vfs.openAt(proc, undefined, path, O_RDONLY | O_DIRECTORY);
      dir.release();
      return vfs.list(path).map((e) => ({ name: e.name, stat: toGuestStat(e.stat) }));
    },
    mkdir: (path: string, mode?: number): void => vfs.mkdirAt(proc, undefined, path, mode ?? 0o755),
    /** Removes a file (a directory is EISDIR: use rmdir). */
    remove(path: string): void {
      if ((vfs.statAt(proc, undefined, path, false).mode & S_IFMT) === S_IFDIR) throw new SyscallError(Errno.EISDIR, `remove ${path}: EISDIR`);
      vfs.unlinkAt(proc, undefined, path, false);
    },
    rmdir(path: string): void {
      if ((vfs.statAt(proc, undefined, path, false).mode & S_IFMT) !== S_IFDIR) throw new SyscallError(Errno.ENOTDIR, `rmdir ${path}: ENOTDIR`);
      vfs.unlinkAt(proc, undefined, path, true);
    },
    rename: (from: string, to: string): void => vfs.renameAt(proc, undefined, from, undefined, to),
    realpath: (path: string): string => vfs.realpath(path, proc),
    chmod: (path: string, mode: number): void => vfs.chmodAt(proc, undefined, path, mode),
    readlink: (path: string): string => vfs.readlinkAt(proc, undefined, path),
    symlink: (target: string, path: string): void => vfs.symlinkAt(proc, target, undefined, path),
  };
}

export type GuestFiles = ReturnType<typeof guestFiles>;
