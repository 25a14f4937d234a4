/**
 * The SSH front door (ssh2): host key, who gets in, and one shell session per channel.
 *
 * Each channel request has a small handler, in the spirit of ssh2's own server examples:
 * `env` and `pty-req` collect settings, `shell`/`exec` start the shell, `window-change`
 * and `signal` are passed on, and the `sftp` subsystem serves the guest filesystem.
 * Nothing a client does can throw out of these handlers: errors are logged and the
 * channel (not the server) is closed.
 */

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Logger } from 'pino';
import { AuthThrottle } from './auth-throttle.js';
import type { AuthorizedKeys } from './authorized-keys.js';
import type { PtyInfo, SessionHost, ShellSession } from './session-host.js';
import { serveSftp } from './sftp.js';

export interface SshServerOptions {
  host: string;
  port: number;
  hostKey: string;
  /** When null, any user gets in without a password (only allowed on loopback unless insecureOpen). */
  authorizedKeys: AuthorizedKeys | null;
  logger: Logger;
  sessionHost: SessionHost;
  throttle?: AuthThrottle;
}

export class SshServer {
  private readonly server: ssh2.Server;
  private readonly clients = new Set<ssh2.Connection>();
  /** Running shells and the channel each talks on (to tell them when the server goes away). */
  private readonly shells = new Map<ShellSession, ssh2.ServerChannel>();
  private readonly throttle: AuthThrottle;

  constructor(private readonly options: SshServerOptions) {
    this.throttle = options.throttle ?? new AuthThrottle();
    this.server = new ssh2.Server({ hostKeys: [options.hostKey], ident: 'akuma-vm' }, (client, info) =>
      this.onClient(client, info),
    );
    this.server.on('error', (err: Error) => options.logger.error({ err: err.message }, 'ssh server error'));
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Tells every session the server is going away, then stops listening. */
  async close(reason = 'server shutting down'): Promise<void> {
    for (const [shell, channel] of this.shells) {
      writeSafely(channel.stderr, Buffer.from(`\r\nakuma-vm: server shutting down (${reason})\r\n`));
      shell.hangup();
    }
    for (const client of this.clients) {
      try {
        client.end();
      } catch {
        // Already gone.
      }
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.options.logger.info({ reason }, 'ssh server closed');
  }

  private onClient(client: ssh2.Connection, info: ssh2.ClientInfo): void {
    const log = this.options.logger;
    const address = info.ip;
    let user = '';
    this.clients.add(client);
    client.on('error', (err: Error) => log.debug({ address, err: err.message }, 'client connection error'));
    client.on('close', () => this.clients.delete(client));

    client.on('authentication', (ctx) => {
      const delay = this.throttle.delayFor(address);
      const decide = () => {
        try {
          this.authenticate(ctx, address, (name) => (user = name));
        } catch (err) {
          log.warn({ address, err: (err as Error).message }, 'authentication error');
          ctx.reject();
        }
      };
      if (delay > 0) setTimeout(decide, delay);
      else decide();
    });

    client.on('ready', () => {
      client.on('session', (accept) => {
        try {
          this.onSession(accept(), user, address);
        } catch (err) {
          log.warn({ address, err: (err as Error).message }, 'session setup failed');
        }
      });
    });
  }

  /** Decides one authentication attempt; `onAccepted` learns the user name that got in. */
  private authenticate(ctx: ssh2.AuthContext, address: string, onAccepted: (user: string) => void): void {
    const log = this.options.logger;
    const keys = this.options.authorizedKeys;
    const accept = () => {
      this.throttle.succeeded(address);
      log.info({ user: ctx.username, address, method: ctx.method }, 'auth accepted');
      onAccepted(ctx.username);
      ctx.accept();
    };
    const refuse = (why: string) => {
      // A key query or the initial "none" probe is part of normal negotiation, not a failure.
      if (ctx.method !== 'none') {
        this.throttle.failed(address);
        log.warn({ user: ctx.username, address, method: ctx.method, reason: why }, 'auth refused');
      }
      ctx.reject(keys ? ['publickey'] : undefined);
    };

    if (!keys) {
      // Open mode: a local development machine; any user, no password.
      accept();
      return;
    }
    if (ctx.method !== 'publickey') {
      refuse(ctx.method === 'none' ? 'method none' : `method ${ctx.method} not allowed`);
      return;
    }
    const known = keys.find(ctx.key.algo, ctx.key.data);
    if (!known) {
      refuse('key not authorized');
      return;
    }
    if (!ctx.signature) {
      // The client asks whether this key would do; it signs next.
      ctx.accept();
      return;
    }
    const ok = known.key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo);
    if (ok === true) accept();
    else refuse('bad signature');
  }

  private onSession(session: ssh2.Session, user: string, address: string): void {
    const log = this.options.logger;
    const id = randomUUID().slice(0, 8);
    const opened = Date.now();
    const env: Record<string, string> = {};
    let pty: PtyInfo | null = null;
    let shell: ShellSession | null = null;
    log.info({ session: id, user, address }, 'session open');

    session.on('env', (accept, _reject, info) => {
      env[info.key] = info.val;
      accept?.();
    });
    session.on('pty', (accept, _reject, info) => {
      pty = { term: info.term || 'xterm', cols: info.cols || 80, rows: info.rows || 24 };
      accept?.();
    });
    session.on('window-change', (accept, _reject, info) => {
      if (pty) {
        pty.cols = info.cols;
        pty.rows = info.rows;
      }
      shell?.resize(info.cols, info.rows);
      accept?.();
    });
    session.on('signal', (accept, _reject, info) => {
      shell?.signal(info.name);
      accept?.();
    });

    const start = (channel: ssh2.ServerChannel, run: (s: ShellSession) => Promise<number>, what: string) => {
      const s = this.options.sessionHost.openShell({
        user,
        env,
        pty,
        session: id,
        logger: log.child({ session: id, user }),
        stdout: (data) => writeSafely(channel, data),
        stderr: (data) => writeSafely(channel.stderr, data),
      });
      channel.on('drain', () => s.drain());
      channel.stderr.on('drain', () => s.drain());
      shell = s;
      this.shells.set(s, channel);
      channel.on('data', (data: Buffer) => s.input(data));
      channel.on('end', () => s.endInput());
      channel.on('error', () => undefined);
      channel.on('close', () => {
        // The client is gone (or the channel finished): nothing may keep running for it.
        s.hangup();
        this.shells.delete(s);
      });
      run(s)
        .then((status) => {
          log.info({ session: id, user, cmd: what, status, ms: Date.now() - opened }, 'session command finished');
          try {
            channel.exit(status);
            channel.end();
          } catch {
            // Channel already closed by the client.
          }
        })
        .catch((err: Error) => {
          log.error({ session: id, err: err.message }, 'shell failed');
          try {
            channel.stderr.write(`akuma-vm: ${err.message}\n`);
            channel.exit(1);
            channel.end();
          } catch {
            // Channel already closed.
          }
        });
    };

    session.on('shell', (accept) => {
      const channel = accept();
      if (channel) start(channel, (s) => s.interactive(), '(shell)');
    });
    session.on('exec', (accept, _reject, info) => {
      const channel = accept();
      if (channel) start(channel, (s) => s.exec(info.command), info.command);
    });
    session.on('sftp', (accept) => {
      const sftp = accept();
      if (sftp) serveSftp(sftp, this.options.sessionHost.files(user), this.options.sessionHost.homeOf(user), log.child({ session: id }));
    });
    session.on('close', () => {
      log.info({ session: id, user, address, ms: Date.now() - opened }, 'session close');
    });
  }
}

/** Writes to a channel stream; false under backpressure (the stream emits 'drain' later). */
function writeSafely(stream: NodeJS.WritableStream, data: Uint8Array): boolean {
  try {
    return stream.write(data);
  } catch {
    // The client went away; the hangup path cleans up.
    return true;
  }
}
