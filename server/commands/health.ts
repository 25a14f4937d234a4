/**
 * `akuma-vm health [--host H] [--port P] [--timeout-ms T]`: exits 0 once the SSH server at
 * H:P has sent its identification line (`SSH-2.0-...`), 1 with one line saying what went
 * wrong otherwise. This is the container's HEALTHCHECK and the farm's readiness probe: it
 * checks what a client would meet first, the SSH protocol answering, not merely that a
 * port is open (a server stuck before its handshake fails it). It sends nothing itself, so
 * the server only logs a connection that closed before authenticating.
 */

import { connect } from 'node:net';
import type { Argv, CommandModule } from 'yargs';

interface HealthArgs {
  host: string;
  port: number;
  timeoutMs: number;
}

/** Resolves to the identification line, or rejects with a reason. */
export function sshIdentification(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let text = '';
    const done = (err: Error | null, line?: string) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(line!);
    };
    const timer = setTimeout(() => done(new Error(`no SSH identification within ${timeoutMs} ms`)), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      // RFC 4253 4.2: lines before the identification may come first; it starts with "SSH-".
      for (const line of text.split('\r\n').slice(0, -1)) if (line.startsWith('SSH-')) return done(null, line);
      if (text.length > 8192) done(new Error('no SSH identification in the first 8 KiB'));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => done(new Error(err.code === 'ECONNREFUSED' ? 'connection refused' : err.message)));
    socket.on('end', () => done(new Error('closed before the SSH identification')));
  });
}

export const healthCommand: CommandModule<object, HealthArgs> = {
  command: 'health',
  describe: 'Check that an akuma-vm server answers SSH (exit 0) or not (exit 1): for health checks and readiness probes',
  builder: (yargs: Argv) =>
    yargs
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'server address' })
      .option('port', { type: 'number', default: 2222, describe: 'server port' })
      .option('timeout-ms', { type: 'number', default: 5000, describe: 'how long to wait for the identification line' }) as unknown as Argv<HealthArgs>,
  handler: async (args) => {
    try {
      const line = await sshIdentification(args.host, args.port, args.timeoutMs);
      process.stdout.write(`ok: ${args.host}:${args.port} ${line}\n`);
    } catch (err) {
      process.stderr.write(`akuma-vm health: ${args.host}:${args.port}: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  },
};
