/**
 * A bzip2 compressor, for `tar -cj` (no npm package fits: the pure-JavaScript bzip2
 * compressors found are GPL or CC-BY-SA, the MIT ones only decompress). Written from the
 * format as documented (the .bz2 stream: per block a run-length pass, the Burrows-Wheeler
 * transform, move-to-front with RUNA/RUNB zero runs, and 2 to 6 Huffman tables chosen per 50
 * symbols), not from bzip2's sources. The rotations are sorted by prefix doubling with counting
 * sorts (O(n log n) whatever the data), so a block of one repeated byte costs no more than text.
 * Checked in the tests by the host's `bzip2 -d`.
 */

const BLOCK_MAGIC = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
const END_MAGIC = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];
const GROUP_SIZE = 50;
const MAX_CODE_LENGTH = 17;
const RUNA = 0;
const RUNB = 1;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private count = 0;

  /** Writes the low `n` bits of v (n <= 24), most significant first. */
  bits(n: number, v: number): void {
    this.acc = (this.acc << n) | (v & ((1 << n) - 1));
    this.count += n;
    while (this.count >= 8) {
      this.count -= 8;
      this.bytes.push((this.acc >>> this.count) & 0xff);
    }
    this.acc &= (1 << this.count) - 1;
  }

  byteList(list: number[]): void {
    for (const b of list) this.bits(8, b);
  }

  u32(v: number): void {
    this.bits(16, v >>> 16);
    this.bits(16, v & 0xffff);
  }

  finish(): Uint8Array {
    if (this.count > 0) this.bits(8 - this.count, 0);
    return Uint8Array.from(this.bytes);
  }
}

/** Compresses `data` into one bzip2 stream; `level` 1..9 is the block size in 100 kB. */
export function bzip2Compress(data: Uint8Array, level = 9): Uint8Array {
  const out = new BitWriter();
  out.byteList([0x42, 0x5a, 0x68, 0x30 + level]);
  const blockMax = level * 100000 - 19;
  let combined = 0;
  let at = 0;
  while (at < data.length) {
    const { block, length, consumed, crc } = runLengthBlock(data, at, blockMax);
    at += consumed;
    combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
    writeBlock(out, block.subarray(0, length), crc);
  }
  out.byteList(END_MAGIC);
  out.u32(combined);
  return out.finish();
}

/** The first pass: runs of 4 to 255 equal bytes become the 4 bytes and a count; CRC of the input taken. */
function runLengthBlock(data: Uint8Array, start: number, blockMax: number): { block: Uint8Array; length: number; consumed: number; crc: number } {
  const block = new Uint8Array(blockMax + 5);
  let n = 0;
  let i = start;
  let crc = 0xffffffff;
  while (i < data.length && n < blockMax - 5) {
    const b = data[i];
    let run = 1;
    while (run < 255 && i + run < data.length && data[i + run] === b) run++;
    for (let k = 0; k < run; k++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
    if (run >= 4) {
      block[n++] = b;
      block[n++] = b;
      block[n++] = b;
      block[n++] = b;
      block[n++] = run - 4;
    } else for (let k = 0; k < run; k++) block[n++] = b;
    i += run;
  }
  return { block, length: n, consumed: i - start, crc: ~crc >>> 0 };
}

/** The block's rotations in sorted order (start offsets), by prefix doubling over cyclic classes. */
function sortRotations(s: Uint8Array): Int32Array {
  const n = s.length;
  let p = new Int32Array(n);
  let c = new Int32Array(n);
  const count = new Int32Array(Math.max(256, n));
  for (let i = 0; i < n; i++) count[s[i]]++;
  for (let i = 1; i < 256; i++) count[i] += count[i - 1];
  for (let i = n - 1; i >= 0; i--) p[--count[s[i]]] = i;
  let classes = 1;
  c[p[0]] = 0;
  for (let i = 1; i < n; i++) {
    if (s[p[i]] !== s[p[i - 1]]) classes++;
    c[p[i]] = classes - 1;
  }
  let pn = new Int32Array(n);
  let cn = new Int32Array(n);
  for (let h = 1; h < n && classes < n; h <<= 1) {
    for (let i = 0; i < n; i++) {
      pn[i] = p[i] - h;
      if (pn[i] < 0) pn[i] += n;
    }
    count.fill(0, 0, classes);
    for (let i = 0; i < n; i++) count[c[pn[i]]]++;
    for (let i = 1; i < classes; i++) count[i] += count[i - 1];
    for (let i = n - 1; i >= 0; i--) p[--count[c[pn[i]]]] = pn[i];
    cn[p[0]] = 0;
    classes = 1;
    for (let i = 1; i < n; i++) {
      const a = p[i];
      const b = p[i - 1];
      const a2 = a + h < n ? a + h : a + h - n;
      const b2 = b + h < n ? b + h : b + h - n;
      if (c[a] !== c[b] || c[a2] !== c[b2]) classes++;
      cn[a] = classes - 1;
    }
    [c, cn] = [cn, c];
  }
  return p;
}

function writeBlock(out: BitWriter, block: Uint8Array, crc: number): void {
  const n = block.length;
  const order = sortRotations(block);
  let origPtr = 0;
  const last = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[i];
    if (r === 0) origPtr = i;
    last[i] = block[r === 0 ? n - 1 : r - 1];
  }
  // Move-to-front over the bytes in use, zero runs as RUNA/RUNB, then end of block.
  const inUse = new Array<boolean>(256).fill(false);
  for (let i = 0; i < n; i++) inUse[last[i]] = true;
  const seqOf = new Int32Array(256);
  const used: number[] = [];
  for (let b = 0; b < 256; b++) if (inUse[b]) seqOf[b] = used.push(b) - 1;
  const alphaSize = used.length + 2;
  const eob = used.length + 1;
  const mtf = Uint8Array.from(used.map((_, i) => i));
  const symbols: number[] = [];
  let zeros = 0;
  const flushZeros = (): void => {
    if (zeros === 0) return;
    let r = zeros - 1;
    for (;;) {
      symbols.push(r & 1 ? RUNB : RUNA);
      if (r < 2) break;
      r = (r - 2) >> 1;
    }
    zeros = 0;
  };
  for (let i = 0; i < n; i++) {
    const v = seqOf[last[i]];
    let j = 0;
    while (mtf[j] !== v) j++;
    if (j === 0) {
      zeros++;
      continue;
    }
    flushZeros();
    mtf.copyWithin(1, 0, j);
    mtf[0] = v;
    symbols.push(j + 1);
  }
  flushZeros();
  symbols.push(eob);

  const { tables, selectors } = chooseTables(symbols, alphaSize);
  out.byteList(BLOCK_MAGIC);
  out.u32(crc);
  out.bits(1, 0);
  out.bits(24, origPtr);
  let ranges = 0;
  for (let r = 0; r < 16; r++) if (inUse.slice(r * 16, r * 16 + 16).some(Boolean)) ranges |= 0x8000 >> r;
  out.bits(16, ranges);
  for (let r = 0; r < 16; r++) {
    if (!(ranges & (0x8000 >> r))) continue;
    let bits = 0;
    for (let k = 0; k < 16; k++) if (inUse[r * 16 + k]) bits |= 0x8000 >> k;
    out.bits(16, bits);
  }
  out.bits(3, tables.length);
  out.bits(15, selectors.length);
  const selMtf = tables.map((_, i) => i);
  for (const s of selectors) {
    const j = selMtf.indexOf(s);
    for (let k = 0; k < j; k++) out.bits(1, 1);
    out.bits(1, 0);
    selMtf.splice(j, 1);
    selMtf.unshift(s);
  }
  for (const lengths of tables) {
    let cur = lengths[0];
    out.bits(5, cur);
    for (let i = 0; i < alphaSize; i++) {
      while (cur < lengths[i]) {
        out.bits(2, 2);
        cur++;
      }
      while (cur > lengths[i]) {
        out.bits(2, 3);
        cur--;
      }
      out.bits(1, 0);
    }
  }
  const codes = tables.map(canonicalCodes);
  for (let g = 0; g < selectors.length; g++) {
    const t = selectors[g];
    const end = Math.min(symbols.length, (g + 1) * GROUP_SIZE);
    for (let i = g * GROUP_SIZE; i < end; i++) out.bits(tables[t][symbols[i]], codes[t][symbols[i]]);
  }
}

/** 2 to 6 code-length tables for the symbols and, per group of 50, the table that codes it shortest. */
function chooseTables(symbols: number[], alphaSize: number): { tables: number[][]; selectors: number[] } {
  const total = symbols.length;
  const nTables = total < 200 ? 2 : total < 600 ? 3 : total < 1200 ? 4 : total < 2400 ? 5 : 6;
  const freq = new Array<number>(alphaSize).fill(0);
  for (const s of symbols) freq[s]++;
  // Start from tables that split the alphabet into bands of about equal weight.
  let tables: number[][] = [];
  let lo = 0;
  let remaining = total;
  for (let t = nTables; t > 0; t--) {
    const target = remaining / t;
    let hi = lo - 1;
    let sum = 0;
    while (sum < target && hi < alphaSize - 1) sum += freq[++hi];
    tables.push(Array.from({ length: alphaSize }, (_, i) => (i >= lo && i <= hi ? 0 : 15)));
    lo = hi + 1;
    remaining -= sum;
  }
  const groups = Math.ceil(total / GROUP_SIZE);
  let selectors = new Array<number>(groups).fill(0);
  for (let pass = 0; pass < 4; pass++) {
    const counts = tables.map(() => new Array<number>(alphaSize).fill(0));
    selectors = [];
    for (let g = 0; g < groups; g++) {
      const end = Math.min(total, (g + 1) * GROUP_SIZE);
      let best = 0;
      let bestCost = Infinity;
      for (let t = 0; t < tables.length; t++) {
        let cost = 0;
        for (let i = g * GROUP_SIZE; i < end; i++) cost += tables[t][symbols[i]];
        if (cost < bestCost) {
          bestCost = cost;
          best = t;
        }
      }
      selectors.push(best);
      for (let i = g * GROUP_SIZE; i < end; i++) counts[best][symbols[i]]++;
    }
    tables = counts.map((c) => codeLengths(c, MAX_CODE_LENGTH));
  }
  return { tables, selectors };
}

/** Huffman code lengths for the frequencies (every symbol gets a code), at most `limit` bits. */
function codeLengths(freq: number[], limit: number): number[] {
  let weights = freq.map((f) => Math.max(1, f));
  for (;;) {
    const lengths = huffmanLengths(weights);
    if (Math.max(...lengths) <= limit) return lengths;
    weights = weights.map((w) => 1 + (w >> 1));
  }
}

function huffmanLengths(weights: number[]): number[] {
  const n = weights.length;
  // Nodes 0..n-1 are leaves; a sorted queue of leaves and one of merged nodes give the tree.
  const weight = [...weights];
  const parent = new Array<number>(2 * n).fill(-1);
  const leaves = weights.map((_, i) => i).sort((a, b) => weights[a] - weights[b] || a - b);
  const merged: number[] = [];
  let li = 0;
  let mi = 0;
  const take = (): number => {
    if (li < leaves.length && (mi >= merged.length || weight[leaves[li]] <= weight[merged[mi]])) return leaves[li++];
    return merged[mi++];
  };
  for (let k = 0; k < n - 1; k++) {
    const a = take();
    const b = take();
    const node = weight.length;
    weight.push(weight[a] + weight[b]);
    parent[a] = node;
    parent[b] = node;
    merged.push(node);
  }
  return weights.map((_, i) => {
    let d = 0;
    for (let x = i; parent[x] !== -1 && parent[x] !== undefined; x = parent[x]) d++;
    return Math.max(1, d);
  });
}

/** Canonical codes: by length, then by symbol, as the decoder assigns them. */
function canonicalCodes(lengths: number[]): number[] {
  const codes = new Array<number>(lengths.length).fill(0);
  let code = 0;
  for (let len = 1; len <= 32; len++) {
    for (let s = 0; s < lengths.length; s++) if (lengths[s] === len) codes[s] = code++;
    code <<= 1;
  }
  return codes;
}
