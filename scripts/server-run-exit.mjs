/**
 * How the server-driving scripts (soak-connect.mjs, stress-memory.mjs) end: the exit code
 * their main() settles on (1, with one "NAME: message" line, when it throws), given only
 * after the server they started has stopped and its fresh data directory is removed, so a
 * run leaves neither a process nor a directory behind.
 */

import { rmSync } from 'node:fs';

/**
 * @param {Promise<number>} run main()'s promise
 * @param {string} name the script's name, for the error line
 * @param {import('node:child_process').ChildProcess} server the server the script spawned
 * @param {string} dir the temporary directory to remove once the server is gone
 */
export function exitAfterServer(run, name, server, dir) {
  run
    .then(
      (code) => code,
      (err) => {
        console.error(`${name}: ${err.message}`);
        return 1;
      },
    )
    .then((code) => {
      server.kill('SIGTERM');
      server.on('exit', () => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(code);
      });
    });
}
