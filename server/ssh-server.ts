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
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { Logger } from 'pino';
import { AuthThrottle } from './auth-throttle.js';
import type { AuthorizedKey, KeyOptions, WatchedKeyFile } from './authorized-keys.js';
import { addressMatches } from './address-patterns.js';
import type { MaxStartups } from './config.js';
import { ConnectionGate } from './connection-gate.js';
import { invalidUserName } from './guest-accounts.js';
import { SessionCaps } from './session-caps.js';
import { refuseChannelOpen } from './channel-refusal.js';
import type { PtyInfo, SessionHost, ShellSession } from './session-host.js';
import { serveSftp } from './sftp.js';
import { REFUSED_STATUS, commandTooLarge, envTooLarge, ptyTooLarge } from './request-limits.js';
import { MachineRefusal, type MachineLease, type MachineProvider } from './machine-pool.js';

export interface SshServerOptions {
  host: string;
  port: number;
  hostKey: string;
  /** When null, any user gets in without a password (only allowed on loopback unless insecureOpen). */
  authorizedKeys: WatchedKeyFile | null;
  /** Apply authorized_keys environment= options (sshd's PermitUserEnvironment). */
  permitUserEnvironment?: boolean;
  logger: Logger;
  sessionHost: SessionHost;
  /**
   * serve --machines per-session/per-user: each connection's sessions run on a machine
   * leased from here (sessionHost then only answers authorizedKeysOf).
   */
  machines?: MachineProvider;
  throttle?: AuthThrottle;
  /** Variable-name patterns (`LANG`, `LC_*`) a client may set with env requests. */
  acceptEnv?: string[];
  loginGraceTime?: number;
  maxStartups?: MaxStartups;
  perSourceMaxStartups?: number;
  /** Most session channels open at once (serve --max-sessions). */
  maxSessions?: number;
  /** Most session channels one user may hold at once (serve --max-sessions-per-user). */
  maxSessionsPerUser?: number;
}

/** serve --max-sessions and --max-sessions-per-user defaults. */
export const DEFAULT_MAX_SESSIONS = 1024;
export const DEFAULT_MAX_SESSIONS_PER_USER = 256;

/** Variables a client never sets, whatever --accept-env says: they are who the user is. */
const NEVER_FROM_CLIENT = new Set(['USER', 'HOME', 'LOGNAME', 'SHELL']);

/** An sshd-style pattern (`*` any run, `?` one character) as a RegExp. */
function patternToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

export class SshServer {
  private readonly server: ssh2.Server;
  private readonly clients = new Set<ssh2.Connection>();
  /** Running shells and the channel each talks on (to tell them when the server goes away). */
  private readonly shells = new Map<ShellSession, ssh2.ServerChannel>();
  private readonly throttle: AuthThrottle;
  private readonly acceptEnv: RegExp[];
  /** Sockets ssh2 was given, by "address|port", so a connection can be told it authenticated. */
  private readonly sockets = new Map<string, Socket>();
  private readonly gate: ConnectionGate;
  private readonly listener: NetServer;
  private readonly sessionCaps: SessionCaps;

  constructor(private readonly options: SshServerOptions) {
    this.throttle = options.throttle ?? new AuthThrottle();
    this.acceptEnv = (options.acceptEnv ?? ['LANG', 'LC_*']).map(patternToRegExp);
    this.sessionCaps = new SessionCaps({ maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS, maxSessionsPerUser: options.maxSessionsPerUser ?? DEFAULT_MAX_SESSIONS_PER_USER });
    this.server = new ssh2.Server({ hostKeys: [options.hostKey], ident: 'akuma-vm' }, (client, info) =>
      this.onClient(client, info),
    );
    this.server.on('error', (err: Error) => options.logger.error({ err: err.message }, 'ssh server error'));
    this.gate = new ConnectionGate({
      graceSeconds: options.loginGraceTime ?? 120,
      maxStartups: options.maxStartups ?? { start: 64, rate: 30, full: 256 },
      perSource: options.perSourceMaxStartups ?? 64,
      logger: options.logger,
    });
    // Our own listener in front of ssh2's: the gate sees every socket before any SSH byte.
    this.listener = createServer((socket) => {
      socket.on('error', () => undefined);
      if (!this.gate.admit(socket)) return;
      const key = `${socket.remoteAddress}|${socket.remotePort}`;
      this.sockets.set(key, socket);
      socket.once('close', () => this.sockets.delete(key));
      this.server.injectSocket(socket);
    });
    this.listener.on('error', (err: Error) => options.logger.error({ err: err.message }, 'ssh listener error'));
  }

  listen(): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.listener.once('error', onError);
      this.listener.listen(this.options.port, this.options.host, () => {
        this.listener.off('error', onError);
        resolve(this.listener.address() as AddressInfo);
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
    await new Promise<void>((resolve) => this.listener.close(() => resolve()));
    for (const socket of this.sockets.values()) socket.destroy();
    this.options.logger.info({ reason }, 'ssh server closed');
  }

  private onClient(client: ssh2.Connection, info: ssh2.ClientInfo): void {
    const log = this.options.logger;
    const address = info.ip;
    let user = '';
    let keyOptions: KeyOptions | null = null;
    const connection = randomUUID().slice(0, 8);
    // The connection's machine (--machines): leased at its first shell, command or SFTP.
    let lease: MachineLease | null = null;
    const hostOf = (): SessionHost => {
      if (!this.options.machines) return this.options.sessionHost;
      lease ??= this.options.machines.attach(user, connection);
      return lease.host;
    };
    this.clients.add(client);
    client.on('error', (err: Error) => {
      // ssh2 (as patched in server/patches) drops a connection whose packet is over 512 KiB
      // before any handler sees the request; say so, since the client cannot be told.
      if (/Bad packet length/.test(err.message)) log.info({ address, user, err: err.message }, 'connection closed: the client sent a packet over 512 KiB (twice the most OpenSSH sends)');
      else log.debug({ address, err: err.message }, 'client connection error');
    });
    // Session slots this connection holds (session-caps.ts): all given back when it closes.
    const slots = new Set<() => void>();
    client.on('close', () => {
      for (const release of slots) release();
      slots.clear();
      this.clients.delete(client);
      lease?.release();
    });

    client.on('authentication', (ctx) => {
      try {
        this.authenticate(ctx, address, (name, options) => ([user, keyOptions] = [name, options]));
      } catch (err) {
        log.warn({ address, err: (err as Error).message }, 'authentication error');
        ctx.reject();
      }
    });

    client.on('ready', () => {
      const socket = this.sockets.get(`${info.ip}|${info.port}`);
      if (socket) this.gate.authenticated(socket);
      client.on('session', (accept, reject) => {
        const slot = this.sessionCaps.take(user);
        if ('refused' in slot) {
          log.warn({ user, address, cap: slot.cap, limit: slot.limit, open: this.sessionCaps.open(slot.cap === 'max-sessions' ? undefined : user) }, `session refused: --${slot.cap} reached`);
          return refuseChannelOpen(client, reject, slot.refused);
        }
        slots.add(slot.release);
        try {
          const session = accept();
          session.on('close', () => {
            slots.delete(slot.release);
            slot.release();
          });
          this.onSession(session, user, address, keyOptions, hostOf);
        } catch (err) {
          log.warn({ address, err: (err as Error).message }, 'session setup failed');
        }
      });
    });
  }

  /** Decides one authentication attempt; `onAccepted` learns the user name that got in. */
  private authenticate(ctx: ssh2.AuthContext, address: string, onAccepted: (user: string, options: KeyOptions | null) => void): void {
    const log = this.options.logger;
    const keyFile = this.options.authorizedKeys;
    const accept = (key: AuthorizedKey | null, source?: string) => {
      this.throttle.succeeded(address);
      log.info({ user: ctx.username, address, method: ctx.method, keySource: source }, 'auth accepted');
      onAccepted(ctx.username, key?.options ?? null);
      ctx.accept();
    };
    const refuse = (why: string) => {
      // The initial "none" probe is part of normal negotiation, not a failure.
      if (ctx.method === 'none') return ctx.reject(keyFile ? ['publickey'] : undefined);
      // Only refusals wait, so a good key from the same address is never slowed down; the
      // failure counts at once, so parallel attempts raise each other's delay.
      const delay = this.throttle.delayFor(address);
      this.throttle.failed(address);
      log.warn({ user: ctx.username, address, method: ctx.method, reason: why, delayMs: delay }, 'auth refused');
      const answer = () => {
        try {
          ctx.reject(keyFile ? ['publickey'] : undefined);
        } catch {
          // The client left while it waited.
        }
      };
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    };

    if (!keyFile) {
      // Open mode: a local development machine; any user, no password.
      accept(null);
      return;
    }
    if (ctx.method !== 'publickey') {
      refuse(ctx.method === 'none' ? 'method none' : `method ${ctx.method} not allowed`);
      return;
    }
    // The host file (any user) first, then the user's own ~/.ssh/authorized_keys in the guest.
    let known = keyFile.keys().find(ctx.key.algo, ctx.key.data);
    let source = keyFile.path;
    let fromRefused = false;
    if (known?.options.from !== undefined && !addressMatches(known.options.from, address)) {
      fromRefused = true;
      known = undefined;
    }
    if (!known && this.options.sessionHost.authorizedKeysOf) {
      const own = this.options.sessionHost.authorizedKeysOf(ctx.username);
      if (own.problem) log.warn({ user: ctx.username, reason: own.problem }, 'authorized_keys ignored');
      const k = own.keys?.find(ctx.key.algo, ctx.key.data);
      if (k && k.options.from !== undefined && !addressMatches(k.options.from, address)) fromRefused = true;
      else if (k) [known, source] = [k, own.keys!.path];
    }
    if (!known) {
      refuse(fromRefused ? `key not allowed from ${address} (from= option)` : 'key not authorized');
      return;
    }
    if (!ctx.signature) {
      // The client asks whether this key would do; it signs next.
      ctx.accept();
      return;
    }
    const ok = known.key.verify(ctx.blob!, ctx.signature, ctx.hashAlgo);
    if (ok === true) accept(known, source);
    else refuse('bad signature');
  }

  private onSession(session: ssh2.Session, user: string, address: string, keyOptions: KeyOptions | null, hostOf: () => SessionHost): void {
    const log = this.options.logger;
    const id = randomUUID().slice(0, 8);
    const opened = Date.now();
    const env: Record<string, string> = {};
    let pty: PtyInfo | null = null;
    let shell: ShellSession | null = null;
    /** Why this session's shell or command will not run: a request over its limit (request-limits.ts). */
    let refusal: string | null = null;
    let envBytes = 0;
    log.info({ session: id, user, address }, 'session open');

    session.on('env', (accept, reject, info) => {
      const tooLarge = envTooLarge(info.key, info.val, envBytes);
      if (tooLarge) {
        refusal ??= tooLarge;
        log.info({ session: id, user, reason: tooLarge }, 'env request refused');
        return reject?.();
      }
      // As sshd with AcceptEnv: only listed names; who the user is never comes from the client.
      if (!NEVER_FROM_CLIENT.has(info.key) && this.acceptEnv.some((re) => re.test(info.key))) {
        envBytes += Buffer.byteLength(info.key) + 1 + Buffer.byteLength(info.val);
        env[info.key] = info.val;
        accept?.();
      } else {
        log.debug({ session: id, variable: info.key }, 'env request refused (not in --accept-env)');
        reject?.();
      }
    });
    // environment="NAME=value" from the key, when the operator allows it (never who the user is).
    if (keyOptions && this.options.permitUserEnvironment) {
      for (const kv of keyOptions.environment) {
        const eq = kv.indexOf('=');
        if (eq > 0 && !NEVER_FROM_CLIENT.has(kv.slice(0, eq))) env[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
    }
    session.on('pty', (accept, reject, info) => {
      if (keyOptions && !keyOptions.pty) {
        log.info({ session: id, user }, 'pty refused (no-pty or restrict in authorized_keys)');
        return reject?.();
      }
      const tooLarge = ptyTooLarge(info.term ?? '');
      if (tooLarge) {
        // Accepted, yet nothing will run: OpenSSH's `ssh -t` ends at a failed pty request
        // with only "PTY allocation request failed", so the reason is said at shell/exec.
        refusal ??= tooLarge;
        return accept?.();
      }
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

    const start = (channel: ssh2.ServerChannel, run: (s: ShellSession) => Promise<number>, kind: 'shell' | 'exec', what: string) => {
      let host: SessionHost;
      try {
        host = hostOf();
      } catch (err) {
        if (!(err instanceof MachineRefusal)) throw err;
        return refuse(channel, err.message);
      }
      const s = host.openShell({
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
      let finished = false;
      let hungUp = false;
      channel.on('close', () => {
        // The client is gone (or the channel finished): nothing may keep running for it.
        if (!finished) hungUp = true;
        s.hangup();
        this.shells.delete(s);
      });
      run(s)
        .then((status) => {
          finished = true;
          // Command lines can hold secrets (tokens, passwords): only at debug.
          log.debug({ session: id, user, cmd: what, status }, 'session command line');
          log.info({ session: id, user, kind, status, hungUp, ms: Date.now() - opened }, 'session command finished');
          try {
            channel.exit(status);
            channel.end();
          } catch {
            // Channel already closed by the client.
          }
        })
        .catch((err: Error) => {
          finished = true;
          // A client that hangs up mid-command is an ordinary end, not a server error.
          if (hungUp) log.info({ session: id, user, err: err.message }, 'session ended by client hang-up');
          else log.error({ session: id, user, err: err.message }, 'shell failed');
          try {
            channel.stderr.write(`akuma-vm: ${err.message}\n`);
            channel.exit(1);
            channel.end();
          } catch {
            // Channel already closed.
          }
        });
    };

    // A login name that cannot be a guest user gets no shell, and is told why.
    const badName = invalidUserName(user);
    const refuseName = (channel: ssh2.ServerChannel | undefined) => {
      if (!channel) return;
      log.info({ session: id, address, reason: badName }, 'login refused: invalid user name');
      writeSafely(channel.stderr, Buffer.from(`akuma-vm: ${badName}\r\n`));
      try {
        channel.exit(1);
        channel.end();
      } catch {
        // Already gone.
      }
    };
    if (badName) {
      session.on('shell', (accept) => refuseName(accept()));
      session.on('exec', (accept) => refuseName(accept()));
      session.on('sftp', (_accept, reject) => reject());
      return;
    }

    // A request over its limit: one line and status 126 on this channel; the connection stays.
    const refuse = (channel: ssh2.ServerChannel, why: string) => {
      log.info({ session: id, user, address, reason: why }, 'session request refused');
      writeSafely(channel.stderr, Buffer.from(`akuma-vm: ${why}\r\n`));
      try {
        channel.exit(REFUSED_STATUS);
        channel.end();
      } catch {
        // Already gone.
      }
    };

    // command="..." in authorized_keys: whatever the client asks, that command runs (sshd's
    // forced command); the request is in SSH_ORIGINAL_COMMAND. SFTP only as internal-sftp.
    const forced = keyOptions?.command;
    session.on('shell', (accept) => {
      const channel = accept();
      if (!channel) return;
      if (refusal) refuse(channel, refusal);
      else if (forced !== undefined) start(channel, (s) => s.exec(forced), 'exec', forced);
      else start(channel, (s) => s.interactive(), 'shell', '(shell)');
    });
    session.on('exec', (accept, _reject, info) => {
      const channel = accept();
      if (!channel) return;
      const why = refusal ?? commandTooLarge(info.command);
      if (why) refuse(channel, why);
      else if (forced !== undefined) {
        env.SSH_ORIGINAL_COMMAND = info.command;
        start(channel, (s) => s.exec(forced), 'exec', forced);
      } else start(channel, (s) => s.exec(info.command), 'exec', info.command);
    });
    session.on('sftp', (accept, reject) => {
      if (forced !== undefined && forced !== 'internal-sftp') {
        log.info({ session: id, user }, 'sftp refused: the key has a forced command');
        return reject();
      }
      let host: SessionHost;
      try {
        host = hostOf();
      } catch (err) {
        if (!(err instanceof MachineRefusal)) throw err;
        log.info({ session: id, user, reason: err.message }, 'sftp refused');
        return reject();
      }
      const sftp = accept();
      if (sftp) serveSftp(sftp, host.files(user), host.homeOf(user), log.child({ session: id }));
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
