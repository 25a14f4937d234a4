/**
 * Copying files and trees through Sys, for cp, mv (across file systems) and install:
 * regular files by read/write, symlinks recreated (or followed), directories recursed,
 * and -p's mode, owner and times.
 */
import { O, type StatResult } from '../sys.js';
import { errCode, errorText } from './errno-text.js';
import { isDir, isLnk, isReg, joinPath, listDir, S_IFMT } from './files.js';
import type { Ctx } from './program.js';

export interface CopyOptions {
  recursive: boolean;
  /** Copy symlinks as links (-d / -P / -a / -R). */
  noDereference: boolean;
  preserve: boolean;
  /** Remove a destination that cannot be opened, then retry (-f). */
  force: boolean;
  /** Do not overwrite (-n). */
  noClobber: boolean;
  /** Ask before overwriting (-i): returns whether to go on. */
  confirm?: (dst: string) => Promise<boolean>;
  /** Hard-link instead of copying (-l), symlink (-s). */
  link?: 'hard' | 'soft';
  /** Only when the source is newer (-u). */
  update?: boolean;
  verbose?: boolean;
}

async function copyData(ctx: Ctx, src: string, dst: string, st: StatResult, opts: CopyOptions): Promise<boolean> {
  let inFd: number;
  try {
    inFd = ctx.sys.open(src, O.RDONLY);
  } catch (e) {
    await ctx.error(`can't open '${src}': ${errorText(e)}`);
    return false;
  }
  let outFd: number;
  try {
    try {
      outFd = ctx.sys.open(dst, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o777);
    } catch (e) {
      if (!opts.force || errCode(e) === 'ENOENT') throw e;
      ctx.sys.unlink(dst);
      outFd = ctx.sys.open(dst, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o777);
    }
  } catch (e) {
    ctx.sys.close(inFd);
    await ctx.error(`can't create '${dst}': ${errorText(e)}`);
    return false;
  }
  try {
    for (;;) {
      const b = await ctx.sys.read(inFd, 65536);
      if (b.length === 0) break;
      await ctx.sys.write(outFd, b);
    }
  } catch (e) {
    await ctx.error(`error copying '${src}': ${errorText(e)}`);
    return false;
  } finally {
    ctx.sys.close(inFd);
    ctx.sys.close(outFd);
  }
  return true;
}

function preserve(ctx: Ctx, dst: string, st: StatResult): void {
  try {
    ctx.sys.utimes(dst, st.atimeMs, st.mtimeMs);
  } catch {
    /* best effort, as cp -p */
  }
  try {
    ctx.sys.chown(dst, st.uid, st.gid);
  } catch {
    /* not permitted */
  }
  try {
    ctx.sys.chmod(dst, st.mode & 0o7777);
  } catch {
    /* best effort */
  }
}

/** Copies src to dst (dst is the final name). Prints messages; returns success. */
export async function copyPath(ctx: Ctx, src: string, dst: string, opts: CopyOptions, topLevel = true): Promise<boolean> {
  let st: StatResult;
  try {
    st = opts.noDereference ? ctx.sys.lstat(src) : ctx.sys.stat(src);
  } catch (e) {
    await ctx.error(`can't stat '${src}': ${errorText(e)}`);
    return false;
  }
  let dstSt: StatResult | null = null;
  try {
    dstSt = ctx.sys.lstat(dst);
  } catch {
    /* does not exist */
  }
  if (dstSt && dstSt.ino === st.ino && dstSt.dev === st.dev && !isDir(st.mode)) {
    await ctx.error(`'${src}' and '${dst}' are the same file`);
    return false;
  }
  if (isDir(st.mode)) {
    if (!opts.recursive) {
      await ctx.error(`omitting directory '${src}'`);
      return false;
    }
    if (dstSt && !isDir(dstSt.mode)) {
      await ctx.error(`target '${dst}' is not a directory`);
      return false;
    }
    if (!dstSt) {
      try {
        ctx.sys.mkdir(dst, (st.mode & 0o777) | 0o700);
      } catch (e) {
        await ctx.error(`can't create directory '${dst}': ${errorText(e)}`);
        return false;
      }
    }
    let ok = true;
    let names: string[] = [];
    try {
      names = listDir(ctx, src);
    } catch (e) {
      await ctx.error(`can't open '${src}': ${errorText(e)}`);
      return false;
    }
    for (const n of names) if (!(await copyPath(ctx, joinPath(src, n), joinPath(dst, n), opts, false))) ok = false;
    if (opts.preserve) preserve(ctx, dst, st);
    else if (!dstSt) {
      try {
        ctx.sys.chmod(dst, st.mode & 0o777 & ~currentUmask(ctx));
      } catch {
        /* best effort */
      }
    }
    return ok;
  }
  if (dstSt) {
    if (opts.noClobber) return true;
    if (opts.update && dstSt.mtimeMs >= st.mtimeMs) return true;
    if (opts.confirm) {
      if (!(await opts.confirm(dst))) return true;
      // busybox removes the file it was allowed to overwrite, so the copy gets the source's mode
      try {
        ctx.sys.unlink(dst);
        dstSt = null;
      } catch {
        /* overwrite in place */
      }
    }
  }
  void topLevel;
  if (opts.verbose) await ctx.out.write(`'${src}' -> '${dst}'\n`);
  if (opts.link) {
    try {
      if (dstSt) ctx.sys.unlink(dst);
      if (opts.link === 'hard') ctx.sys.link(src, dst);
      else ctx.sys.symlink(src, dst);
      return true;
    } catch (e) {
      await ctx.error(`can't create link '${dst}': ${errorText(e)}`);
      return false;
    }
  }
  if (isLnk(st.mode)) {
    try {
      const target = ctx.sys.readlink(src);
      if (dstSt) ctx.sys.unlink(dst);
      ctx.sys.symlink(target, dst);
      if (opts.preserve) {
        try {
          ctx.sys.chown(dst, st.uid, st.gid, true);
        } catch {
          /* best effort */
        }
      }
      return true;
    } catch (e) {
      await ctx.error(`can't create symlink '${dst}': ${errorText(e)}`);
      return false;
    }
  }
  if (!isReg(st.mode) && (st.mode & S_IFMT) !== 0) {
    // devices, fifos, sockets: copy their data as busybox does when not recursive
    if (opts.recursive) {
      await ctx.error(`can't create '${dst}': special files are not supported`);
      return false;
    }
  }
  if (dstSt && isDir(dstSt.mode)) {
    await ctx.error(`'${dst}' is a directory`);
    return false;
  }
  if (!(await copyData(ctx, src, dst, st, opts))) return false;
  if (opts.preserve) preserve(ctx, dst, st);
  return true;
}

function currentUmask(ctx: Ctx): number {
  const m = ctx.sys.umask(0);
  ctx.sys.umask(m);
  return m;
}
