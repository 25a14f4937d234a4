/**
 * The `sftp` subsystem: SFTP version 3 (what OpenSSH's sftp and scp speak) served from
 * the guest filesystem.
 *
 * Files are read whole when opened for reading and written whole when a handle opened
 * for writing is closed, so a guest program never sees a half-uploaded file and the
 * guest disk commits each upload once. Relative paths resolve against the user's home.
 */

import { posix } from 'node:path';
import ssh2 from 'ssh2';
import type { Logger } from 'pino';
import type { FileStat, GuestFiles } from './session-host.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;

interface OpenFile {
  kind: 'file';
  path: string;
  data: Uint8Array;
  /** Bytes written so far, when open for writing. */
  writable: boolean;
  dirty: boolean;
  mode: number;
}
interface OpenDir {
  kind: 'dir';
  path: string;
  entries: { name: string; stat: FileStat }[] | null;
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function attrsOf(stat: FileStat): ssh2.Attributes {
  const typeBits = stat.type === 'dir' ? S_IFDIR : stat.type === 'symlink' ? S_IFLNK : S_IFREG;
  const seconds = Math.floor(stat.mtimeMs / 1000);
  return { mode: typeBits | (stat.mode & 0o7777), uid: 1000, gid: 1000, size: stat.size, atime: seconds, mtime: seconds };
}

function longName(name: string, stat: FileStat): string {
  const type = stat.type === 'dir' ? 'd' : stat.type === 'symlink' ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (stat.mode & (1 << (8 - i)) ? c : '-'))
    .join('');
  const date = new Date(stat.mtimeMs).toUTCString().slice(5, 16);
  return `${type}${bits}    1 user     user     ${String(stat.size).padStart(8)} ${date} ${name}`;
}

export function serveSftp(sftp: ssh2.SFTPWrapper, files: GuestFiles, home: string, log: Logger): void {
  const handles = new Map<number, OpenFile | OpenDir>();
  let nextHandle = 1;
  const resolve = (p: string) => posix.normalize(posix.isAbsolute(p) ? p : posix.join(home, p || '.'));
  const newHandle = (h: OpenFile | OpenDir) => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  };
  const lookup = (handle: Buffer) => (handle.length === 4 ? handles.get(handle.readUInt32BE(0)) : undefined);

  /** Runs a request handler; a thrown error becomes the SFTP status the client expects. */
  const guard = (reqid: number, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      const code = /ENOENT|not found|no such/i.test(message)
        ? STATUS_CODE.NO_SUCH_FILE
        : /EACCES|EPERM|permission|read-only|EROFS/i.test(message)
          ? STATUS_CODE.PERMISSION_DENIED
          : STATUS_CODE.FAILURE;
      log.debug({ err: message }, 'sftp request failed');
      sftp.status(reqid, code, message);
    }
  };

  sftp.on('REALPATH', (reqid, path) =>
    guard(reqid, () => {
      const p = resolve(path);
      const stat = files.stat(p);
      sftp.name(reqid, [{ filename: p, longname: stat ? longName(p, stat) : p, attrs: stat ? attrsOf(stat) : ({} as ssh2.Attributes) }]);
    }),
  );
  const statRequest = (reqid: number, path: string) =>
    guard(reqid, () => {
      const stat = files.stat(resolve(path));
      if (!stat) sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE, 'No such file');
      else sftp.attrs(reqid, attrsOf(stat));
    });
  sftp.on('STAT', statRequest);
  sftp.on('LSTAT', statRequest);

  sftp.on('OPEN', (reqid, filename, flags, attrs) =>
    guard(reqid, () => {
      const path = resolve(filename);
      const existing = files.stat(path);
      const writing = (flags & OPEN_MODE.WRITE) !== 0 || (flags & OPEN_MODE.APPEND) !== 0;
      if (existing?.type === 'dir') throw new Error(`EISDIR: ${path} is a directory`);
      if (!writing) {
        if (!existing) throw new Error(`ENOENT: ${path} not found`);
        sftp.handle(reqid, newHandle({ kind: 'file', path, data: files.readFile(path), writable: false, dirty: false, mode: existing.mode }));
        return;
      }
      if (existing && flags & OPEN_MODE.EXCL) throw new Error(`EEXIST: ${path} exists`);
      if (!existing && !(flags & OPEN_MODE.CREAT)) throw new Error(`ENOENT: ${path} not found`);
      const keep = existing && !(flags & OPEN_MODE.TRUNC);
      const data = keep ? files.readFile(path) : new Uint8Array(0);
      const mode = attrs?.mode !== undefined ? attrs.mode & 0o7777 : existing?.mode ?? 0o644;
      // Create (or truncate) right away so the file exists as the client expects.
      if (!keep) files.writeFile(path, data, mode);
      sftp.handle(reqid, newHandle({ kind: 'file', path, data, writable: true, dirty: false, mode }));
    }),
  );

  sftp.on('READ', (reqid, handle, offset, length) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (offset >= h.data.length) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.data(reqid, Buffer.from(h.data.subarray(offset, Math.min(h.data.length, offset + length))));
    }),
  );

  sftp.on('WRITE', (reqid, handle, offset, data) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file' || !h.writable) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      const end = offset + data.length;
      if (end > h.data.length) {
        // Grow geometrically so a sequential upload of N chunks copies O(N) bytes.
        const grown = new Uint8Array(Math.max(end, Math.min(h.data.length * 2, end + (64 << 20))));
        grown.set(h.data);
        h.data = grown.subarray(0, end);
      }
      h.data.set(data, offset);
      h.dirty = true;
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );

  sftp.on('FSTAT', (reqid, handle) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (h.kind === 'file') sftp.attrs(reqid, attrsOf({ type: 'file', size: h.data.length, mode: h.mode, mtimeMs: Date.now() }));
      else statRequest(reqid, h.path);
    }),
  );

  const setstat = (reqid: number, path: string, attrs: ssh2.Attributes) =>
    guard(reqid, () => {
      if (attrs.mode !== undefined) {
        const stat = files.stat(path);
        if (!stat) throw new Error(`ENOENT: ${path} not found`);
        if (stat.type === 'file') files.writeFile(path, files.readFile(path), attrs.mode & 0o7777);
      }
      sftp.status(reqid, STATUS_CODE.OK);
    });
  sftp.on('SETSTAT', (reqid, path, attrs) => setstat(reqid, resolve(path), attrs));
  sftp.on('FSETSTAT', (reqid, handle, attrs) => {
    const h = lookup(handle);
    if (h?.kind === 'file' && attrs.mode !== undefined) {
      h.mode = attrs.mode & 0o7777;
      h.dirty = h.writable;
      return sftp.status(reqid, STATUS_CODE.OK);
    }
    sftp.status(reqid, STATUS_CODE.OK);
  });

  sftp.on('CLOSE', (reqid, handle) =>
    guard(reqid, () => {
      const id = handle.length === 4 ? handle.readUInt32BE(0) : -1;
      const h = handles.get(id);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      handles.delete(id);
      if (h.kind === 'file' && h.writable && h.dirty) files.writeFile(h.path, h.data.slice(), h.mode);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );

  sftp.on('OPENDIR', (reqid, path) =>
    guard(reqid, () => {
      const p = resolve(path);
      const stat = files.stat(p);
      if (!stat) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE, 'No such directory');
      if (stat.type !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'Not a directory');
      sftp.handle(reqid, newHandle({ kind: 'dir', path: p, entries: null }));
    }),
  );

  sftp.on('READDIR', (reqid, handle) =>
    guard(reqid, () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (h.entries === null) {
        h.entries = files.list(h.path);
        const names = h.entries.map((e) => ({ filename: e.name, longname: longName(e.name, e.stat), attrs: attrsOf(e.stat) }));
        return names.length ? sftp.name(reqid, names) : sftp.status(reqid, STATUS_CODE.EOF);
      }
      sftp.status(reqid, STATUS_CODE.EOF);
    }),
  );

  sftp.on('REMOVE', (reqid, path) => guard(reqid, () => (files.remove(resolve(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('RMDIR', (reqid, path) => guard(reqid, () => (files.rmdir(resolve(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('MKDIR', (reqid, path, attrs) =>
    guard(reqid, () => (files.mkdir(resolve(path), attrs?.mode !== undefined ? attrs.mode & 0o7777 : 0o755), sftp.status(reqid, STATUS_CODE.OK))),
  );
  sftp.on('RENAME', (reqid, from, to) => guard(reqid, () => (files.rename(resolve(from), resolve(to)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('READLINK', (reqid) => sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED, 'symbolic links are not supported'));
  sftp.on('SYMLINK', (reqid) => sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED, 'symbolic links are not supported'));
  sftp.on('error', (err: Error) => log.debug({ err: err.message }, 'sftp stream error'));
  // The client is done (EOF): end like OpenSSH's sftp-server exiting, with exit-status 0 and
  // a channel close. Without the close scp and sftp wait forever after their last request;
  // without the status scp reports failure (ssh exits -1).
  sftp.on('end', () => {
    handles.clear();
    sendExitStatus(sftp, 0);
    sftp.end();
  });
}

/** ssh2's SFTPWrapper has no exit(); send the channel request the way Channel.exit() does. */
function sendExitStatus(sftp: ssh2.SFTPWrapper, status: number): void {
  const channel = sftp as unknown as { _protocol?: { exitStatus?(id: number, status: number): void }; outgoing?: { id: number; state: string } };
  try {
    if (channel.outgoing?.state === 'open' || channel.outgoing?.state === 'eof') channel._protocol?.exitStatus?.(channel.outgoing.id, status);
  } catch {
    // The connection is already gone.
  }
}
