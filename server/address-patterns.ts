/**
 * sshd's address pattern lists (authorized_keys from="..."): comma-separated patterns,
 * each a wildcard pattern (`*`, `?`) or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`), any
 * of them negated with `!`. A negated match refuses whatever else matches; otherwise one
 * positive match admits. Patterns are compared with the client's IP address only (the
 * server does not resolve names, like sshd with UseDNS no).
 */

import { BlockList, isIP } from 'node:net';

/** `::ffff:127.0.0.1` (an IPv4 client of a dual-stack socket) is 127.0.0.1. */
function plainAddress(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

function matchesOne(pattern: string, ip: string): boolean {
  const slash = pattern.indexOf('/');
  if (slash > 0) {
    const net = pattern.slice(0, slash);
    const bits = Number(pattern.slice(slash + 1));
    const family = isIP(net);
    if (!family || isIP(ip) !== family || !Number.isInteger(bits)) return false;
    const list = new BlockList();
    try {
      list.addSubnet(net, bits, family === 4 ? 'ipv4' : 'ipv6');
    } catch {
      return false;
    }
    return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  }
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(ip);
}

export function addressMatches(patternList: string, address: string): boolean {
  const ip = plainAddress(address);
  let admitted = false;
  for (const raw of patternList.split(',')) {
    const p = raw.trim();
    if (!p) continue;
    if (p.startsWith('!')) {
      if (matchesOne(p.slice(1), ip)) return false;
    } else if (matchesOne(p, ip)) admitted = true;
  }
  return admitted;
}
