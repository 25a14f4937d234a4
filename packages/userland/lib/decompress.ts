/**
 * Whole-buffer decompression for tar (-z -j -J, and detection by magic number) and the
 * package tools: gzip by Node's zlib; xz by xz-decompress (WebAssembly; Node 20's zlib has
 * no xz); bzip2 by seek-bzip (pure JavaScript, MIT, the decoder behind the widely used
 * tar.bz2 extractors, with no native build step; Node's zlib has no bzip2 either). seek-bzip
 * is loaded on first use, so only a bzip2 archive needs it present.
 */

import { gunzipSync } from 'node:zlib';
import xz from 'xz-decompress';

export type Compression = 'gzip' | 'bzip2' | 'xz' | null;

/** What the first bytes say the data is compressed with. */
export function compressionOf(b: Uint8Array): Compression {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 4 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[3] >= 0x31 && b[3] <= 0x39) return 'bzip2';
  if (b.length >= 6 && b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0x00) return 'xz';
  return null;
}

export async function unxz(data: Uint8Array): Promise<Uint8Array> {
  const input = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(data);
      c.close();
    },
  });
  const chunks: Uint8Array[] = [];
  const reader = new xz.XzReadableStream(input).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

interface SeekBzip {
  decode(input: Uint8Array, output?: number, multistream?: boolean): Buffer;
}

export async function bunzip2(data: Uint8Array): Promise<Uint8Array> {
  const mod = (await import('seek-bzip' as string)) as { default: SeekBzip };
  // multistream: what `cat a.bz2 b.bz2` makes, as bzip2 -d reads it.
  return mod.default.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), undefined, true);
}

/** The data uncompressed by `kind` (throws on corrupt data). */
export async function decompress(kind: Exclude<Compression, null>, data: Uint8Array): Promise<Uint8Array> {
  if (kind === 'gzip') return gunzipSync(data);
  if (kind === 'xz') return unxz(data);
  return bunzip2(data);
}
