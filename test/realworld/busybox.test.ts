/**
 * busybox sh scripts that use many applets, each run through /proc/self/exe (busybox's
 * standalone shell re-executes itself for every applet): Debian's arm64 busybox-static
 * under akuma-vm against the same Debian busybox-static built for the host, run natively.
 * (qemu-aarch64 cannot be the reference here: without binfmt_misc its execve of
 * /proc/self/exe fails with ENOEXEC and busybox falls back to the host's own tools.)
 * PATH names no directory on either side, so every applet comes from busybox itself.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { DEBIAN_ARM64, runUnderAkuma } from './compare.js';

const GUEST_BUSYBOX = join(DEBIAN_ARM64, 'bin/busybox');
const HOST_BUSYBOX = '/bin/busybox';
const ENV = ['PATH=/nonexistent', 'LC_ALL=C'];

/** [label, script]: each starts in a fresh temporary directory. */
const SCRIPTS: Array<[string, string]> = [
  ['sort, uniq, head', `printf 'b\\na\\nc\\na\\n' | sort | uniq -c | sort -rn | head -1`],
  ['tr, wc, cut', `echo "one two three" | tr ' ' '\\n' | wc -l; echo "a:b:c" | cut -d: -f2`],
  ['sed, awk, grep', `printf 'x=1\\ny=2\\n' | sed 's/=/ is /'; printf '1 2\\n3 4\\n' | awk '{s+=$1*$2} END {print s}'; printf 'apple\\nbanana\\n' | grep -c an`],
  ['mkdir, cp, mv, cat, ls, rm', `mkdir -p d/e; echo hi > d/e/f; cp d/e/f g; mv g h; cat h; ls d/e; rm -r d; ls`],
  ['find, touch, xargs, basename', `mkdir -p a/b; touch a/1 a/b/2; find a -type f | sort; find a -name 2 | xargs basename`],
  ['md5sum, sha1sum, sha256sum, sha512sum', `printf hello | md5sum; printf hello | sha1sum; printf hello | sha256sum; printf hello | sha512sum | cut -c1-32`],
  ['seq, expr, test', `seq 3 3 12; expr 6 \\* 7; [ 3 -lt 4 ] && echo lt; test -d . && echo dir`],
  ['dirname, basename, readlink', `dirname /a/b/c; basename /a/b/c.txt .txt; mkdir -p x/y; ln -s x/y l; readlink l; cd l && pwd | sed 's|.*/||'`],
  ['tail, tac, rev', `seq 10 | tail -3; seq 5 | tac | head -2; echo abc | rev`],
  ['od, hexdump', `printf 'AB' | od -An -tx1; printf 'hi' | hexdump -C`],
  ['gzip, gunzip, zcat', `echo compress me > f; gzip f; ls; gunzip f.gz; cat f; echo zz | gzip | zcat`],
  ['tar', `mkdir t; echo 1 > t/a; echo 2 > t/b; tar cf t.tar t; rm -r t; tar xf t.tar; cat t/a t/b; tar tf t.tar | sort`],
  ['sort -n, sort -k', `printf '3\\n10\\n2\\n' | sort -n; printf 'b 2\\na 1\\n' | sort -k2`],
  ['paste, comm', `printf '1\\n2\\n' > a; printf 'x\\ny\\n' > b; paste a b; comm -12 a a | wc -l`],
  ['fold, expand, nl', `echo abcdefgh | fold -w 3; printf 'a\\tb\\n' | expand -t 4; printf 'x\\ny\\n' | nl`],
  // (Not `env -i ... printenv`: busybox env runs its command through PATH, which would find the host's printenv.)
  ['env, printenv', `export FOO=bar; printenv FOO; env | grep ^FOO=`],
  ['yes, true, false', `yes | head -3; true; echo $?; false; echo $?`],
  ['ln, stat (hard and symbolic links)', `echo t > f; ln -s f l; readlink l; cat l; ln f h; stat -c '%h %s' f`],
  ['sleep, kill, wait', `sleep 10 & kill $!; wait $!; echo "status $?"`],
  ['split, cmp, diff', `seq 10 > f; split -l 4 f p; ls p*; cat paa; cmp f f && echo same; seq 9 > g; diff f g | tail -1`],
  ['dd, truncate', `dd if=/dev/zero bs=512 count=2 2>/dev/null | wc -c; truncate -s 100 f; stat -c %s f`],
  ['base64, chmod', `printf hi | base64; echo aGk= | base64 -d; echo; touch f; chmod 640 f; stat -c %a f`],
  ['sh -c, exec, subshells, exit status', `sh -c 'exit 3'; echo $?; (exec echo execed); x=$(sh -c 'echo inner'); echo $x`],
  ['a #! script run by path and through PATH', `printf '#!/bin/busybox sh\\necho "script $0 $1"\\nexit 5\\n' > s.sh; chmod +x s.sh; ./s.sh one; echo "status $?"`],
  ['while/read loop with awk and printf', `seq 1 5 | while read n; do printf '%02d ' $((n * n)); done; echo; echo "3 4" | awk '{ printf "%.2f\\n", sqrt($1*$1+$2*$2) }'`],
  ['cut -c, head -c, tail -c, wc -w', `echo abcdefgh | cut -c2-4; printf 'abcdef' | head -c 3; echo; printf 'abcdef' | tail -c 2; echo; echo a b c | wc -w`],
  ['sort -u, uniq -d, tr -d, tr -s', `printf 'b\\na\\nb\\n' | sort -u; printf 'x\\nx\\ny\\n' | uniq -d; echo hello | tr -d l; echo 'a   b' | tr -s ' '`],
];

const HAVE_GUEST = existsSync(GUEST_BUSYBOX);
const HAVE_HOST = existsSync(HOST_BUSYBOX);

function prefix(script: string): string {
  return `cd "$(mktemp -d)" || exit 99\n${script}`;
}

for (const [label, script] of SCRIPTS) {
  t.test(`busybox sh: ${label}`, async (t) => {
    if (!HAVE_GUEST) return void t.pass(`skip ${label}: ${GUEST_BUSYBOX} is not fetched (.ci/run fetches busybox-static:arm64)`);
    if (!HAVE_HOST) return void t.pass(`skip ${label}: the host's busybox-static (${HOST_BUSYBOX}) is not installed`);
    const host = spawnSync(HOST_BUSYBOX, ['sh', '-c', prefix(script)], { encoding: 'utf8', timeout: 60_000, env: Object.fromEntries(ENV.map((kv) => kv.split('='))) });
    const guest = runUnderAkuma(GUEST_BUSYBOX, { args: ['sh', '-c', prefix(script)], env: ENV, timeoutMs: 120_000 });
    t.equal(guest.stdout, host.stdout, `${label}: same stdout${guest.stderr ? ` (akuma stderr: ${guest.stderr.split('\n').slice(0, 3).join(' | ')})` : ''}`);
    t.equal(guest.status, host.status, `${label}: same exit status (${host.status})`);
  });
}
