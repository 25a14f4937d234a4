/**
 * The one way to boot a machine: a Kernel with its Vfs wired both ways (the kernel reads
 * executables and opens files through the Vfs; procfs reads processes from the kernel).
 * The server, `akuma-vm run`, the benchmarks and the tests all call it, so a new piece of
 * wiring is added here once.
 */

import { Vfs, type VfsOptions } from './fs/vfs.js';
import { Kernel, type KernelOptions } from './kernel.js';

export interface BootOptions extends KernelOptions {
  /** File system options (disk database, hostname...); `processes` is always this kernel. */
  fs?: Omit<VfsOptions, 'processes'>;
}

export interface BootedMachine {
  kernel: Kernel;
  vfs: Vfs;
}

/** Boots a kernel (throws if the machine cannot be created, e.g. too much RAM) and its file system. */
export function bootKernel(options: BootOptions = {}): BootedMachine {
  const { fs, ...kernelOptions } = options;
  const kernel = new Kernel(kernelOptions);
  const vfs = new Vfs({ ...fs, processes: kernel });
  kernel.vfs = vfs;
  return { kernel, vfs };
}
