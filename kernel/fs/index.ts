/** The file system's public surface for the rest of the kernel, the shell and the server. */

export * from './constants.js';
export { Inode, DirInode, FileInode, SymlinkInode, DeviceInode, ROOT, permits, type Stat, type Credentials } from './inode.js';
export {
  OpenFile, RegularFile, DirFile, HostWaiter, hostRead, hostWrite,
  type Blocker, type DirEntry, type IoctlContext, type IoResult, type PollState,
} from './file.js';
export { FileTable, DEFAULT_MAX_FDS } from './filetable.js';
export { Pipe, PipeReader, PipeWriter, createPipe } from './pipe.js';
export { Tty, TtyFile, defaultTermios, type Termios, type TtyOptions, type WinSize } from './tty.js';
export { HostInput, HostOutput, nullOutput } from './stdio.js';
export { MemFs, MemDir, MemFile, MemSymlink } from './memfs.js';
export { openDisk, migrate, FS_SCHEMA_VERSION, type SqliteDatabase } from './disk.js';
export { deviceString, formatMaps, formatMapsLine, formatMeminfo, formatStatus } from './procfs.js';
export { Vfs, USER_UID, USER_GID, readAll, joinPath, type VfsOptions, type DirListing, type Lookup } from './vfs.js';
export type { FsProcess, ProcessInfo, ProcessInfoSource, MemoryRegion, MemoryInfo } from './process.js';
export { guestFiles, toGuestStat, type GuestFileStat } from './guest-files.js';
