/**
 * Debian's busybox process tools (ps, top -bn1, pidof, kill %1) and /proc/<pid>/stat and
 * /proc/<pid>/status read directly, under akuma-vm against the same busybox on the host's Linux.
 * The script starts a background `sleep`, then prints what those tools and files say about it,
 * with the pids turned into names (SH the shell, BG the sleep, OUT the shell's parent, ME the
 * uid) and the sizes and percentages that differ between two machines turned into N, so
 * both sides' outputs are compared line for line: the field layout, the state, the parent,
 * process group, session, tty, thread count, uids and signal sets must be the same.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { DEBIAN_ARM64, runUnderAkuma } from './compare.js';

const GUEST_BUSYBOX = join(DEBIAN_ARM64, 'bin/busybox');
const HOST_BUSYBOX = '/bin/busybox';
const SETSID = '/usr/bin/setsid';

const BODY = String.raw`
sleep 30 & bg=$!
# Until the child has exec'd and named itself (busybox renames "exe" to the applet's name).
n=0; while [ "$(cat /proc/$bg/comm)" != sleep ] && [ $n -lt 500 ]; do n=$((n + 1)); done
sym() { awk -v a=$$ -v b=$bg -v o=$PPID -v me=$(id -u) '{ for (i = 1; i <= NF; i++) { if ($i "" == a "") $i = "SH"; else if ($i "" == b "") $i = "BG"; else if ($i "" == o "") $i = "OUT"; else if ($i "" == me "") $i = "ME" } print }'; }
echo "== ps -o"
ps -o pid,ppid,pgid,sid,tty,stat,comm,args | awk -v b=$bg 'NR == 1 || $1 == b' | sym
ps -o pid,vsz,rss | awk -v b=$bg '$1 == b { print ($2 > 0 ? "vsz>0" : "vsz=0"), ($3 > 0 ? "rss>0" : "rss=0") }'
echo "== ps"
ps | awk -v b=$bg 'NR == 1 || $1 == b' | sym
echo "== stat"
awk '{ print NF, $2, $3, $9, $7, $8, $18, $19, $20, $21, $38 }' /proc/$bg/stat
awk -v a=$$ -v o=$PPID '{ print ($1 == $1 + 0), ($4 == a), ($5 == o), ($6 == o), ($22 > 0), ($23 > 0), ($24 > 0) }' /proc/$bg/stat
awk '{ print $3, $1 == "'$$'" }' /proc/$$/stat | sed 's/^[RS] /RS /'
echo "== status"
grep -E '^(Tgid|PPid|Uid|Gid|NSpgid|NSsid):' /proc/$bg/status | sym
grep -E '^(Name|State|Threads|SigPnd|ShdPnd|SigBlk|SigIgn|SigCgt|CapInh|CapAmb):' /proc/$bg/status
grep -E '^(VmSize|VmRSS):' /proc/$bg/status | awk '{ print $1, ($2 > 0), $3 }'
echo "== top"
top -bn1 | sed -n '1,4p' | sed 's/[0-9][0-9.]*/N/g' | tr -s ' '
top -bn1 | awk -v b=$bg '$1 == b' | sym | awk '{ $5 = ($5 > 0) ? "VSZ" : "0"; $6 = "N%"; $7 = "N%"; print }'
echo "== pidof"
pidof sleep | tr ' ' '\n' | grep -x $bg | sym
echo "== a stopped job"
sleep 30 & st=$!
n=0; while [ "$(cat /proc/$st/comm)" != sleep ] && [ $n -lt 500 ]; do n=$((n + 1)); done
kill -STOP $st
sleep 1
awk '{ print $3 }' /proc/$st/stat; grep '^State:' /proc/$st/status
ps -o pid,stat | awk -v s=$st '$1 == s { print $2 }'
kill -CONT $st; kill $st; wait $st; echo "status $?"
echo "== kill %1"
kill %1; wait $bg; echo "status $?"
`;

// Forty subshells first, so that the pids under test are not the small numbers (1, 2...)
// that also stand for counts; the body runs in a child shell (not exec'd: `exit $?` follows).
const OUTER = 'i=0; while [ $i -lt 40 ]; do (exit 0); i=$((i + 1)); done; sh -c "$BODY"; exit $?';

t.test('busybox ps, top, pidof and /proc/<pid>/{stat,status}: the same as on Linux', async (t) => {
  if (!existsSync(GUEST_BUSYBOX)) return void t.pass(`skip: ${GUEST_BUSYBOX} is not fetched (.ci/run fetches busybox-static:arm64)`);
  if (!existsSync(HOST_BUSYBOX) || !existsSync(SETSID)) return void t.pass(`skip: the host's busybox-static or setsid is not installed`);
  // setsid -w: on the host, the shell leads its own session and group, as the guest's first process does.
  const host = spawnSync(SETSID, ['-w', HOST_BUSYBOX, 'sh', '-c', OUTER], {
    encoding: 'utf8', timeout: 60_000, env: { PATH: '/nonexistent', LC_ALL: 'C', BODY },
  });
  const guest = runUnderAkuma(GUEST_BUSYBOX, { args: ['sh', '-c', OUTER], env: ['PATH=/nonexistent', 'LC_ALL=C', `BODY=${BODY}`], timeoutMs: 120_000 });
  t.match(host.stdout, /== kill %1\nstatus 143\n$/, 'the host run completed');
  const hostLines = host.stdout.split('\n');
  const guestLines = guest.stdout.split('\n');
  for (let i = 0; i < Math.max(hostLines.length, guestLines.length); i++) {
    if (hostLines[i] !== guestLines[i]) t.equal(guestLines[i], hostLines[i], `line ${i + 1} as on Linux${guest.stderr ? ` (akuma stderr: ${guest.stderr.split('\n').slice(0, 2).join(' | ')})` : ''}`);
  }
  t.equal(guest.stdout, host.stdout, 'same output');
  t.equal(guest.status, host.status, 'same exit status');
});
