/**
 * Dynamically linked programs (PT_INTERP) under `akuma-vm run -L DIR`, compared with
 * `qemu-aarch64 -L DIR`: the project's own programs built by Debian's cross gcc without
 * -static (packages/realworld/src/dynamic/) against /usr/aarch64-linux-gnu, and Debian's
 * own arm64 bash, coreutils, grep, sed, mawk, findutils and python3 from the small root
 * file system .ci/run extracts into .cache/debian-arm64. Also the refusals: a missing
 * interpreter and a foreign-architecture one.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { DEBIAN_ARM64, ROOT, realworldBinary, runUnderAkuma, runUnderQemu, sameAsQemu, type CaseOptions } from './compare.js';

const CROSS = '/usr/aarch64-linux-gnu';
const HAVE_CROSS = existsSync(join(CROSS, 'lib/ld-linux-aarch64.so.1'));
const cross: CaseOptions = { akumaOptions: ['-L', CROSS], qemuOptions: ['-L', CROSS] };
const debian: CaseOptions = {
  akumaOptions: ['-L', DEBIAN_ARM64], qemuOptions: ['-L', DEBIAN_ARM64],
  // HOME without a .bashrc on either side.
  env: ['PATH=/usr/bin:/bin', 'HOME=/nonexistent', 'LC_ALL=C'],
};
const HAVE_DEBIAN = existsSync(join(DEBIAN_ARM64, 'bin/bash')) && existsSync(join(DEBIAN_ARM64, 'lib/ld-linux-aarch64.so.1'));

t.test('programs built without -static run under run -L /usr/aarch64-linux-gnu as under qemu -L', (t) => {
  if (!HAVE_CROSS) {
    t.pass(`skip: ${CROSS} (Debian's cross toolchain, libc6-arm64-cross) is not installed`);
    return t.end();
  }
  const hello = realworldBinary('dynamic', 'hello');
  sameAsQemu(t, 'hello (glibc from the interpreter)', hello, cross);
  sameAsQemu(t, 'hello with arguments', hello, { ...cross, args: ['one', 'two words', ''] });
  const a = sameAsQemu(t, 'uselib (a shared library of its own, DT_RUNPATH $ORIGIN, TLS, constructor)', realworldBinary('dynamic', 'uselib'), cross);
  if (a) t.match(a.stdout, /constructor ran: 1\n/, 'the library constructor ran');
  const d = sameAsQemu(t, 'dlopen/dlsym/dlclose', realworldBinary('dynamic', 'dlopen'), { ...cross, args: [realworldBinary('dynamic', 'libgreet.so')] });
  if (d) t.match(d.stdout, /symbols: greet_word greet_calls greet_constructed/, 'symbols found by dlsym');
  sameAsQemu(t, 'C++ with the shared libstdc++ and an exception', realworldBinary('dynamic', 'cxx'), { ...cross, args: ['1', 'x', '22'] });
  // The interpreter run as the program, naming the program (ld.so maps it itself).
  sameAsQemu(t, 'ld-linux-aarch64.so.1 PROG', join(CROSS, 'lib/ld-linux-aarch64.so.1'), { ...cross, args: [hello, 'via', 'ld.so'] });
  // ldd's view: the same libraries found in the same places (load addresses differ by design).
  const list: CaseOptions = { ...cross, args: ['--list', realworldBinary('dynamic', 'uselib')] };
  const noAddresses = (s: string) => s.replace(/ \(0x[0-9a-f]+\)/g, '');
  const ql = runUnderQemu(join(CROSS, 'lib/ld-linux-aarch64.so.1'), list);
  const al = runUnderAkuma(join(CROSS, 'lib/ld-linux-aarch64.so.1'), list);
  t.equal(noAddresses(al.stdout), noAddresses(ql.stdout), 'ld-linux-aarch64.so.1 --list: same libraries');
  t.match(al.stdout, /libgreet\.so => \S+\/libgreet\.so/, 'libgreet.so found through $ORIGIN');
  t.end();
});

t.test('a missing or foreign interpreter is one line and a shell status', (t) => {
  const hello = realworldBinary('dynamic', 'hello');
  if (!existsSync(hello)) {
    t.pass('skip: packages/realworld/bin/dynamic/hello is not built');
    return t.end();
  }
  const missing = runUnderAkuma(hello);
  t.equal(missing.stderr, `exec: ${hello}: interpreter /lib/ld-linux-aarch64.so.1 not found\n`, 'no -L: the interpreter is not in the embedded system');
  t.equal(missing.status, 127, 'ENOENT: status 127');

  const dir = mkdtempSync(join(tmpdir(), 'akuma-foreign-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'lib'));
  // The host's own (x86-64 or other non-AArch64) dynamic linker, where the guest expects its own.
  const hostLd = ['/lib64/ld-linux-x86-64.so.2', '/lib/ld-linux.so.2', process.execPath].find((p) => existsSync(p))!;
  copyFileSync(hostLd, join(dir, 'lib/ld-linux-aarch64.so.1'));
  const foreign = runUnderAkuma(hello, { akumaOptions: ['-L', dir] });
  t.match(foreign.stderr, new RegExp(`^exec: ${hello.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: interpreter /lib/ld-linux-aarch64.so.1: wrong machine \\(e_machine \\d+, expected AArch64\\)\\n$`), 'ENOEXEC with the reason');
  t.equal(foreign.status, 126, 'ENOEXEC: status 126');

  const notDir = runUnderAkuma(hello, { akumaOptions: ['-L', join(dir, 'nope')] });
  t.equal(notDir.stderr, `run: -L ${join(dir, 'nope')}: not a directory\n`);
  t.equal(notDir.status, 2);
  t.end();
});

const BASH_SCRIPT = `
set -e
greet() { local who=$1; echo "hello, $who"; }
declare -a fruits=(apple banana cherry)
declare -A colour=([apple]=red [banana]=yellow)
for f in "\${fruits[@]}"; do greet "$f"; done
echo "count: \${#fruits[@]}, second: \${fruits[1]}, colour: \${colour[banana]}"
n=$(printf '%s\\n' "\${fruits[@]}" | wc -l)
echo "lines: $n"
printf 'c\\nb\\na\\nb\\n' | sort | uniq -c | sed 's/^ *//'
seq 1 10 | grep -E '^[0-9]$' | mawk '{ s += $1 } END { print "sum", s }'
x=0; while [ $x -lt 5 ]; do x=$((x + 1)); done; echo "x=$x"
case "\${fruits[2]}" in ch*) echo cherry-ish ;; *) echo other ;; esac
echo "\${fruits[*]^^}" | tr ' ' '\\n' | head -2
fact() { if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
echo "10! = $(fact 10)"
find /usr/lib/python3.11 -maxdepth 1 -name 'os.py' | sed 's|.*/||'
echo done
`;

// qemu-aarch64 -L runs only the first program emulated: its children's execve goes to the
// host kernel, which runs the host's own /usr/bin tools (same Debian release here). So the
// script below avoids what differs between the host and the guest (uname -m is checked
// directly instead).
t.test("Debian's arm64 bash, coreutils, grep, sed, mawk, find and python3 under run -L ROOTFS as under qemu -L", (t) => {
  if (!HAVE_DEBIAN) {
    t.pass(`skip: ${DEBIAN_ARM64.slice(ROOT.length + 1)} has no bash and ld.so (run .ci/run to fetch Debian's arm64 packages)`);
    return t.end();
  }
  const bin = (p: string) => join(DEBIAN_ARM64, p);
  const text = 'banana\napple\ncherry\napple\nkiwi\n';
  sameAsQemu(t, 'sort | uniq', bin('usr/bin/sort'), { ...debian, args: ['-u'], stdin: text });
  sameAsQemu(t, 'wc', bin('usr/bin/wc'), { ...debian, stdin: text });
  sameAsQemu(t, 'seq', bin('usr/bin/seq'), { ...debian, args: ['-s', ',', '1', '3', '20'] });
  sameAsQemu(t, 'tr', bin('usr/bin/tr'), { ...debian, args: ['a-z', 'A-Z'], stdin: text });
  sameAsQemu(t, 'sha256sum', bin('usr/bin/sha256sum'), { ...debian, stdin: text });
  sameAsQemu(t, 'uname -m', bin('bin/uname'), { ...debian, args: ['-m'] });
  sameAsQemu(t, 'cat -n', bin('bin/cat'), { ...debian, args: ['-n', '/etc/debian_version'] });
  sameAsQemu(t, 'ls of a directory', bin('bin/ls'), { ...debian, args: ['/usr/lib/python3.11/encodings/'] });
  sameAsQemu(t, 'grep -c', bin('bin/grep'), { ...debian, args: ['-c', 'an'], stdin: text });
  sameAsQemu(t, 'grep -E -o', bin('bin/grep'), { ...debian, args: ['-Eo', '[aeiou]+'], stdin: text });
  sameAsQemu(t, 'grep no match: status 1', bin('bin/grep'), { ...debian, args: ['zebra'], stdin: text });
  sameAsQemu(t, 'sed', bin('bin/sed'), { ...debian, args: ['-n', 's/a\\(.\\)/<\\1>/gp'], stdin: text });
  sameAsQemu(t, 'mawk', bin('usr/bin/mawk'), { ...debian, args: ['{ n[$1]++ } END { for (k in n) c++; print c, NR }'], stdin: text });
  sameAsQemu(t, 'find', bin('usr/bin/find'), { ...debian, args: ['/usr/lib/python3.11/encodings', '-name', 'utf_8.py', '-type', 'f'] });
  const b = sameAsQemu(t, 'a bash script: functions, arrays, $(...), pipelines', bin('bin/bash'), { ...debian, args: ['-c', BASH_SCRIPT] });
  if (b) t.match(b.stdout, /hello, cherry\n[^]*10! = 3628800\n[^]*done\n$/, 'the script ran to the end');
  sameAsQemu(t, 'bash -c exit status', bin('bin/bash'), { ...debian, args: ['-c', 'false | true; echo $?; (exit 3)'] });
  const p = sameAsQemu(t, "python3 -c 'print(1)'", bin('usr/bin/python3.11'), { ...debian, args: ['-c', 'print(1)'], timeoutMs: 240_000 });
  if (p) t.equal(p.stdout, '1\n');
  sameAsQemu(t, 'python3: sys, os, arithmetic', bin('usr/bin/python3.11'), {
    ...debian, timeoutMs: 240_000,
    args: ['-c', 'import sys, os; print(sys.platform, os.uname().machine, sum(range(1000)), 2**100, sorted("hello"))'],
  });
  t.end();
});

t.test('AKUMA_LD_PREFIX is -L', (t) => {
  const hello = realworldBinary('dynamic', 'hello');
  if (!HAVE_CROSS || !existsSync(hello)) {
    t.pass('skip: no cross toolchain root or hello not built');
    return t.end();
  }
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'run', hello], { encoding: 'utf8', env: { ...process.env, AKUMA_LD_PREFIX: CROSS } });
  t.equal(r.stdout, 'hello from a dynamically linked program, argc=1\nmalloc\'d 99999 bytes\n');
  t.equal(r.status, 0);
  t.end();
});
