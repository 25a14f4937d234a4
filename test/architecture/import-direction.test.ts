/**
 * The layers' dependency direction, checked on the source: every relative import (static,
 * `import type`, `export ... from` and dynamic `import()`) of every .ts file of server/,
 * packages/, kernel/ and machine/ is parsed with TypeScript's own pre-processor and each
 * arrow is held against the one-way order server -> packages (the shell) -> kernel ->
 * machine. Inside the kernel the file systems and sockets (kernel/fs, kernel/net) sit below
 * the system calls: only kernel/syscalls itself and the kernel's top (kernel.ts, which builds
 * the dispatcher) may import from kernel/syscalls, so the shared types live below both
 * (kernel/syscall-abi.ts). An arrow the wrong way fails here with the file and the import.
 */

import t from 'tap';
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Lower rank = lower layer; an import may point to its own rank or lower. */
const RANK: Record<string, number> = { machine: 0, kernel: 1, packages: 2, server: 3 };

/** Files of the kernel allowed to import kernel/syscalls (the top that wires the dispatcher). */
const SYSCALL_TABLE_OWNERS = new Set(['kernel/kernel.ts']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const posix = (p: string): string => p.split(sep).join('/');

/** The reason an arrow from `from` to `to` (both root-relative, posix) is wrong, or null. */
export function wrongWay(from: string, to: string): string | null {
  const a = from.split('/')[0]!;
  const b = to.split('/')[0]!;
  if (!(a in RANK)) return null;
  if (!(b in RANK)) return `${a}/ imports from ${b}/, which is outside the layers`;
  if (RANK[b]! > RANK[a]!) return `${a}/ sits below ${b}/ (server -> packages -> kernel -> machine)`;
  if (a === 'kernel' && to.startsWith('kernel/syscalls/') && !from.startsWith('kernel/syscalls/') && !SYSCALL_TABLE_OWNERS.has(from)) {
    return from.startsWith('kernel/fs/') || from.startsWith('kernel/net/')
      ? 'kernel/fs and kernel/net sit below kernel/syscalls (shared types: kernel/syscall-abi.ts)'
      : 'only the kernel\'s top (kernel/kernel.ts) imports from kernel/syscalls (shared types: kernel/syscall-abi.ts)';
  }
  return null;
}

interface Arrow {
  from: string;
  to: string;
  line: number;
}

function arrows(): Arrow[] {
  const out: Arrow[] = [];
  for (const top of Object.keys(RANK)) {
    for (const file of sourceFiles(join(root, top))) {
      const text = readFileSync(file, 'utf8');
      const info = ts.preProcessFile(text, true, true);
      const from = posix(relative(root, file));
      for (const imp of info.importedFiles) {
        if (!imp.fileName.startsWith('.')) continue; // node: built-ins and npm packages
        const target = posix(relative(root, resolve(dirname(file), imp.fileName))).replace(/\.js$/, '.ts');
        out.push({ from, to: target, line: text.slice(0, imp.pos).split('\n').length });
      }
    }
  }
  return out;
}

t.test('the rule itself rejects arrows the wrong way and allows the right ones', async (t) => {
  t.ok(wrongWay('kernel/fs/pipe.ts', 'kernel/syscalls/context.ts'), 'fs -> syscalls');
  t.ok(wrongWay('kernel/net/socket.ts', 'kernel/syscalls/net.ts'), 'net -> syscalls');
  t.ok(wrongWay('kernel/vm.ts', 'kernel/syscalls/context.ts'), 'a kernel core file -> syscalls');
  t.ok(wrongWay('kernel/proc.ts', 'server/logging.ts'), 'kernel -> server');
  t.ok(wrongWay('kernel/native.ts', 'packages/userland/shell/pkg.ts'), 'kernel -> packages');
  t.ok(wrongWay('machine/cpu.ts', 'kernel/vm.ts'), 'machine -> kernel');
  t.ok(wrongWay('packages/userland/kernel-sys.ts', 'server/config.ts'), 'packages -> server');
  t.ok(wrongWay('server/cli.ts', 'test/helpers/program.ts'), 'a layer -> test/');
  t.equal(wrongWay('server/machine-host.ts', 'kernel/boot.ts'), null, 'server -> kernel');
  t.equal(wrongWay('packages/userland/kernel-sys.ts', 'kernel/syscall-abi.ts'), null, 'packages -> kernel');
  t.equal(wrongWay('kernel/fs/pipe.ts', 'kernel/syscall-abi.ts'), null, 'fs -> the shared types');
  t.equal(wrongWay('kernel/syscalls/fs.ts', 'kernel/fs/vfs.ts'), null, 'syscalls -> fs');
  t.equal(wrongWay('kernel/kernel.ts', 'kernel/syscalls/dispatch.ts'), null, 'the kernel\'s top -> syscalls');
});

t.test('every import of server/, packages/, kernel/ and machine/ points down', async (t) => {
  const all = arrows();
  t.ok(all.length > 500, `parsed ${all.length} relative imports`);
  const wrong = all.flatMap((a) => {
    const why = wrongWay(a.from, a.to);
    return why ? [`${a.from}:${a.line} imports ${a.to}: ${why}`] : [];
  });
  t.same(wrong, [], wrong.length ? wrong.join('\n') : 'no arrow points the wrong way');
});
