/**
 * GuestFiles as SFTP uses it when the machine may be in another thread: every operation
 * returns a promise. A machine on the main thread (serve --workers 0, the shared machine)
 * is wrapped by asyncGuestFiles(); one in a worker thread is reached through messages
 * (worker-machines.ts). Errors are the guest's SyscallErrors either way, errno included, so
 * sftp.ts answers NO_SUCH_FILE, PERMISSION_DENIED or FAILURE exactly as before.
 */

import type { GuestFileHandle, GuestFileStat, GuestFiles } from '../kernel/fs/guest-files.js';

export interface AsyncGuestFileHandle {
  pread(offset: number, length: number): Promise<Uint8Array>;
  pwrite(offset: number, data: Uint8Array): Promise<void>;
  stat(): Promise<GuestFileStat>;
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

/** GuestFiles' methods, each returning a promise (an open file as an AsyncGuestFileHandle). */
export type AsyncGuestFiles = {
  [K in Exclude<keyof GuestFiles, 'open'>]: (...args: Parameters<GuestFiles[K]>) => Promise<ReturnType<GuestFiles[K]>>;
} & {
  open(path: string, flags: number, mode?: number): Promise<AsyncGuestFileHandle>;
};

/** Runs fn now; its result or its error as a promise (so a synchronous throw is a rejection). */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

function asyncHandle(h: GuestFileHandle): AsyncGuestFileHandle {
  return {
    pread: (offset, length) => settle(() => h.pread(offset, length)),
    pwrite: (offset, data) => settle(() => h.pwrite(offset, data)),
    stat: () => settle(() => h.stat()),
    truncate: (size) => settle(() => h.truncate(size)),
    close: () => settle(() => h.close()),
  };
}

/** The files of a machine in this thread, as promises. */
export function asyncGuestFiles(files: GuestFiles): AsyncGuestFiles {
  return {
    stat: (path, follow) => settle(() => files.stat(path, follow)),
    open: (path, flags, mode) => settle(() => asyncHandle(files.open(path, flags, mode))),
    readFile: (path) => settle(() => files.readFile(path)),
    writeFile: (path, data, mode) => settle(() => files.writeFile(path, data, mode)),
    list: (path) => settle(() => files.list(path)),
    mkdir: (path, mode) => settle(() => files.mkdir(path, mode)),
    remove: (path) => settle(() => files.remove(path)),
    rmdir: (path) => settle(() => files.rmdir(path)),
    rename: (from, to) => settle(() => files.rename(from, to)),
    realpath: (path) => settle(() => files.realpath(path)),
    chmod: (path, mode) => settle(() => files.chmod(path, mode)),
    readlink: (path) => settle(() => files.readlink(path)),
    symlink: (target, path) => settle(() => files.symlink(target, path)),
  };
}
