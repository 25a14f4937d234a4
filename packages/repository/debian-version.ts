/**
 * Debian version comparison and dependency relations, as Debian Policy §5.6.12 and §7.1
 * describe them, so `pkg install` orders .deb versions exactly as dpkg and apt do:
 * epoch first (numeric, default 0), then the upstream version, then the revision (after
 * the last hyphen), each compared as alternating non-digit runs (letters before other
 * characters, `~` before everything, even the end of the string) and digit runs
 * (numerically). 1.0~rc1 < 1.0 < 1.0+b1 < 1:0.1.
 */

/** The sort weight of one character in a non-digit run (Policy: ~ < end < letters < others). */
function weight(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Compares one upstream version or revision string as dpkg's verrevcmp does. */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit run, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const wa = isDigit(a[i]) ? 0 : weight(a[i]);
      const wb = isDigit(b[j]) ? 0 : weight(b[j]);
      if (wa !== wb) return wa - wb;
      i++;
      j++;
    }
    // Digit run, numerically (leading zeros do not count).
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    let first = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (first === 0) first = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (first !== 0) return first;
  }
  return 0;
}

export interface DebianVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

export function parseDebianVersion(v: string): DebianVersion {
  const colon = v.indexOf(':');
  const epoch = colon > 0 ? Number(v.slice(0, colon)) : 0;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

/** A well-formed Debian version: [epoch:]upstream[-revision], upstream starting with a digit. */
export function isDebianVersion(v: string): boolean {
  return /^(\d+:)?\d[A-Za-z0-9.+~:-]*$/.test(v) && (v.includes(':') ? /^\d+:/.test(v) : true);
}

/** Negative, zero or positive as a sorts before, with or after b. */
export function compareDebianVersions(a: string, b: string): number {
  const x = parseDebianVersion(a);
  const y = parseDebianVersion(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return compareFragment(x.upstream, y.upstream) || compareFragment(x.revision, y.revision);
}

export type RelationOp = '<<' | '<=' | '=' | '>=' | '>>';

/** One alternative of a relation: a package name and an optional version constraint. */
export interface Relation {
  name: string;
  op?: RelationOp;
  version?: string;
}

/** `a (>= 1) | b` : satisfied by any one of its alternatives. */
export type RelationGroup = Relation[];

/** Parses a Depends-style field ("libc6 (>= 2.34), libacl1 | libfoo:any [arm64]"). */
export function parseRelations(field: string): RelationGroup[] {
  const groups: RelationGroup[] = [];
  for (const group of field.split(',')) {
    if (group.trim() === '') continue;
    const alts: Relation[] = [];
    for (const alt of group.split('|')) {
      // Architecture lists [..] and build profiles <..> only matter when building.
      const text = alt.replace(/\[[^\]]*\]/g, '').replace(/<[^>]*>/g, ' ').trim();
      const m = /^([a-z0-9][a-z0-9.+-]*)(?::[a-z0-9-]+)?\s*(?:\(\s*(<<|<=|>=|>>|=|<|>)\s*([^)\s]+)\s*\))?$/.exec(text);
      if (!m) throw new Error(`bad relation '${alt.trim()}'`);
      // Policy: the obsolete < and > mean <= and >=.
      const op = m[2] === '<' ? '<=' : m[2] === '>' ? '>=' : (m[2] as RelationOp | undefined);
      alts.push(op ? { name: m[1]!, op, version: m[3]! } : { name: m[1]! });
    }
    groups.push(alts);
  }
  return groups;
}

/** Whether a version satisfies `op version`. */
export function satisfiesVersion(have: string, op: RelationOp, want: string): boolean {
  const c = compareDebianVersions(have, want);
  switch (op) {
    case '<<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '=':
      return c === 0;
    case '>=':
      return c >= 0;
    case '>>':
      return c > 0;
  }
}

export function formatRelation(r: Relation): string {
  return r.op ? `${r.name} (${r.op} ${r.version})` : r.name;
}

export function formatGroup(g: RelationGroup): string {
  return g.map(formatRelation).join(' | ');
}
