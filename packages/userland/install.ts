/**
 * Boot-time installation of the machine's userland: registers its programs with the
 * kernel as native programs (kernel/native.ts) and writes their /bin entries, so /bin/sh
 * and every tool are found by `ls /bin`, `command -v`, and execve from any guest program.
 * The kernel never imports the userland; whoever boots a machine calls this.
 */

import type { Kernel } from '../../kernel/kernel.js';
import type { Vfs } from '../../kernel/fs/vfs.js';
import { UTS_NAME_LEN } from '../../kernel/uts.js';
import { baseSystemOf, installPrograms, type KernelSys } from './kernel-sys.js';
import { machine, packagesOf, setPackagesOf } from './shell/builtins.js';
import { runPkg, type PackageStore } from './shell/pkg.js';
import { sh } from './shell/sh.js';
import type { UserProgram } from './sys.js';
import { TOOLS } from './tools/index.js';

export interface UserlandOptions {
  packages?: PackageStore | null;
  hostname?: string;
  /** More programs (the everyday tools' registry, tests). */
  programs?: Record<string, UserProgram>;
  /** A root file system is under the disk (serve --rootfs): its own programs keep their names. */
  rootfs?: boolean;
  /**
   * The /bin entries are there already (a copy-on-write machine sees its base system's):
   * only register the programs with this kernel, writing nothing.
   */
  registerOnly?: boolean;
}

export function installUserland(kernel: Kernel, options: UserlandOptions = {}): void {
  setPackagesOf(kernel, options.packages ?? null);
  if (!options.registerOnly) {
    machine.packages = options.packages ?? null;
    machine.hostname = options.hostname ?? 'akuma';
  }
  // Under a root file system's own shell (bash) pkg is a program, as the embedded shell's builtin is not there.
  const extra: Record<string, UserProgram> = options.rootfs ? { pkg: pkgProgram } : {};
  // A Debian package's file at /bin/NAME (coreutils' ls) stays over the embedded program across restarts.
  const owned = new Set<string>();
  const store = options.packages;
  if (!options.registerOnly && store?.installedFiles) for (const r of store.installed()) for (const p of store.installedFiles(r.name) ?? []) owned.add(p);
  installPrograms(kernel, { ...TOOLS, ...extra, ...(options.programs ?? {}), sh: sh as unknown as UserProgram }, options.registerOnly ? null : '/bin', options.rootfs ?? false, owned);
  nameMachineFromEtcHostname(kernel);
}

/** As an init does at boot: the machine's name is /etc/hostname's first line, when the system has one that fits. */
function nameMachineFromEtcHostname(kernel: Kernel): void {
  let name = '';
  try {
    name = (kernel.vfs as Vfs).readText('/etc/hostname').split('\n')[0].trim();
  } catch {
    return; // no /etc/hostname: the kernel's default name stays
  }
  if (name && Buffer.byteLength(name) <= UTS_NAME_LEN) kernel.uts.nodename = name;
}

/** `pkg ...` as a program: the same command as the embedded shell's builtin. */
const pkgProgram: UserProgram = async (sys, argv) => {
  let out = '';
  let err = '';
  const kernel = (sys as KernelSys).kernel;
  const status = runPkg(packagesOf(kernel), kernel.vfs as Vfs, argv.slice(1), { out: (t) => (out += t), err: (t) => (err += t) }, baseSystemOf(kernel));
  if (out) await sys.write(1, out);
  if (err) await sys.write(2, err);
  return status;
};
