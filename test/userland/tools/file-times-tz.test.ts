/**
 * File times in the local zone: ls -l (and --full-time), stat (its default Modify line and
 * -c %y) and touch -d / -t read TZ (a POSIX string, a zoneinfo name) or /etc/localtime, as
 * date does (lib/timezone.ts). The files get fixed mtimes (touch -d with explicit offsets or
 * @seconds), then one script runs under the machine's /bin/sh and under the host's busybox
 * (over glibc's time zone code) for each zone; the outputs are compared line for line.
 */

import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import t, { type Test } from 'tap';
import { corpusMachine, runInMachine } from '../shell-corpus/compare.js';

const HOST_BUSYBOX = '/bin/busybox';
const ZONEINFO = '/usr/share/zoneinfo';
const FILES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
const ZONES = ['UTC', "''", 'EST5EDT', 'JST-9', '<+0530>-5:30', 'CET-1CEST,M3.5.0,M10.5.0/3', 'Nowhere/Land'];

/** The listing columns from the date on (owner and group names differ between the two systems). */
const LS_TIMES = `sed 's/^[^ ]* *[0-9]* *[^ ]* *[^ ]* *[0-9]* //'`;

function script(zones: string[]): string {
  return `touch -d @1700000000 a
touch -d '2024-03-31 01:30:00Z' b
touch -d '2024-07-03 12:00:00 +0530' c
touch -d @$(( $(date +%s) / 86400 * 86400 - 86400 + 4321 )) d
for tz in ${zones.map((z) => (z.startsWith("'") ? z : `'${z}'`)).join(' ')}; do
  echo "== $tz"
  TZ=$tz ls -l a b c d | ${LS_TIMES}
  TZ=$tz ls -l --full-time a b c d | ${LS_TIMES}
  TZ=$tz stat -c '%y %Y %n' a b c d
  TZ=$tz stat a | grep Modify
  TZ=$tz touch -d '2024-07-03 12:00:00' e; stat -c %Y e
  TZ=$tz touch -d '2024-01-15 08:30:00' e; TZ=$tz stat -c '%Y %y' e
  TZ=$tz touch -d '2024-03-31 02:30:00' e; stat -c %Y e
  TZ=$tz touch -t 202401151230.07 e; stat -c %Y e
done
`;
}

function copyZones(m: ReturnType<typeof corpusMachine>): void {
  for (const z of FILES) {
    m.vfs.mkdir(`${ZONEINFO}/${z.split('/')[0]}`, { recursive: true, mode: 0o755 });
    m.vfs.writeFile(`${ZONEINFO}/${z}`, readFileSync(`${ZONEINFO}/${z}`), { mode: 0o644 });
  }
}

async function compare(t: Test, label: string, sh: string, hostSh: string, setup: (m: ReturnType<typeof corpusMachine>) => void): Promise<void> {
  const host = spawnSync(HOST_BUSYBOX, ['sh', '-c', `cd "$(mktemp -d)" && ${hostSh}`], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
  const m = corpusMachine();
  setup(m);
  const ours = await runInMachine(m, { script: sh });
  m.kernel.shutdown();
  const a = ours.stdout.split('\n');
  const b = host.stdout.split('\n');
  t.ok(b.length > 10, `${label}: the host printed ${b.length} lines (${host.stderr.split('\n')[0]})`);
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) t.equal(a[i], b[i], `${label}: line ${i + 1}`);
  t.equal(ours.stdout, host.stdout, `${label}: same output as busybox (${ours.stderr.split('\n')[0]})`);
}

const haveZoneFiles = FILES.every((z) => existsSync(`${ZONEINFO}/${z}`));

if (!existsSync(HOST_BUSYBOX)) t.pass("skip: the host's busybox-static is not installed");
else {
  t.test('TZ as POSIX strings and zoneinfo names', (t) => {
    const zones = haveZoneFiles ? [...ZONES, ...FILES, `:${FILES[0]}`] : ZONES;
    if (!haveZoneFiles) t.comment(`zoneinfo names skipped: the host has no ${ZONEINFO} (tzdata)`);
    const sh = script(zones);
    return compare(t, 'TZ', sh, sh, (m) => (haveZoneFiles ? copyZones(m) : undefined));
  });

  t.test('TZ unset: /etc/localtime', (t) => {
    if (!haveZoneFiles) return void t.pass(`skip: the host has no ${ZONEINFO} (tzdata)`);
    // The machine's /etc/localtime is Paris and TZ is unset; busybox is given TZ=Europe/Paris.
    const body = script(['local']).replace(/TZ=\$tz /g, '');
    return compare(t, '/etc/localtime', `unset TZ\n${body}`, `export TZ=Europe/Paris\n${body}`, (m) => {
      m.vfs.writeFile('/etc/localtime', readFileSync(`${ZONEINFO}/Europe/Paris`), { mode: 0o644 });
    });
  });
}
