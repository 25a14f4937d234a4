/**
 * The UTS namespace: the host and domain names uname(2) reports, which sethostname(2) and
 * setdomainname(2) change and /proc/sys/kernel/{hostname,domainname} show. The machine has one
 * at boot (Kernel.uts); unshare(CLONE_NEWUTS) or clone(CLONE_NEWUTS) by root gives a process a
 * copy of its own, inherited by its children, as Linux does.
 */

/** __NEW_UTS_LEN: a name is at most 64 bytes. */
export const UTS_NAME_LEN = 64;

export class UtsNamespace {
  constructor(public nodename = 'akuma', public domainname = '(none)') {}

  copy(): UtsNamespace {
    return new UtsNamespace(this.nodename, this.domainname);
  }
}

/** What never changes in uname(2). */
export const UTS_FIXED = {
  sysname: 'Linux',
  release: '6.1.0-akuma',
  version: '#1 SMP akuma-vm',
  machine: 'aarch64',
};
