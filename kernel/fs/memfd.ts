/**
 * memfd_create(2): an anonymous regular file in memory. It has no name in any directory (its
 * path, as /proc/self/fd shows it, is "/memfd:NAME (deleted)"), goes away at its last close,
 * (no link: st_nlink 0, as Linux shows it) and may carry seals (F_ADD_SEALS) that forbid growing, shrinking or writing it.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_LARGEFILE, O_RDWR, makedev } from './constants.js';
import type { RegularFile } from './file.js';
import type { Credentials } from './inode.js';
import { MemFile, MemFs, SEAL_SEAL } from './memfs.js';

/** st_dev of memfds (Linux puts them on an internal shmem mount). */
export const MEMFD_DEV = makedev(0, 1);

let memfds: MemFs | null = null;

/** Creates the file and opens it read-write; `sealing` is MFD_ALLOW_SEALING. */
export function createMemfd(name: string, sealing: boolean, cred: Credentials, limitBytes: number): RegularFile {
  if (Buffer.byteLength(name) > 249) throw new SyscallError(Errno.EINVAL);
  if (!memfds || memfds.limitBytes !== limitBytes) memfds = new MemFs(MEMFD_DEV, null, limitBytes);
  const fs = memfds;
  const node = new MemFile(fs, fs.allocIno({ type: 'reg', mode: 0o777, uid: cred.uid, gid: cred.gid, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 }), 0o777, cred.uid, cred.gid, Date.now(), 0);
  if (!sealing) node.seals = SEAL_SEAL;
  return node.open(O_RDWR | O_LARGEFILE, `/memfd:${name} (deleted)`, null) as RegularFile;
}
