/**
 * The machine's /bin/sh over the stock OpenSSH client: a script on stdin (`ssh host sh -s
 * < script.sh`, and with no command at all), here-documents, globbing /bin in a pipeline,
 * sh file/-c/#! scripts, and a failing script that leaves the login shell going. Outputs
 * are compared with Debian's dash running the same script on the host.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NO_OPENSSH, makeKey, removeDir, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';

const dir = tmpDir();
let server: ServerHandle;
const DASH = '/usr/bin/dash';

t.before(async () => {
  if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');
  server = await startServer({ dataDir: join(dir, 'data') });
});
t.teardown(async () => {
  await server?.stop();
  removeDir(dir);
});

const SCRIPT = [
  '#!/bin/sh',
  '# functions, loops, case, arithmetic, command substitution, here-documents, traps',
  'greet() { echo "hello, $1"; }',
  'for who in world "new user"; do greet "$who"; done',
  'n=0',
  'while [ $n -lt 5 ]; do n=$((n + 1)); done',
  `echo "n=$n squares: $(i=1; while [ $i -le 4 ]; do printf '%d ' $((i*i)); i=$((i+1)); done)"`,
  'case "$n" in [0-4]) echo small;; 5) echo five;; *) echo big;; esac',
  'cat <<EOF',
  'here-doc with $n and $(echo substitution)',
  'EOF',
  "cat <<'EOF'",
  'quoted $n stays',
  'EOF',
  `trap 'echo "exit trap, status $?"' EXIT`,
  'x="a b c"; set -- $x; echo "$# fields, last $3"',
  'false || echo "or-list ran"',
  '(exit 4); echo "subshell status $?"',
  'exit 3',
  '',
].join('\n');

function dash(input: string): { stdout: string; status: number | null } {
  const r = spawnSync(DASH, ['-s'], { input, encoding: 'utf8', cwd: dir, env: { PATH: '/usr/bin:/bin' } });
  return { stdout: r.stdout, status: r.status };
}

t.test('OpenSSH client', { skip: NO_OPENSSH }, async (t) => {
  t.test('ssh host sh -s < script.sh runs as dash runs it', async (t) => {
    const r = await ssh(server, dir, 'sh -s', { input: SCRIPT });
    if (!existsSync(DASH)) return t.pass('skip: no dash to compare with');
    const d = dash(SCRIPT);
    t.equal(r.stdout, d.stdout, `stdout (stderr: ${r.stderr})`);
    t.equal(r.code, d.status, 'exit status');
    t.notMatch(r.stderr, /exit code/, 'no [exit code: N] line in exec mode');
  });

  t.test('a script on stdin with no command (ssh -T host < script)', async (t) => {
    const r = await ssh(server, dir, null, { input: SCRIPT, extra: ['-T'] });
    if (!existsSync(DASH)) return t.pass('skip: no dash to compare with');
    const d = dash(SCRIPT);
    t.equal(r.stdout, d.stdout, `stdout (stderr: ${r.stderr})`);
    t.equal(r.code, d.status, 'exit status');
  });

  t.test('a here-document in the command line', async (t) => {
    const cmd = 'x=42; cat <<EOF\nvalue $x\n$(echo sub)\nEOF\ncat <<-EOF\n\tstripped\n\tEOF';
    const r = await ssh(server, dir, cmd);
    t.equal(r.stdout, 'value 42\nsub\nstripped\n');
    t.equal(r.code, 0);
  });

  t.test('for f in /bin/*; do echo $f; done | head -3', async (t) => {
    const r = await ssh(server, dir, 'for f in /bin/*; do echo $f; done | head -3');
    const all = await ssh(server, dir, 'echo /bin/*');
    const expected = all.stdout.trim().split(' ').slice(0, 3).map((f) => f + '\n').join('');
    t.equal(r.stdout, expected);
    t.equal(r.stdout.split('\n').length, 4, 'three lines');
    t.equal(r.code, 0);
    const sh = await ssh(server, dir, 'command -v sh; for f in /bin/*; do [ "$f" = /bin/sh ] && echo listed; done');
    t.equal(sh.stdout, '/bin/sh\nlisted\n', '/bin/sh is listed and found');
  });

  t.test('sh file args, sh -c, and a #!/bin/sh script', async (t) => {
    const r = await ssh(server, dir, `printf 'echo "$0 got $# args: $*"\\n' > /tmp/s.sh; sh /tmp/s.sh a b; sh -c 'echo "$0 $1"' zero one; printf '#!/bin/sh\\necho shebang "$@"\\n' > /tmp/x; chmod +x /tmp/x; /tmp/x 1 2`);
    t.equal(r.stdout, '/tmp/s.sh got 2 args: a b\nzero one\nshebang 1 2\n', `stderr: ${r.stderr}`);
  });

  t.test('a failing script ends with its status; the login shell goes on', async (t) => {
    const r = await ssh(server, dir, `sh -c 'echo before; if then'; echo "login shell continues $?"`);
    t.equal(r.stdout, 'login shell continues 2\n', 'a syntax error: nothing of that script ran');
    t.match(r.stderr, /sh: 1: Syntax error: "then" unexpected/);
    const again = await ssh(server, dir, 'echo fine');
    t.equal(again.stdout, 'fine\n');
  });
});
