/**
 * The everyday tools through the real machine: each runs as a kernel process started by
 * /bin/sh, in pipelines, spawning others (xargs, find -exec, env, awk's pipes and
 * system()). Outputs are compared with the same stages run by Debian's busybox under
 * qemu-aarch64 (each applet a process, joined by host pipes) on the same files.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { BUSYBOX, haveBusybox } from './busybox-compare.js';
import { bootMachine, runSh } from './run-sh.js';

const FILES: Record<string, string> = {
  'in.txt': 'apple pie\nbanana\nApple tart\ncherry\napple pie\nbanana split\ndate\napple pie\n',
  'nums.txt': '10\n2\n33\n4\n2\n',
  'd/a.c': 'int a;\n',
  'd/b.h': 'int b;\nint c;\n',
  'd/sub/c.c': 'main\n',
};

/** Each case: the pipeline the machine's sh runs, and the same stages for busybox. */
const CASES: Array<{ sh: string; stages: string[][] }> = [
  { sh: 'cat in.txt | grep -i apple | sort | uniq -c | sort -rn', stages: [['cat', 'in.txt'], ['grep', '-i', 'apple'], ['sort'], ['uniq', '-c'], ['sort', '-rn']] },
  { sh: 'sort -n nums.txt | uniq | tail -2 | head -1', stages: [['sort', '-n', 'nums.txt'], ['uniq'], ['tail', '-2'], ['head', '-1']] },
  { sh: "sed -n 's/apple/APPLE/p' in.txt | tr a-z A-Z | wc -l", stages: [['sed', '-n', 's/apple/APPLE/p', 'in.txt'], ['tr', 'a-z', 'A-Z'], ['wc', '-l']] },
  { sh: "awk '{ n[$1]++ } END { for (k in n) print k, n[k] }' in.txt | sort", stages: [['awk', '{ n[$1]++ } END { for (k in n) print k, n[k] }', 'in.txt'], ['sort']] },
  // busybox under qemu-aarch64 cannot start its own applets from xargs or find -exec (it
  // re-executes /proc/self/exe, which is qemu), so those stages are written out for it
  { sh: 'find d -type f | sort | xargs wc -l', stages: [['wc', '-l', 'd/a.c', 'd/b.h', 'd/sub/c.c']] },
  { sh: "find d -name '*.c' -exec cat {} + | sort", stages: [['cat', 'd/a.c', 'd/sub/c.c'], ['sort']] },
  { sh: 'cut -d " " -f 1 in.txt | sort -u | paste -s -d ,', stages: [['cut', '-d', ' ', '-f', '1', 'in.txt'], ['sort', '-u'], ['paste', '-s', '-d', ',']] },
  { sh: 'seq 1 20 | grep 1 | tac | head -3', stages: [['seq', '1', '20'], ['grep', '1'], ['tac'], ['head', '-3']] },
  { sh: 'cat in.txt | md5sum', stages: [['cat', 'in.txt'], ['md5sum']] },
  { sh: 'ls d | sort -r', stages: [['ls', 'd'], ['sort', '-r']] },
];

function busyboxPipeline(dir: string, stages: string[][]): string {
  let input: Buffer = Buffer.alloc(0);
  for (const st of stages) {
    const r = spawnSync('qemu-aarch64', [BUSYBOX, ...st], { cwd: dir, input, env: { PATH: '/usr/bin:/bin', TZ: 'UTC', LC_ALL: 'C' } });
    input = r.stdout;
  }
  return input.toString();
}

t.test('tools in pipelines through the machine match busybox', async (t) => {
  if (!haveBusybox()) return t.pass('skip: busybox or qemu-aarch64 missing');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akuma-machine-tools-'));
  const m = bootMachine();
  try {
    // the same files in the host directory and in the machine's /tmp/w
    let setup = 'mkdir -p /tmp/w/d/sub';
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
      setup += ` && printf '%s' '${text.replace(/'/g, "'\\''")}' > /tmp/w/${name}`;
    }
    const s = await runSh(m, ['sh', '-c', setup]);
    t.equal(s.status, 0, `files set up in the machine ${s.stderr}`);
    for (const c of CASES) {
      const ours = await runSh(m, ['sh', '-c', c.sh], '', '/tmp/w');
      t.same({ stdout: ours.stdout, status: ours.status }, { stdout: busyboxPipeline(dir, c.stages), status: 0 }, c.sh);
    }
  } finally {
    m.kernel.shutdown?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

t.test('the tools are kernel processes in /bin', async (t) => {
  const m = bootMachine();
  try {
    const r = await runSh(m, ['sh', '-c', 'ls /bin | grep -c -x -e grep -e sed -e awk -e tar -e find; command -v xargs; env -i X=1 printenv X; echo hi | tee /tmp/t1 > /dev/null; cat /tmp/t1']);
    t.same(r, { stdout: '5\n/bin/xargs\n1\nhi\n', stderr: '', status: 0 });
    const ps = await runSh(m, ['sh', '-c', '/bin/ps | grep -c "/bin/ps$"']);
    t.equal(ps.stdout, '1\n', '/bin/ps lists itself from /proc');
    const st = await runSh(m, ['sh', '-c', 'grep x /nonexistent; echo $?; false | true; echo $?']);
    t.same(st.stdout, '2\n0\n', 'exit statuses reach the shell');
    t.match(st.stderr, /^grep: \/nonexistent: No such file or directory/, "busybox's message style");
    const awk = await runSh(m, ['sh', '-c', `awk 'BEGIN { "echo piped" | getline x; print x; system("echo from system"); print "b\\na" | "sort"; close("sort"); print "end" }'`]);
    t.same(awk, { stdout: 'piped\nfrom system\na\nb\nend\n', stderr: '', status: 0 }, "awk's command pipes and system() run real processes");
    const to = await runSh(m, ['sh', '-c', 'timeout 0.2 sleep 5; echo $?']);
    t.equal(to.stdout, '124\n', 'timeout kills a command that runs too long and exits 124');
    const yes = await runSh(m, ['sh', '-c', 'yes | head -3']);
    t.same(yes, { stdout: 'y\ny\ny\n', stderr: '', status: 0 }, 'yes ends when its reader goes away');
  } finally {
    m.kernel.shutdown?.();
  }
});
