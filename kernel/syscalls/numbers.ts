/** Linux AArch64 (asm-generic) system call numbers for the calls the kernel knows by name. */
export const SYSCALL_NUMBERS = {
  getcwd: 17, dup: 23, dup3: 24, fcntl: 25, ioctl: 29, mknodat: 33, mkdirat: 34, unlinkat: 35, symlinkat: 36,
  linkat: 37, renameat: 38, ftruncate: 46, faccessat: 48, chdir: 49, fchmodat: 53, fchownat: 54,
  openat: 56, close: 57, pipe2: 59, getdents64: 61, lseek: 62, read: 63, write: 64, readv: 65,
  writev: 66, pread64: 67, pwrite64: 68, ppoll: 73, readlinkat: 78, newfstatat: 79, fstat: 80,
  sync: 81, fsync: 82, fdatasync: 83, exit: 93, exit_group: 94, waitid: 95, set_tid_address: 96,
  futex: 98, set_robust_list: 99, nanosleep: 101, clock_gettime: 113, clock_getres: 114,
  clock_nanosleep: 115, sched_yield: 124, kill: 129, tkill: 130, tgkill: 131, sigaltstack: 132,
  rt_sigsuspend: 133, rt_sigaction: 134, rt_sigprocmask: 135, rt_sigreturn: 139, setpgid: 154,
  getpgid: 155, setsid: 157, uname: 160, getrlimit: 163, setrlimit: 164, umask: 166, prctl: 167,
  gettimeofday: 169, getpid: 172, getppid: 173, getuid: 174, geteuid: 175, getgid: 176,
  getegid: 177, gettid: 178, sysinfo: 179, brk: 214, munmap: 215, mremap: 216, clone: 220,
  execve: 221, mmap: 222, mprotect: 226, msync: 227, madvise: 233, wait4: 260, prlimit64: 261,
  mq_open: 180, mq_unlink: 181, mq_timedsend: 182, mq_timedreceive: 183, mq_notify: 184, mq_getsetattr: 185,
  msgget: 186, msgctl: 187, msgrcv: 188, msgsnd: 189, semget: 190, semctl: 191, semtimedop: 192,
  semop: 193, shmget: 194, shmctl: 195, shmat: 196, shmdt: 197,
  process_vm_readv: 270, process_vm_writev: 271, renameat2: 276, getrandom: 278, rseq: 293, statx: 291, execveat: 281, openat2: 437,
} as const;

export type SyscallName = keyof typeof SYSCALL_NUMBERS;

