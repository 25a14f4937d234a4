/**
 * The out-of-memory killer. When a fault finds the machine out of physical pages, the
 * largest process of the user most over its share of RAM is ended (the choice is
 * memory-admission.ts's), so one user's runaway program does not take every other user's down;
 * the faulting process then retries its fault with the memory freed.
 */

import type { Kernel } from './kernel.js';
import type { Process } from './process.js';
import { SIGKILL } from './signals.js';

/** Below this many free pages a fault that finds no memory kills for it. */
const OOM_FREE_PAGES = 4;

/** Ends another process to free memory for `faulting`; true when one was killed (the fault is retried). */
export function oomKill(k: Kernel, faulting: Process): boolean {
  if (k.pmm.freePages >= OOM_FREE_PAGES) return false;
  const victim = k.admission.oomVictim(k.pmm.totalPages);
  if (!victim || victim === faulting) return false;
  k.writeStderr(victim, `[Kernel] Out of memory: killed process ${victim.pid} (${victim.name})\n`);
  k.logger.warn({ pid: victim.pid, uid: victim.ruid, cmd: victim.exe, rssKb: victim.vm.residentPages * 4, for: faulting.pid }, 'out of memory: killed the largest process of the user most over its share');
  k.procs.exitProcess(victim, 0, SIGKILL);
  return true;
}
