/**
 * OpenSSH authorized_keys files: which public keys may log in, and on what terms. Lines
 * are `[options] keytype base64 [comment]`; ed25519, ECDSA and RSA keys are understood.
 * The options sshd(8) documents under AUTHORIZED_KEYS FILE FORMAT that matter here are
 * parsed (KeyOptions) and enforced by the SSH server: command=, from=, restrict, no-pty /
 * pty, no-port-forwarding, no-agent-forwarding, no-X11-forwarding, environment=.
 *
 * A file is re-read when it changes (its size, mtime or inode), so a key removed from it
 * is refused at the next attempt without a restart.
 */

import { readFileSync, statSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';

const KEY_TYPES = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

export interface KeyOptions {
  /** command="...": run this instead of what the client asks (the request is in SSH_ORIGINAL_COMMAND). */
  command?: string;
  /** from="pattern-list": client addresses (names are not resolved: patterns and CIDR on the IP). */
  from?: string;
  /** environment="NAME=value" (only applied when the server permits user environment). */
  environment: string[];
  pty: boolean;
  portForwarding: boolean;
  agentForwarding: boolean;
  x11Forwarding: boolean;
}

export interface AuthorizedKey {
  type: string;
  /** The key blob, as the client sends it. */
  blob: Buffer;
  comment: string;
  key: ssh2.ParsedKey;
  options: KeyOptions;
}

/** Splits the options field: comma-separated, double quotes protect commas and spaces, \" escapes. */
function splitOptions(text: string): { options: string[]; rest: string } | null {
  const options: string[] = [];
  let current = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      options.push(current);
      current = '';
    } else if (c === ' ' || c === '\t') break;
    else current += c;
  }
  if (quoted) return null;
  options.push(current);
  return { options, rest: text.slice(i).trim() };
}

function parseOptions(list: string[]): KeyOptions {
  const o: KeyOptions = { environment: [], pty: true, portForwarding: true, agentForwarding: true, x11Forwarding: true };
  for (const raw of list) {
    const eq = raw.indexOf('=');
    const name = (eq < 0 ? raw : raw.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : raw.slice(eq + 1);
    switch (name) {
      case 'command': o.command = value; break;
      case 'from': o.from = value; break;
      case 'environment': o.environment.push(value); break;
      case 'restrict': Object.assign(o, { pty: false, portForwarding: false, agentForwarding: false, x11Forwarding: false }); break;
      case 'no-pty': o.pty = false; break;
      case 'pty': o.pty = true; break;
      case 'no-port-forwarding': o.portForwarding = false; break;
      case 'port-forwarding': o.portForwarding = true; break;
      case 'no-agent-forwarding': o.agentForwarding = false; break;
      case 'agent-forwarding': o.agentForwarding = true; break;
      case 'no-x11-forwarding': o.x11Forwarding = false; break;
      case 'x11-forwarding': o.x11Forwarding = true; break;
      default: break; // no-user-rc, permitopen, cert-authority, ...: nothing here they would change
    }
  }
  return o;
}

/** Parses a whole file; lines that hold no usable key are reported in `errors`. */
export function parseAuthorizedKeys(text: string, path: string): { keys: AuthorizedKey[]; errors: string[] } {
  const keys: AuthorizedKey[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    let optionList: string[] = [];
    let rest = line;
    const first = line.split(/\s+/)[0];
    if (!KEY_TYPES.test(first)) {
      const split = splitOptions(line);
      if (!split) return void errors.push(`${path}:${index + 1}: unterminated quote in the options`);
      optionList = split.options;
      rest = split.rest;
    }
    const fields = rest.split(/\s+/);
    if (!KEY_TYPES.test(fields[0] ?? '') || fields.length < 2) return void errors.push(`${path}:${index + 1}: no public key on this line`);
    const parsed = ssh2.utils.parseKey(`${fields[0]} ${fields[1]}`);
    if (parsed instanceof Error) return void errors.push(`${path}:${index + 1}: ${parsed.message}`);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    keys.push({ type: key.type, blob: key.getPublicSSH(), comment: fields.slice(2).join(' '), key, options: parseOptions(optionList) });
  });
  return { keys, errors };
}

export class AuthorizedKeys {
  constructor(readonly keys: readonly AuthorizedKey[], readonly path: string) {}

  /** Reads a file; any line without a usable key is an error (for the file given at start-up). */
  static load(path: string): AuthorizedKeys {
    const { keys, errors } = parseAuthorizedKeys(readFileSync(path, 'utf8'), path);
    if (errors.length) throw new Error(errors[0]);
    return new AuthorizedKeys(keys, path);
  }

  /** The authorized key matching a client's offered key, if any. */
  find(algo: string, blob: Buffer): AuthorizedKey | undefined {
    return this.keys.find((k) => k.blob.length === blob.length && timingSafeEqual(k.blob, blob) && algoMatches(k.type, algo));
  }
}

/**
 * A host authorized_keys file that is re-read when it changes. A file that became
 * unreadable lets nobody in through it; bad lines are skipped and reported once.
 */
export class WatchedKeyFile {
  private stamp = '';
  private current: AuthorizedKeys;

  constructor(initial: AuthorizedKeys, private readonly onReload: (keys: number, errors: string[]) => void) {
    this.current = initial;
    this.stamp = WatchedKeyFile.stampOf(initial.path);
  }

  get path(): string {
    return this.current.path;
  }

  private static stampOf(path: string): string {
    try {
      const s = statSync(path);
      return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
    } catch {
      return 'missing';
    }
  }

  /** The keys as the file says now. */
  keys(): AuthorizedKeys {
    const stamp = WatchedKeyFile.stampOf(this.current.path);
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      let text = '';
      try {
        text = readFileSync(this.current.path, 'utf8');
      } catch {
        // Gone or unreadable: no keys from it.
      }
      const { keys, errors } = parseAuthorizedKeys(text, this.current.path);
      this.current = new AuthorizedKeys(keys, this.current.path);
      this.onReload(keys.length, errors);
    }
    return this.current;
  }
}

/** RSA keys are offered as rsa-sha2-256/512 but stored as ssh-rsa. */
function algoMatches(keyType: string, offered: string): boolean {
  if (keyType === 'ssh-rsa') return offered === 'ssh-rsa' || offered === 'rsa-sha2-256' || offered === 'rsa-sha2-512';
  return keyType === offered;
}
