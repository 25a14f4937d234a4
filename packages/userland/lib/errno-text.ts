/**
 * strerror(3) for the userland: the Linux message text of each errno name, so that the
 * tools print `grep: x: No such file or directory` exactly as busybox (over glibc) does.
 */
import { SysError } from '../sys.js';

const TEXTS: Record<string, string> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EINTR: 'Interrupted system call',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  E2BIG: 'Argument list too long',
  ENOEXEC: 'Exec format error',
  EBADF: 'Bad file descriptor',
  ECHILD: 'No child processes',
  EAGAIN: 'Resource temporarily unavailable',
  ENOMEM: 'Cannot allocate memory',
  EACCES: 'Permission denied',
  EFAULT: 'Bad address',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  ENODEV: 'No such device',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  ENFILE: 'Too many open files in system',
  EMFILE: 'Too many open files',
  ENOTTY: 'Inappropriate ioctl for device',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  ESPIPE: 'Illegal seek',
  EROFS: 'Read-only file system',
  EMLINK: 'Too many links',
  EPIPE: 'Broken pipe',
  ERANGE: 'Numerical result out of range',
  ENAMETOOLONG: 'File name too long',
  ENOSYS: 'Function not implemented',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Too many levels of symbolic links',
  ENOTSUP: 'Operation not supported',
  EOPNOTSUPP: 'Operation not supported',
};

/** The message for an errno name ('ENOENT' -> 'No such file or directory'). */
export function strerror(code: string): string {
  return TEXTS[code] ?? `Unknown error ${code}`;
}

/** The message for anything a Sys call threw. */
export function errorText(e: unknown): string {
  if (e instanceof SysError) return strerror(e.code);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The errno name of a SysError, else undefined (so callers can test `code(e) === 'ENOENT'`). */
export function errCode(e: unknown): string | undefined {
  return e instanceof SysError ? e.code : undefined;
}
