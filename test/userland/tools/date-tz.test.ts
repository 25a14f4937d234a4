/**
 * date in a time zone: TZ as a POSIX string (EST5EDT, UTC-2, <+0530>-5:30, explicit M/J/n
 * rules, northern and southern summers), as a zoneinfo file under /usr/share/zoneinfo (the
 * host's files copied into the guest), unknown names and TZ="". The same script runs under
 * the machine's /bin/sh with its date tool and under the host's busybox (its date applet,
 * over glibc's time zone code), at instants around changes, far before 1970 and after 2038,
 * and for wall-clock times typed with -d (including one that does not exist in spring).
 */

import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import t, { type Test } from 'tap';
import { corpusMachine, runInMachine } from '../shell-corpus/compare.js';

const HOST_BUSYBOX = '/bin/busybox';
const ZONEINFO = '/usr/share/zoneinfo';
const FILES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];

const POSIX_ZONES = ['UTC', 'UTC0', 'EST5EDT', 'UTC-2', 'Nowhere/Land', '<+0530>-5:30', 'AAA3BBB,M3.2.0/2,M11.1.0/2', 'JST-9',
  'CET-1CEST,M3.5.0,M10.5.0/3', 'NZST-12NZDT,M9.5.0,M4.1.0/3', 'EST5EDT4,J60/1,300', "''", '<-03>3'];
const INSTANTS = [1720000000, 1700000000, 1711846800, 1711850400, 1730595600, 0, -1000000000, 4102444800];

function script(zones: string[]): string {
  return `for tz in ${zones.map((z) => (z.startsWith("'") ? z : `'${z}'`)).join(' ')}; do
  for t in ${INSTANTS.join(' ')}; do
    echo "$tz $t: $(TZ=$tz date -d @$t '+%F %T %z %Z %s %a %j') $(TZ=$tz date -R -d @$t) $(TZ=$tz date -Iseconds -d @$t)"
  done
  echo "$tz wall: $(TZ=$tz date -d '2024-07-03 12:00:00' +%s) $(TZ=$tz date -d '2024-01-15 08:30' +%s) $(TZ=$tz date -d '2024-03-31 02:30:00' '+%s %T %Z')"
done
echo "-u: $(TZ=JST-9 date -u -d @1720000000 '+%T %Z %z')"
`;
}

function compare(t: Test, label: string, zones: string[], withFiles: boolean): Promise<void> | void {
  if (!existsSync(HOST_BUSYBOX)) return void t.pass(`skip ${label}: the host's busybox-static is not installed`);
  const sh = script(zones);
  const host = spawnSync(HOST_BUSYBOX, ['sh', '-c', sh], { encoding: 'utf8', env: { PATH: '/nonexistent' } });
  return (async () => {
    const m = corpusMachine();
    if (withFiles) {
      for (const z of FILES) {
        m.vfs.mkdir(`${ZONEINFO}/${z.split('/')[0]}`, { recursive: true, mode: 0o755 });
        m.vfs.writeFile(`${ZONEINFO}/${z}`, readFileSync(`${ZONEINFO}/${z}`), { mode: 0o644 });
      }
    }
    const ours = await runInMachine(m, { script: sh });
    m.kernel.shutdown();
    const a = ours.stdout.split('\n');
    const b = host.stdout.split('\n');
    t.ok(b.length > zones.length * INSTANTS.length, `${label}: the host printed ${b.length} lines`);
    for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) t.equal(a[i], b[i], `${label}: line ${i + 1}`);
    t.equal(ours.stdout, host.stdout, `${label}: same output as busybox date (${ours.stderr.split('\n')[0]})`);
  })();
}

t.test('TZ as POSIX strings', (t) => compare(t, 'POSIX TZ', POSIX_ZONES, false));

t.test('TZ naming zoneinfo files', (t) => {
  if (!FILES.every((z) => existsSync(`${ZONEINFO}/${z}`))) return void t.pass(`skip: the host has no ${ZONEINFO} (tzdata)`);
  return compare(t, 'zoneinfo', [...FILES, ...FILES.map((z) => `:${z}`), `${ZONEINFO}/Europe/Paris`], true);
});
