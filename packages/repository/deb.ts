/**
 * Reads a Debian binary package (.deb) for `repo import`: the ar archive, its control
 * stanza, and the data tree (files, directories, symlinks with their modes), so the
 * repository can store every file and `pkg install` can place them without dpkg.
 *
 * A .deb is an ar archive of debian-binary ("2.0"), control.tar and data.tar, each tar
 * compressed with gzip (Node's zlib), xz (xz-decompress: WebAssembly, Node 20's zlib has
 * no xz) or zstd (fzstd, pure JS) or not at all. ar is a 60-byte header per member and
 * is read here directly. Every defect (truncation, a bad header, a path that climbs out
 * with "..", a compression we cannot read) is a DebError with one line naming the file.
 */

import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { unxz as gunxz } from '../userland/lib/decompress.js';
import { decompress as zstdDecompress } from 'fzstd';

export class DebError extends Error {
  override name = 'DebError';
}

export interface DebEntry {
  /** Absolute guest path, normalised ("/usr/bin/sed"). */
  path: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  /** Symlink target. */
  target?: string;
  data?: Uint8Array;
}

export interface DebPackage {
  name: string;
  version: string;
  architecture: string;
  description: string;
  /** Every control field, as written (continuation lines joined with \n). */
  control: Record<string, string>;
  /** control.tar's conffiles: the configuration files (absolute paths) an upgrade must not clobber. */
  conffiles: string[];
  entries: DebEntry[];
}

interface ArMember {
  name: string;
  data: Uint8Array;
}

function readAr(buf: Uint8Array): ArMember[] {
  const text = (a: number, b: number) => Buffer.from(buf.subarray(a, b)).toString('latin1');
  if (buf.length < 8 || text(0, 8) !== '!<arch>\n') throw new DebError('not a Debian package (no ar archive header)');
  const members: ArMember[] = [];
  let off = 8;
  while (off < buf.length) {
    if (off + 60 > buf.length) throw new DebError(`corrupt archive: truncated ar header at byte ${off}`);
    if (text(off + 58, off + 60) !== '`\n') throw new DebError(`corrupt archive: bad ar header at byte ${off}`);
    const name = text(off, off + 16).trim().replace(/\/$/, '');
    const size = Number(text(off + 48, off + 58).trim());
    if (!Number.isSafeInteger(size) || size < 0) throw new DebError(`corrupt archive: bad size of member ${name}`);
    const start = off + 60;
    if (start + size > buf.length) throw new DebError(`corrupt archive: member ${name} truncated (${buf.length - start} of ${size} bytes)`);
    members.push({ name, data: buf.subarray(start, start + size) });
    off = start + size + (size & 1);
  }
  return members;
}

async function decompress(member: ArMember): Promise<Uint8Array> {
  const ext = member.name.slice(member.name.indexOf('.tar') + 4);
  try {
    switch (ext) {
      case '':
        return member.data;
      case '.gz':
        return gunzipSync(member.data);
      case '.xz':
        return await gunxz(member.data);
      case '.zst':
        return zstdDecompress(member.data);
      default:
        throw new DebError(`${member.name}: compression ${ext.slice(1)} is not supported (gz, xz, zst)`);
    }
  } catch (err) {
    if (err instanceof DebError) throw err;
    throw new DebError(`corrupt archive: ${member.name} does not decompress (${(err as Error).message || String(err)})`);
  }
}

interface TarItem {
  name: string;
  type: string;
  mode: number;
  linkname?: string;
  data: Uint8Array;
}

async function readTar(member: string, data: Uint8Array): Promise<TarItem[]> {
  const items: TarItem[] = [];
  const extract = tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        items.push({ name: header.name, type: header.type ?? 'file', mode: header.mode ?? 0o644, linkname: header.linkname ?? undefined, data: Buffer.concat(chunks) });
        next();
      });
      stream.on('error', reject);
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]).pipe(extract);
  try {
    await done;
  } catch (err) {
    throw new DebError(`corrupt archive: ${member}: ${(err as Error).message}`);
  }
  return items;
}

/** "./usr/bin/sed" -> "/usr/bin/sed"; refuses a path that would leave the root. */
function guestPath(name: string): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new DebError(`refusing archive path '${name}' (it contains ..)`);
  return '/' + parts.join('/');
}

/** Parses a control stanza: "Field: value" lines, continuation lines start with a space. */
export function parseControl(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      fields[last] += '\n' + line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new DebError(`bad control line '${line.slice(0, 60)}'`);
    last = line.slice(0, colon).trim();
    fields[last] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** Reads a whole .deb; throws DebError with the one line a user sees. */
export async function readDeb(buf: Uint8Array): Promise<DebPackage> {
  const members = readAr(buf);
  const binary = members.find((m) => m.name === 'debian-binary');
  if (!binary || !Buffer.from(binary.data).toString('latin1').startsWith('2.')) throw new DebError('not a Debian package (no debian-binary 2.x member)');
  const controlMember = members.find((m) => m.name.startsWith('control.tar'));
  const dataMember = members.find((m) => m.name.startsWith('data.tar'));
  if (!controlMember) throw new DebError('corrupt archive: no control.tar member');
  if (!dataMember) throw new DebError('corrupt archive: no data.tar member');
  const controlItems = await readTar(controlMember.name, await decompress(controlMember));
  const controlFile = controlItems.find((i) => guestPath(i.name) === '/control');
  if (!controlFile) throw new DebError('corrupt archive: control.tar has no control file');
  const control = parseControl(Buffer.from(controlFile.data).toString('utf8'));
  const conffilesFile = controlItems.find((i) => guestPath(i.name) === '/conffiles');
  const conffiles = conffilesFile
    ? Buffer.from(conffilesFile.data).toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'))
    : [];
  for (const f of ['Package', 'Version', 'Architecture']) if (!control[f]) throw new DebError(`control file has no ${f} field`);

  const entries: DebEntry[] = [];
  const byPath = new Map<string, DebEntry>();
  for (const item of await readTar(dataMember.name, await decompress(dataMember))) {
    const path = guestPath(item.name);
    if (path === '/') continue;
    const mode = item.mode & 0o7777;
    let entry: DebEntry;
    if (item.type === 'directory') entry = { path, type: 'dir', mode };
    else if (item.type === 'symlink') entry = { path, type: 'symlink', mode: 0o777, target: item.linkname ?? '' };
    else if (item.type === 'file' || item.type === 'contiguous-file') entry = { path, type: 'file', mode, data: item.data };
    else if (item.type === 'link') {
      // A hard link: the guest gets its own copy of the earlier file's bytes.
      const first = byPath.get(guestPath(item.linkname ?? ''));
      if (!first || first.type !== 'file') throw new DebError(`corrupt archive: hard link ${path} to a missing file`);
      entry = { path, type: 'file', mode: first.mode, data: first.data };
    } else throw new DebError(`${path}: ${item.type} entries are not supported in data.tar`);
    byPath.set(path, entry);
    entries.push(entry);
  }
  return {
    name: control.Package!,
    version: control.Version!,
    architecture: control.Architecture!,
    description: (control.Description ?? '').split('\n')[0]!.trim(),
    control,
    conffiles,
    entries,
  };
}
