/**
 * File-system change notification, the kernel side of inotify (Linux's fsnotify): the Vfs
 * and the open files call these hooks where a file is created, written, read, opened,
 * closed, has its attributes changed, is moved or removed, whichever process (or the host
 * side: sftp, the shell) made the change; every mark (an inotify watch) on the inode, or
 * on its parent directory for events about a child, hears of it.
 *
 * Marks hang off the inode through a WeakMap, so an inode nobody watches costs one map
 * lookup per event and nothing else, and a removed inode takes its marks with it.
 * The order of events for one change follows Linux 6.x (an unlink: IN_ATTRIB on the file,
 * IN_DELETE_SELF and IN_IGNORED once its last name and last open file are gone, then
 * IN_DELETE on the directory).
 */

import type { DirInode, Inode } from './inode.js';

export const IN_ACCESS = 0x1;
export const IN_MODIFY = 0x2;
export const IN_ATTRIB = 0x4;
export const IN_CLOSE_WRITE = 0x8;
export const IN_CLOSE_NOWRITE = 0x10;
export const IN_OPEN = 0x20;
export const IN_MOVED_FROM = 0x40;
export const IN_MOVED_TO = 0x80;
export const IN_CREATE = 0x100;
export const IN_DELETE = 0x200;
export const IN_DELETE_SELF = 0x400;
export const IN_MOVE_SELF = 0x800;
export const IN_UNMOUNT = 0x2000;
export const IN_Q_OVERFLOW = 0x4000;
export const IN_IGNORED = 0x8000;
export const IN_ONLYDIR = 0x01000000;
export const IN_DONT_FOLLOW = 0x02000000;
export const IN_EXCL_UNLINK = 0x04000000;
export const IN_MASK_CREATE = 0x10000000;
export const IN_MASK_ADD = 0x20000000;
export const IN_ISDIR = 0x40000000;
export const IN_ONESHOT = 0x80000000;
export const IN_ALL_EVENTS = 0xfff;

/** One watch of one listener on one inode. */
export interface Mark {
  readonly inode: Inode;
  /** Events wanted (IN_* bits of IN_ALL_EVENTS, plus IN_ONESHOT/IN_EXCL_UNLINK). */
  mask: number;
  /** Called for an event this mark wants; name is set for an event about a child. */
  event(mask: number, cookie: number, name: string | null): void;
  /** The inode is gone: the mark is dropped (inotify queues IN_IGNORED). */
  removed(): void;
}

/** A directory entry as an event names it: the directory and the entry's name. */
export interface Dentry {
  dir: DirInode;
  name: string;
}

const marks = new WeakMap<Inode, Set<Mark>>();
/** Open file descriptions per inode: removal events wait for the last close, as Linux's dentry does. */
const opens = new WeakMap<Inode, number>();
/** Inodes whose last name went while they were open. */
const orphaned = new WeakSet<Inode>();
let nextCookie = 1;

export function addMark(m: Mark): void {
  let set = marks.get(m.inode);
  if (!set) marks.set(m.inode, (set = new Set()));
  set.add(m);
}

export function removeMark(m: Mark): void {
  const set = marks.get(m.inode);
  if (!set) return;
  set.delete(m);
  if (set.size === 0) marks.delete(m.inode);
}

function deliver(node: Inode, mask: number, cookie: number, name: string | null): void {
  const set = marks.get(node);
  if (!set) return;
  const want = mask & IN_ALL_EVENTS;
  for (const m of [...set]) {
    if (!(m.mask & want)) continue;
    // IN_EXCL_UNLINK: no more events about a child once it has no name in the directory.
    if (name !== null && (m.mask & IN_EXCL_UNLINK) && orphaned.has(node)) continue;
    m.event(mask, cookie, name);
  }
}

/** IN_ISDIR for a directory, except on IN_DELETE_SELF and IN_MOVE_SELF (inotify never set it there). */
function withIsdir(node: Inode, mask: number): number {
  return node.type === 'dir' && !(mask & (IN_DELETE_SELF | IN_MOVE_SELF)) ? mask | IN_ISDIR : mask;
}

/**
 * An event about a file (modify, attrib, access, open, close): its parent directory's marks
 * hear it with the file's name, then the file's own marks without one.
 */
export function notifyFile(node: Inode, mask: number, at: Dentry | null): void {
  const m = withIsdir(node, mask);
  if (at && marks.has(at.dir)) deliver(at.dir, m, 0, at.name);
  if (marks.has(node)) deliver(node, m, 0, null);
}

/** An event about the inode alone (a link count's IN_ATTRIB, IN_MOVE_SELF). */
export function notifySelf(node: Inode, mask: number): void {
  if (marks.has(node)) deliver(node, withIsdir(node, mask), 0, null);
}

/** A name appeared in a directory (IN_CREATE). */
export function notifyCreate(dir: DirInode, name: string, node: Inode): void {
  if (marks.has(dir)) deliver(dir, withIsdir(node, IN_CREATE), 0, name);
}

/**
 * A name went from a directory (unlink, rmdir): IN_ATTRIB on a file whose link count fell,
 * the inode's removal if that was its last name, then IN_DELETE on the directory.
 */
export function notifyUnlink(dir: DirInode, name: string, node: Inode, isDir: boolean): void {
  if (!isDir) notifySelf(node, IN_ATTRIB);
  inodeMaybeGone(node, isDir);
  if (marks.has(dir)) deliver(dir, withIsdir(node, IN_DELETE), 0, name);
}

/** A rename: IN_MOVED_FROM/IN_MOVED_TO with one cookie, the replaced file's link count and removal, IN_MOVE_SELF. */
export function notifyRename(from: Dentry, to: Dentry, node: Inode, victim: Inode | undefined): void {
  const cookie = nextCookie;
  nextCookie = (nextCookie + 1) >>> 0 || 1;
  if (marks.has(from.dir)) deliver(from.dir, withIsdir(node, IN_MOVED_FROM), cookie, from.name);
  if (marks.has(to.dir)) deliver(to.dir, withIsdir(node, IN_MOVED_TO), cookie, to.name);
  if (victim) {
    notifySelf(victim, IN_ATTRIB);
    inodeMaybeGone(victim, victim.type === 'dir');
  }
  notifySelf(node, IN_MOVE_SELF);
}

/** An open file description of `node` was made. */
export function fileOpened(node: Inode): void {
  opens.set(node, (opens.get(node) ?? 0) + 1);
}

/** The last reference to an open file description of `node` went (after its close event). */
export function fileClosed(node: Inode): void {
  const n = (opens.get(node) ?? 1) - 1;
  if (n > 0) {
    opens.set(node, n);
    return;
  }
  opens.delete(node);
  if (orphaned.has(node)) {
    orphaned.delete(node);
    inodeGone(node);
  }
}

/** After a name went: the inode is gone now if nothing names or holds it, or at its last close. */
function inodeMaybeGone(node: Inode, isDir: boolean): void {
  if (!isDir && node.nlink() > 0) return;
  if ((opens.get(node) ?? 0) > 0) {
    orphaned.add(node);
    return;
  }
  inodeGone(node);
}

function inodeGone(node: Inode): void {
  const set = marks.get(node);
  if (!set) return;
  deliver(node, withIsdir(node, IN_DELETE_SELF), 0, null);
  for (const m of [...set]) m.removed();
  marks.delete(node);
}
