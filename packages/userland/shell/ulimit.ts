/**
 * The `ulimit` builtin as dash has it: -H/-S choose the hard or soft limit, one of
 * -t -f -d -s -c -m -l -p -n -v -w -r (and -u, bash's and busybox's spelling of -p) the
 * resource, -a every one; a value ("unlimited" or a number in the resource's unit) sets
 * it, soft and hard together unless -H or -S says which. Values come from and go to the
 * kernel's getrlimit/setrlimit, so what the shell reports is what its children inherit.
 */

import { errnoText } from '../../../kernel/errno.js';
import { LeadingOptions } from '../lib/leading-options.js';
import { SysError } from '../sys.js';
import type { Shell } from './eval.js';

const RLIM_INFINITY = (1n << 64n) - 1n;

interface Resource {
  option: string;
  name: string;
  resource: number;
  /** Bytes (or units) per unit shown: blocks are 512 bytes, kbytes 1024. */
  factor: bigint;
}

/** In dash's order (the order of `ulimit -a`). */
const RESOURCES: Resource[] = [
  { option: 't', name: 'time(seconds)', resource: 0, factor: 1n },
  { option: 'f', name: 'file(blocks)', resource: 1, factor: 512n },
  { option: 'd', name: 'data(kbytes)', resource: 2, factor: 1024n },
  { option: 's', name: 'stack(kbytes)', resource: 3, factor: 1024n },
  { option: 'c', name: 'coredump(blocks)', resource: 4, factor: 512n },
  { option: 'm', name: 'memory(kbytes)', resource: 5, factor: 1024n },
  { option: 'l', name: 'locked memory(kbytes)', resource: 8, factor: 1024n },
  { option: 'p', name: 'process', resource: 6, factor: 1n },
  { option: 'n', name: 'nofiles', resource: 7, factor: 1n },
  { option: 'v', name: 'vmemory(kbytes)', resource: 9, factor: 1024n },
  { option: 'w', name: 'locks', resource: 10, factor: 1n },
  { option: 'r', name: 'rtprio', resource: 14, factor: 1n },
];

const HARD = 1;
const SOFT = 2;

function shown(value: bigint, factor: bigint): string {
  return value === RLIM_INFINITY ? 'unlimited' : String(value / factor);
}

export async function ulimit(sh: Shell, argv: string[]): Promise<number> {
  let how = 0;
  let all = false;
  let chosen = RESOURCES[1]; // -f when none is named
  const options = new LeadingOptions(argv, 1);
  for (let a = options.next(); a !== undefined; a = options.next()) {
    for (const ch of a.slice(1)) {
      if (ch === 'H') how |= HARD;
      else if (ch === 'S') how |= SOFT;
      else if (ch === 'a') all = true;
      else {
        const r = RESOURCES.find((x) => x.option === (ch === 'u' ? 'p' : ch));
        if (!r) {
          await sh.error(`ulimit: Illegal option -${ch}`);
          return 2;
        }
        chosen = r;
      }
    }
  }
  const value = argv[options.index];
  if (all) {
    let text = '';
    for (const r of RESOURCES) {
      const [soft, hard] = sh.sys.getrlimit(r.resource);
      text += `${r.name.padEnd(20)} ${shown(how & SOFT || !how ? soft : hard, r.factor)}\n`;
    }
    await sh.out(text);
    return 0;
  }
  if (value === undefined) {
    const [soft, hard] = sh.sys.getrlimit(chosen.resource);
    await sh.out(shown(how & SOFT || !how ? soft : hard, chosen.factor) + '\n');
    return 0;
  }
  let limit: bigint;
  if (value === 'unlimited') limit = RLIM_INFINITY;
  else if (/^[0-9]+$/.test(value)) {
    limit = BigInt(value) * chosen.factor;
    if (limit >= RLIM_INFINITY) limit = RLIM_INFINITY;
  } else {
    await sh.error('ulimit: bad number');
    return 2;
  }
  if (!how) how = HARD | SOFT;
  let [soft, hard] = sh.sys.getrlimit(chosen.resource);
  if (how & HARD) hard = limit;
  if (how & SOFT) soft = limit;
  try {
    sh.sys.setrlimit(chosen.resource, soft, hard);
  } catch (e) {
    if (!(e instanceof SysError)) throw e;
    await sh.error(`ulimit: error setting limit (${errnoText(e.errno)})`);
    return 2;
  }
  return 0;
}
