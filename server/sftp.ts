/**
 * The `sftp` subsystem: SFTP version 3 (what OpenSSH's sftp and scp speak) served from
 * the guest file system, acting as the logged-in user (GuestFiles: the Vfs with the user's
 * credentials), so SFTP can do exactly what the user's own programs can and reports the
 * real owners and modes.
 *
 * Transfers stream: an OPEN is an open file in the guest, each WRITE is written at its
 * offset as it arrives, each READ reads only what it asks for (at most MAX_READ). Host
 * memory per transfer is therefore bounded by the SSH channel's window (ssh2's default,
 * 2 MiB) plus one packet, whatever the file's size, and the guest's limits (quota, ENOSPC,
 * largest file, permissions) apply at the write that crosses them, as for a guest write.
 * Relative paths resolve against the user's home.
 */

import { limitSftpPackets, type SftpInput } from './sftp-packet-limit.js';
import { posix } from 'node:path';
import ssh2 from 'ssh2';
import type { Logger } from 'pino';
import { Errno, SyscallError, errnoText } from '../kernel/errno.js';
import { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../kernel/fs/constants.js';
import type { GuestFileStat } from '../kernel/fs/guest-files.js';
import type { AsyncGuestFileHandle, AsyncGuestFiles } from './async-guest-files.js';

const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;

/** The most one READ returns (OpenSSH's sftp-server answers up to 256 KiB; clients ask 32-256 KiB). */
const MAX_READ = 256 * 1024;
/** The largest SFTP packet read (ssh2's and OpenSSH's 256 KiB); a larger one is refused (sftp-packet-limit.ts). */
const MAX_SFTP_PACKET = 256 * 1024;
/** Open handles one SFTP session may hold (a client cannot exhaust the guest's files). */
const MAX_HANDLES = 256;

interface OpenFileHandle {
  kind: 'file';
  path: string;
  file: AsyncGuestFileHandle;
}
interface OpenDirHandle {
  kind: 'dir';
  path: string;
  sent: boolean;
}

function attrsOf(stat: GuestFileStat): ssh2.Attributes {
  return {
    mode: stat.mode,
    uid: stat.uid,
    gid: stat.gid,
    size: stat.size,
    atime: Math.floor(stat.atimeMs / 1000),
    mtime: Math.floor(stat.mtimeMs / 1000),
  };
}

/** `ls -l`'s line, as OpenSSH's sftp-server gives it in READDIR's longname. */
function longName(name: string, stat: GuestFileStat, names: { user(uid: number): string; group(gid: number): string }): string {
  const type = { dir: 'd', symlink: 'l', file: '-', other: '?' }[stat.type];
  const bits = 'rwxrwxrwx'
    .split('')
    .map((c, i) => (stat.mode & (1 << (8 - i)) ? c : '-'))
    .join('');
  const date = new Date(stat.mtimeMs).toUTCString().slice(5, 16);
  return `${type}${bits}    1 ${names.user(stat.uid).padEnd(8)} ${names.group(stat.gid).padEnd(8)} ${String(stat.size).padStart(8)} ${date} ${name}`;
}

/** Names of uids and gids from the guest's /etc/passwd and /etc/group (numbers when unknown). */
async function nameTables(files: AsyncGuestFiles): Promise<{ user(uid: number): string; group(gid: number): string }> {
  const table = async (path: string) => {
    const map = new Map<number, string>();
    try {
      for (const line of new TextDecoder().decode(await files.readFile(path)).split('\n')) {
        const f = line.split(':');
        if (f.length >= 3 && f[0]) map.set(Number(f[2]), f[0]);
      }
    } catch {
      // Unreadable: numbers will do.
    }
    return map;
  };
  const users = await table('/etc/passwd');
  const groups = await table('/etc/group');
  return { user: (uid) => users.get(uid) ?? String(uid), group: (gid) => groups.get(gid) ?? String(gid) };
}

function openFlags(pflags: number): number {
  const read = (pflags & OPEN_MODE.READ) !== 0;
  const write = (pflags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND)) !== 0;
  let flags = read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY;
  if (pflags & OPEN_MODE.APPEND) flags |= O_APPEND;
  if (pflags & OPEN_MODE.CREAT) flags |= O_CREAT;
  if (pflags & OPEN_MODE.TRUNC) flags |= O_TRUNC;
  if (pflags & OPEN_MODE.EXCL) flags |= O_EXCL;
  return flags;
}

export function serveSftp(sftp: ssh2.SFTPWrapper, files: AsyncGuestFiles, homeDir: string | Promise<string>, log: Logger): void {
  // A packet over what ssh2 reads is answered with a failure instead of closing the channel.
  limitSftpPackets(sftp as unknown as SftpInput, MAX_SFTP_PACKET, (type, id, bytes) => {
    log.info({ type, id, bytes, limit: MAX_SFTP_PACKET }, 'sftp packet refused: over 256 KiB');
    sftp.status(id, STATUS_CODE.FAILURE, `packet of ${bytes} bytes refused: over the SFTP limit of ${MAX_SFTP_PACKET} bytes`);
  });
  const handles = new Map<number, OpenFileHandle | OpenDirHandle>();
  let nextHandle = 1;
  // Known by the first request (every request waits for the one before it, and this comes first).
  let home = '/';
  const homeKnown = Promise.resolve(homeDir).then((h) => void (home = h));
  const resolve = (p: string) => posix.normalize(posix.isAbsolute(p) ? p : posix.join(home, p || '.'));
  const newHandle = async (h: OpenFileHandle | OpenDirHandle) => {
    if (handles.size >= MAX_HANDLES) {
      if (h.kind === 'file') await h.file.close();
      throw new SyscallError(Errno.EMFILE, `too many open handles (at most ${MAX_HANDLES})`);
    }
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  };
  const lookup = (handle: Buffer) => (handle.length === 4 ? handles.get(handle.readUInt32BE(0)) : undefined);

  /**
   * Runs a request handler; a thrown error becomes the SFTP status the client expects.
   * Requests run one after another, in the order they came, as when the file system was
   * called synchronously: each may wait for the machine (another thread), and a later one
   * (a CLOSE after WRITEs, a RENAME after its upload) must see the earlier ones done.
   */
  let queue: Promise<void> = homeKnown.catch(() => undefined);
  const guard = (reqid: number, fn: () => unknown) => {
    queue = queue.then(() => run(reqid, fn));
  };
  const run = async (reqid: number, fn: () => unknown): Promise<void> => {
    try {
      await fn();
    } catch (err) {
      const errno = err instanceof SyscallError ? err.errno : null;
      const code =
        errno === Errno.ENOENT || errno === Errno.ENOTDIR
          ? STATUS_CODE.NO_SUCH_FILE
          : errno === Errno.EACCES || errno === Errno.EPERM || errno === Errno.EROFS
            ? STATUS_CODE.PERMISSION_DENIED
            : STATUS_CODE.FAILURE;
      const message = errno !== null ? (err as Error).message.includes(' ') ? (err as Error).message : errnoText(errno) : (err as Error).message;
      log.debug({ err: message }, 'sftp request failed');
      try {
        sftp.status(reqid, code, message);
      } catch {
        // The channel is gone.
      }
    }
  };

  sftp.on('REALPATH', (reqid, path) =>
    guard(reqid, async () => {
      const p = resolve(path);
      const stat = await files.stat(p, true);
      const real = stat ? await files.realpath(p) : p;
      sftp.name(reqid, [{ filename: real, longname: stat ? longName(real, stat, await nameTables(files)) : real, attrs: stat ? attrsOf(stat) : ({} as ssh2.Attributes) }]);
    }),
  );
  const statOf = async (reqid: number, path: string, follow: boolean) => {
    const stat = await files.stat(resolve(path), follow);
    if (!stat) sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE, 'No such file or directory');
    else sftp.attrs(reqid, attrsOf(stat));
  };
  const statRequest = (follow: boolean) => (reqid: number, path: string) => guard(reqid, () => statOf(reqid, path, follow));
  sftp.on('STAT', statRequest(true));
  sftp.on('LSTAT', statRequest(false));

  sftp.on('OPEN', (reqid, filename, pflags, attrs) =>
    guard(reqid, async () => {
      const path = resolve(filename);
      const mode = attrs?.mode !== undefined ? attrs.mode & 0o7777 : 0o644;
      const file = await files.open(path, openFlags(pflags), mode);
      if ((await file.stat()).type === 'dir') {
        await file.close();
        throw new SyscallError(Errno.EISDIR, `${path}: Is a directory`);
      }
      sftp.handle(reqid, await newHandle({ kind: 'file', path, file }));
    }),
  );

  sftp.on('READ', (reqid, handle, offset, length) =>
    guard(reqid, async () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      const data = await h.file.pread(offset, Math.min(length, MAX_READ));
      if (data.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.data(reqid, Buffer.from(data.buffer, data.byteOffset, data.length));
    }),
  );

  sftp.on('WRITE', (reqid, handle, offset, data) =>
    guard(reqid, async () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      await h.file.pwrite(offset, data);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );

  sftp.on('FSTAT', (reqid, handle) =>
    guard(reqid, async () => {
      const h = lookup(handle);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (h.kind === 'file') sftp.attrs(reqid, attrsOf(await h.file.stat()));
      else await statOf(reqid, h.path, true);
    }),
  );

  /** SETSTAT: mode and size; times and owners are accepted and left as they are. */
  const setstat = async (path: string, file: AsyncGuestFileHandle | null, attrs: ssh2.Attributes) => {
    if (attrs.mode !== undefined) await files.chmod(path, attrs.mode & 0o7777);
    if (attrs.size !== undefined) {
      if (file) await file.truncate(attrs.size);
      else {
        const f = await files.open(path, O_WRONLY, 0);
        try {
          await f.truncate(attrs.size);
        } finally {
          await f.close();
        }
      }
    }
  };
  sftp.on('SETSTAT', (reqid, path, attrs) => guard(reqid, async () => (await setstat(resolve(path), null, attrs), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('FSETSTAT', (reqid, handle, attrs) =>
    guard(reqid, async () => {
      const h = lookup(handle);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      await setstat(h.path, h.kind === 'file' ? h.file : null, attrs);
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );

  sftp.on('CLOSE', (reqid, handle) =>
    guard(reqid, async () => {
      const id = handle.length === 4 ? handle.readUInt32BE(0) : -1;
      const h = handles.get(id);
      if (!h) return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      handles.delete(id);
      if (h.kind === 'file') await h.file.close();
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );

  sftp.on('OPENDIR', (reqid, path) =>
    guard(reqid, async () => {
      const p = resolve(path);
      const stat = await files.stat(p, true);
      if (!stat) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE, 'No such file or directory');
      if (stat.type !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'Not a directory');
      await files.list(p); // the user must be allowed to read it
      sftp.handle(reqid, await newHandle({ kind: 'dir', path: p, sent: false }));
    }),
  );

  sftp.on('READDIR', (reqid, handle) =>
    guard(reqid, async () => {
      const h = lookup(handle);
      if (!h || h.kind !== 'dir') return sftp.status(reqid, STATUS_CODE.FAILURE, 'bad handle');
      if (h.sent) return sftp.status(reqid, STATUS_CODE.EOF);
      h.sent = true;
      const names = await nameTables(files);
      const entries = (await files.list(h.path)).map((e) => ({ filename: e.name, longname: longName(e.name, e.stat, names), attrs: attrsOf(e.stat) }));
      return entries.length ? sftp.name(reqid, entries) : sftp.status(reqid, STATUS_CODE.EOF);
    }),
  );

  sftp.on('REMOVE', (reqid, path) => guard(reqid, async () => (await files.remove(resolve(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('RMDIR', (reqid, path) => guard(reqid, async () => (await files.rmdir(resolve(path)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('MKDIR', (reqid, path, attrs) =>
    guard(reqid, async () => (await files.mkdir(resolve(path), attrs?.mode !== undefined ? attrs.mode & 0o7777 : 0o777), sftp.status(reqid, STATUS_CODE.OK))),
  );
  sftp.on('RENAME', (reqid, from, to) =>
    guard(reqid, async () => {
      // SFTP v3 rename does not overwrite (OpenSSH's sftp-server refuses an existing target).
      if (await files.stat(resolve(to))) throw new SyscallError(Errno.EEXIST, 'File exists');
      await files.rename(resolve(from), resolve(to));
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  sftp.on('READLINK', (reqid, path) =>
    guard(reqid, async () => {
      const target = await files.readlink(resolve(path));
      sftp.name(reqid, [{ filename: target, longname: target, attrs: {} as ssh2.Attributes }]);
    }),
  );
  // OpenSSH's sftp sends SYMLINK with its arguments swapped relative to the draft (target first).
  sftp.on('SYMLINK', (reqid, linkPath, targetPath) => guard(reqid, async () => (await files.symlink(targetPath, resolve(linkPath)), sftp.status(reqid, STATUS_CODE.OK))));
  sftp.on('error', (err: Error) => log.debug({ err: err.message }, 'sftp stream error'));

  /** Closes what the client left open, after the requests before it (a file's last WRITE first). */
  const closeAll = () =>
    (queue = queue.then(async () => {
      const open = [...handles.values()];
      handles.clear();
      for (const h of open) if (h.kind === 'file') await h.file.close().catch(() => undefined);
    }));
  sftp.on('close', () => void closeAll());
  // The client is done (EOF): end like OpenSSH's sftp-server exiting, with exit-status 0 and
  // a channel close. Without the close scp and sftp wait forever after their last request;
  // without the status scp reports failure (ssh exits -1).
  sftp.on('end', () => {
    void closeAll().then(() => {
      sendExitStatus(sftp, 0);
      sftp.end();
    });
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
