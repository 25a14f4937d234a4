/**
 * diff: compare files line by line (Myers' shortest edit script) and print the normal
 * format or -u unified hunks with -U N context; -q brief, -r recursive over directories,
 * -N absent files as empty, -i -b -w -B to ignore case and white space; exit 0 same, 1
 * different, 2 trouble. Headers carry the files' times as busybox prints them.
 */
import { errorText } from '../lib/errno-text.js';
import { isDir, joinPath, listDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Input, splitLines } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { program, type Ctx } from '../lib/program.js';
import { strftime } from '../lib/time-format.js';

type Op = { kind: '=' | '-' | '+'; a: number; b: number };

/** Myers' O(ND) diff: the edit script from a to b as equal/delete/insert steps. */
export function editScript(a: string[], b: string[], eq: (x: string, y: string) => boolean): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && eq(a[x], b[y])) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0; d--) {
    const vv = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vv[max + k - 1] < vv[max + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vv[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: '=', a: --x, b: --y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', a: x, b: --y });
      else ops.push({ kind: '-', a: --x, b: y });
    }
  }
  return ops.reverse();
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

export const diff = program('diff', async (ctx) => {
  const o = getopt(ctx.args, { short: 'qrNuU:ibwBasdtT', long: { brief: 'q', recursive: 'r', 'new-file': 'N', unified: 'u', 'unified=': 'U', 'ignore-case': 'i', 'ignore-space-change': 'b', 'ignore-all-space': 'w', 'ignore-blank-lines': 'B', text: 'a', 'report-identical-files': 's' } });
  if (o.operands.length !== 2) return 2 + 0 * (await ctx.usage('[-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2'));
  // busybox's diff prints only the unified format
  const unified = true;
  const context = o.has('U') ? Number(o.get('U')) : 3;
  const norm = (s: string) => {
    let t = s;
    if (o.has('w')) t = t.replace(/[ \t]+/g, '');
    else if (o.has('b')) t = t.replace(/[ \t]+/g, ' ').replace(/ $/, '');
    if (o.has('i')) t = t.toLowerCase();
    return t;
  };
  const eq = o.has('i') || o.has('w') || o.has('b') ? (x: string, y: string) => norm(x) === norm(y) : (x: string, y: string) => x === y;
  let status = 0;
  const read = async (p: string): Promise<string | null> => {
    if (p === '-') return new Input(ctx.sys, 0).all();
    try {
      const inp = Input.open(ctx.sys, p);
      const t = await inp.all();
      inp.close();
      return t;
    } catch (e) {
      await ctx.error(`can't open '${p}': ${errorText(e)}`);
      return null;
    }
  };
  const stamp = (p: string): string => {
    try {
      const ms = p === '-' ? ctx.sys.now() : ctx.sys.stat(p).mtimeMs;
      return strftime('%Y-%m-%d %H:%M:%S', ms) + '.' + String(Math.floor(ms % 1000) * 1000000).padStart(9, '0') + ' +0000';
    } catch {
      return strftime('%Y-%m-%d %H:%M:%S', 0) + '.000000000 +0000';
    }
  };
  const diffFiles = async (pa: string, pb: string, absentA = false, absentB = false): Promise<void> => {
    const ta = absentA ? '' : await read(pa);
    const tb = absentB ? '' : await read(pb);
    if (ta === null || tb === null) {
      status = 2;
      return;
    }
    if (ta === tb) return;
    const a = splitLines(ta);
    const b = splitLines(tb);
    const noNlA0 = ta !== '' && !ta.endsWith('\n');
    const noNlB0 = tb !== '' && !tb.endsWith('\n');
    // a last line without its newline differs from the same text with one
    const ka = a.map((l, k) => (k === a.length - 1 && noNlA0 ? l + '\0nonl' : l));
    const kb = b.map((l, k) => (k === b.length - 1 && noNlB0 ? l + '\0nonl' : l));
    const ops = editScript(ka, kb, eq);
    if (!ops.some((x) => x.kind !== '=')) return;
    status = Math.max(status, 1);
    if (o.has('q')) {
      await ctx.out.write(`Files ${bytesOf(pa)} and ${bytesOf(pb)} differ\n`);
      return;
    }
    const noNlA = ta !== '' && !ta.endsWith('\n');
    const noNlB = tb !== '' && !tb.endsWith('\n');
    const lineOut = (prefix: string, s: string, idx: number, isA: boolean): string => {
      const last = isA ? idx === a.length - 1 && noNlA : idx === b.length - 1 && noNlB;
      return prefix + s + '\n' + (last ? '\\ No newline at end of file\n' : '');
    };
    let out = '';
    if (unified) {
      // busybox's headers carry no times
      void stamp;
      out += `--- ${bytesOf(pa)}\n+++ ${bytesOf(pb)}\n`;
      // group changes with `context` lines around them
      const idx: number[] = [];
      ops.forEach((op, i) => op.kind !== '=' && idx.push(i));
      let i = 0;
      while (i < idx.length) {
        const start = Math.max(0, idx[i] - context);
        let end = idx[i];
        let j = i;
        while (j + 1 < idx.length && idx[j + 1] - end - 1 <= 2 * context) end = idx[++j];
        end = Math.min(ops.length - 1, end + context);
        const seg = ops.slice(start, end + 1);
        const aLines = seg.filter((x) => x.kind !== '+');
        const bLines = seg.filter((x) => x.kind !== '-');
        const aStart = aLines.length ? aLines[0].a + 1 : (seg[0].a);
        const bStart = bLines.length ? bLines[0].b + 1 : (seg[0].b);
        const range = (s: number, n: number) => (n === 1 ? `${s}` : `${n === 0 ? s : s},${n}`);
        out += `@@ -${range(aStart, aLines.length)} +${range(bStart, bLines.length)} @@\n`;
        for (const x of seg) {
          if (x.kind === '=') out += lineOut(' ', a[x.a], x.a, true);
          else if (x.kind === '-') out += lineOut('-', a[x.a], x.a, true);
          else out += lineOut('+', b[x.b], x.b, false);
        }
        i = j + 1;
      }
    } else {
      let i = 0;
      while (i < ops.length) {
        if (ops[i].kind === '=') {
          i++;
          continue;
        }
        let j = i;
        while (j < ops.length && ops[j].kind !== '=') j++;
        const seg = ops.slice(i, j);
        const dels = seg.filter((x) => x.kind === '-');
        const adds = seg.filter((x) => x.kind === '+');
        const r = (lo: number, hi: number) => (lo === hi ? `${lo}` : `${lo},${hi}`);
        const h: Hunk = { a0: dels.length ? dels[0].a + 1 : ops[i].a, a1: dels.length ? dels[dels.length - 1].a + 1 : ops[i].a, b0: adds.length ? adds[0].b + 1 : ops[i].b, b1: adds.length ? adds[adds.length - 1].b + 1 : ops[i].b };
        if (dels.length && adds.length) out += `${r(h.a0, h.a1)}c${r(h.b0, h.b1)}\n`;
        else if (dels.length) out += `${r(h.a0, h.a1)}d${h.b0}\n`;
        else out += `${h.a0}a${r(h.b0, h.b1)}\n`;
        for (const x of dels) out += lineOut('< ', a[x.a], x.a, true);
        if (dels.length && adds.length) out += '---\n';
        for (const x of adds) out += lineOut('> ', b[x.b], x.b, false);
        i = j;
      }
    }
    await ctx.out.write(out);
  };
  const kind = (p: string): 'dir' | 'file' | null => {
    try {
      return isDir(ctx.sys.stat(p).mode) ? 'dir' : 'file';
    } catch {
      return null;
    }
  };
  const diffPaths = async (pa: string, pb: string, top: boolean): Promise<void> => {
    const ka = pa === '-' ? 'file' : kind(pa);
    const kb = pb === '-' ? 'file' : kind(pb);
    if (ka === null || kb === null) {
      if (!top && o.has('N')) {
        await diffFiles(pa, pb, ka === null, kb === null);
        return;
      }
      const missing = ka === null ? pa : pb;
      await ctx.error(`can't stat '${missing}': No such file or directory`);
      status = 2;
      return;
    }
    if (ka === 'dir' && kb === 'dir') {
      const na = new Set(listDir(ctx, pa));
      const nb = new Set(listDir(ctx, pb));
      const all = [...new Set([...na, ...nb])].sort();
      for (const n of all) {
        const xa = joinPath(pa, n);
        const xb = joinPath(pb, n);
        if (!na.has(n) || !nb.has(n)) {
          if (o.has('N')) {
            await diffPaths(xa, xb, false);
            continue;
          }
          await ctx.out.write(`Only in ${bytesOf(na.has(n) ? pa : pb)}: ${bytesOf(n)}\n`);
          status = Math.max(status, 1);
          continue;
        }
        const ca = kind(xa);
        const cb = kind(xb);
        if (ca === 'dir' && cb === 'dir') {
          if (o.has('r')) await diffPaths(xa, xb, false);
          else await ctx.out.write(`Common subdirectories: ${bytesOf(xa)} and ${bytesOf(xb)}\n`);
          continue;
        }
        if (ca !== cb) {
          await ctx.out.write(`File ${bytesOf(ca === 'dir' ? xa : xb)} is a directory while file ${bytesOf(ca === 'dir' ? xb : xa)} is a regular file\n`);
          status = Math.max(status, 1);
          continue;
        }
        await diffFiles(xa, xb);
      }
      return;
    }
    if (ka === 'dir') pa = joinPath(pa, pb.slice(pb.lastIndexOf('/') + 1));
    if (kb === 'dir') pb = joinPath(pb, pa.slice(pa.lastIndexOf('/') + 1));
    await diffFiles(pa, pb);
  };
  await diffPaths(o.operands[0], o.operands[1], true);
  return status;
});
