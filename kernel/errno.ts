/** Linux errno values (asm-generic), as AArch64 Linux returns them negated in x0. */
export const enum Errno {
  EPERM = 1,
  ENOENT = 2,
  ESRCH = 3,
  EINTR = 4,
  EIO = 5,
  ENXIO = 6,
  E2BIG = 7,
  ENOEXEC = 8,
  EBADF = 9,
  ECHILD = 10,
  EAGAIN = 11,
  ENOMEM = 12,
  EACCES = 13,
  EFAULT = 14,
  ENOTBLK = 15,
  EBUSY = 16,
  EEXIST = 17,
  EXDEV = 18,
  ENODEV = 19,
  ENOTDIR = 20,
  EISDIR = 21,
  EINVAL = 22,
  ENFILE = 23,
  EMFILE = 24,
  ENOTTY = 25,
  EFBIG = 27,
  ENOSPC = 28,
  ESPIPE = 29,
  EROFS = 30,
  EMLINK = 31,
  EPIPE = 32,
  ERANGE = 34,
  EDEADLK = 35,
  ENAMETOOLONG = 36,
  ENOSYS = 38,
  ENOTEMPTY = 39,
  ELOOP = 40,
  // System V IPC.
  ENOMSG = 42,
  EIDRM = 43,
  ENOTSUP = 95,
  EDOM = 33,
  ENODATA = 61,
  // Sockets.
  ENOTSOCK = 88,
  EDESTADDRREQ = 89,
  EMSGSIZE = 90,
  EPROTOTYPE = 91,
  ENOPROTOOPT = 92,
  EPROTONOSUPPORT = 93,
  ESOCKTNOSUPPORT = 94,
  EAFNOSUPPORT = 97,
  EADDRINUSE = 98,
  EADDRNOTAVAIL = 99,
  ENETUNREACH = 101,
  ECONNABORTED = 103,
  ECONNRESET = 104,
  ENOBUFS = 105,
  EISCONN = 106,
  ENOTCONN = 107,
  ETIMEDOUT = 110,
  ECONNREFUSED = 111,
  EHOSTUNREACH = 113,
  EALREADY = 114,
  EINPROGRESS = 115,
  ESTALE = 116,
  /** A quota reached (a machine's disk quota: serve --machine-disk). */
  EDQUOT = 122,
}

export const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 5: 'EIO', 6: 'ENXIO', 7: 'E2BIG', 8: 'ENOEXEC',
  9: 'EBADF', 10: 'ECHILD', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 15: 'ENOTBLK', 16: 'EBUSY',
  17: 'EEXIST', 18: 'EXDEV', 19: 'ENODEV', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL', 23: 'ENFILE',
  24: 'EMFILE', 25: 'ENOTTY', 27: 'EFBIG', 28: 'ENOSPC', 29: 'ESPIPE', 30: 'EROFS', 31: 'EMLINK',
  32: 'EPIPE', 34: 'ERANGE', 35: 'EDEADLK', 36: 'ENAMETOOLONG', 38: 'ENOSYS', 39: 'ENOTEMPTY', 40: 'ELOOP', 42: 'ENOMSG', 43: 'EIDRM', 95: 'ENOTSUP',
  33: 'EDOM', 61: 'ENODATA', 88: 'ENOTSOCK', 89: 'EDESTADDRREQ', 90: 'EMSGSIZE', 91: 'EPROTOTYPE', 92: 'ENOPROTOOPT',
  93: 'EPROTONOSUPPORT', 94: 'ESOCKTNOSUPPORT', 97: 'EAFNOSUPPORT', 98: 'EADDRINUSE', 99: 'EADDRNOTAVAIL',
  101: 'ENETUNREACH', 103: 'ECONNABORTED', 104: 'ECONNRESET', 105: 'ENOBUFS', 106: 'EISCONN',
  107: 'ENOTCONN', 110: 'ETIMEDOUT', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH', 114: 'EALREADY',
  115: 'EINPROGRESS', 116: 'ESTALE', 122: 'EDQUOT',
};

/**
 * Thrown by kernel code to fail a system call with an errno. The syscall dispatcher turns
 * it into -errno in x0. Only error paths allocate one.
 */
export class SyscallError extends Error {
  constructor(readonly errno: Errno, detail?: string) {
    super(detail ?? ERRNO_NAMES[errno] ?? `errno ${errno}`);
  }
}

/** strerror(3) texts, as glibc words them (the shell's and tools' messages use them). */
const ERRNO_TEXTS: Readonly<Record<number, string>> = {
  1: 'Operation not permitted', 2: 'No such file or directory', 3: 'No such process', 4: 'Interrupted system call',
  5: 'Input/output error', 6: 'No such device or address', 7: 'Argument list too long', 8: 'Exec format error',
  9: 'Bad file descriptor', 10: 'No child processes', 11: 'Resource temporarily unavailable', 12: 'Cannot allocate memory',
  13: 'Permission denied', 14: 'Bad address', 16: 'Device or resource busy', 17: 'File exists', 18: 'Invalid cross-device link',
  19: 'No such device', 20: 'Not a directory', 21: 'Is a directory', 22: 'Invalid argument', 23: 'Too many open files in system',
  24: 'Too many open files', 25: 'Inappropriate ioctl for device', 27: 'File too large', 28: 'No space left on device',
  29: 'Illegal seek', 30: 'Read-only file system', 31: 'Too many links', 32: 'Broken pipe', 34: 'Numerical result out of range',
  36: 'File name too long', 38: 'Function not implemented', 39: 'Directory not empty', 40: 'Too many levels of symbolic links',
  95: 'Operation not supported', 33: 'Numerical argument out of domain', 35: 'Resource deadlock avoided',
  42: 'No message of desired type', 43: 'Identifier removed', 61: 'No data available', 88: 'Socket operation on non-socket',
  89: 'Destination address required', 90: 'Message too long', 91: 'Protocol wrong type for socket', 92: 'Protocol not available',
  93: 'Protocol not supported', 94: 'Socket type not supported', 97: 'Address family not supported by protocol',
  98: 'Address already in use', 99: 'Cannot assign requested address', 101: 'Network is unreachable',
  103: 'Software caused connection abort', 104: 'Connection reset by peer', 105: 'No buffer space available',
  106: 'Transport endpoint is already connected', 107: 'Transport endpoint is not connected', 110: 'Connection timed out',
  111: 'Connection refused', 113: 'No route to host', 114: 'Operation already in progress', 115: 'Operation now in progress',
  122: 'Disk quota exceeded',
};

/** The strerror text of an errno ("No such file or directory"). */
export function errnoText(errno: number): string {
  return ERRNO_TEXTS[errno] ?? `Unknown error ${errno}`;
}
