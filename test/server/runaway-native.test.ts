/**
 * Native programs and shell loops at host speed share their thread's event loop with every
 * other session of that thread (the main thread with --workers 0 or the shared machine, a
 * worker thread otherwise): a shell loop of builtins and a tool whose reads and writes
 * never block must still let timers run and their own hangup end them. Each runaway below
 * runs while the test waits for a few timer turns, then is hung up and must end. No time
 * is measured: without the turns the timers never fire and the test cannot finish.
 */

import t from 'tap';
import pino from 'pino';
import { MachineHost } from '../../server/machine-host.js';

const machine = new MachineHost({ repository: null, logger: pino({ level: 'silent' }) });
t.teardown(() => machine.shutdown());

const turns = (n: number): Promise<void> =>
  new Promise((resolve) => {
    let left = n;
    const tick = (): void => void (--left === 0 ? resolve() : setTimeout(tick, 20));
    setTimeout(tick, 20);
  });

for (const runaway of ['while :; do :; done', 'for i in 1 2; do while true; do x=1; done; done', 'yes > /dev/null', 'cat /dev/zero > /dev/null', 'yes | cat > /dev/null']) {
  t.test(runaway, async (t) => {
    const s = machine.openShell({ user: 'user', env: {}, pty: null, session: 'runaway', stdout: () => true, stderr: () => true });
    let settled = false;
    const ended = s.exec(runaway).then(
      () => void (settled = true),
      () => void (settled = true),
    );
    await turns(5);
    t.equal(settled, false, 'still running while timers fire next to it');
    s.hangup();
    await ended;
    t.ok(settled, 'its hangup ended it');
  });
}
