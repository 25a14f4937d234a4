/**
 * Command-line option parsing in the POSIX getopt style with GNU long options, the way
 * busybox's applets (over glibc getopt_long) read their arguments: clustered short
 * options (`-rn`), attached or separate values (`-n5`, `-n 5`), `--` ends options,
 * `--long`, `--long=value`; operands and options may be mixed (GNU permutation) unless
 * the tool asks to stop at the first operand (env, xargs, timeout ...).
 */

export class UsageError extends Error {}

export interface GetoptSpec {
  /** Short options: letters, a letter followed by ':' takes a value, by '::' an optional value (attached only). */
  short: string;
  /** Long option name -> the short letter (or a made-up key) it stands for; a trailing '=' on the name means it takes a value. */
  long?: Record<string, string>;
  /** Stop at the first operand (POSIXLY_CORRECT / '+' in getopt). */
  stopAtOperand?: boolean;
}

export class Options {
  readonly list: Array<[string, string]> = [];
  readonly operands: string[] = [];

  has(k: string): boolean {
    return this.list.some(([o]) => o === k);
  }
  count(k: string): number {
    return this.list.filter(([o]) => o === k).length;
  }
  /** The last value given for k. */
  get(k: string): string | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i][0] === k) return this.list[i][1];
    return undefined;
  }
  all(k: string): string[] {
    return this.list.filter(([o]) => o === k).map(([, v]) => v);
  }
}

export function getopt(args: string[], spec: GetoptSpec): Options {
  const res = new Options();
  const takes = new Map<string, boolean | 'optional'>();
  for (let i = 0; i < spec.short.length; i++) {
    const c = spec.short[i];
    if (c === ':') continue;
    takes.set(c, spec.short[i + 1] === ':' ? (spec.short[i + 2] === ':' ? 'optional' : true) : false);
  }
  const longs = new Map<string, { key: string; arg: boolean }>();
  for (const [name, key] of Object.entries(spec.long ?? {})) {
    if (name.endsWith('=')) longs.set(name.slice(0, -1), { key, arg: true });
    else longs.set(name, { key, arg: false });
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      let def = longs.get(name);
      if (!def) {
        const cands = [...longs.keys()].filter((n) => n.startsWith(name));
        if (cands.length === 1) def = longs.get(cands[0]);
        else if (cands.length > 1) throw new UsageError(`option '--${name}' is ambiguous`);
      }
      if (!def) throw new UsageError(`unrecognized option '${a}'`);
      if (def.arg) {
        if (eq >= 0) res.list.push([def.key, a.slice(eq + 1)]);
        else if (i + 1 < args.length) res.list.push([def.key, args[++i]]);
        else throw new UsageError(`option '${a}' requires an argument`);
      } else {
        if (eq >= 0) throw new UsageError(`option '--${name}' doesn't allow an argument`);
        res.list.push([def.key, '']);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const t = takes.get(c);
        if (t === undefined) throw new UsageError(`invalid option -- '${c}'`);
        if (t === 'optional') {
          res.list.push([c, a.slice(j + 1)]);
          break;
        }
        if (t) {
          if (j + 1 < a.length) res.list.push([c, a.slice(j + 1)]);
          else if (i + 1 < args.length) res.list.push([c, args[++i]]);
          else throw new UsageError(`option requires an argument -- '${c}'`);
          break;
        }
        res.list.push([c, '']);
      }
      continue;
    }
    if (spec.stopAtOperand) break;
    res.operands.push(a);
  }
  for (; i < args.length; i++) res.operands.push(args[i]);
  return res;
}
