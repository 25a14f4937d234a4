/**
 * An OpenSSH authorized_keys file: which public keys may log in. Lines are
 * `[options] keytype base64 [comment]`; ed25519, ECDSA and RSA keys are understood.
 * Options (from="...", command="...") are not enforced; a line carrying them is
 * still accepted for its key, and the server logs that options are ignored.
 */

import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import ssh2 from 'ssh2';

const KEY_TYPES = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

export interface AuthorizedKey {
  type: string;
  /** The key blob, as the client sends it. */
  blob: Buffer;
  comment: string;
  key: ssh2.ParsedKey;
}

export class AuthorizedKeys {
  constructor(readonly keys: readonly AuthorizedKey[], readonly path: string) {}

  static load(path: string): AuthorizedKeys {
    const text = readFileSync(path, 'utf8');
    const keys: AuthorizedKey[] = [];
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const fields = line.split(/\s+/);
      // Skip leading options: the key type is the first field that names one.
      const at = fields.findIndex((f) => KEY_TYPES.test(f));
      if (at < 0 || at + 1 >= fields.length) throw new Error(`${path}:${index + 1}: no public key on this line`);
      const parsed = ssh2.utils.parseKey(`${fields[at]} ${fields[at + 1]}`);
      if (parsed instanceof Error) throw new Error(`${path}:${index + 1}: ${parsed.message}`);
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      keys.push({ type: key.type, blob: key.getPublicSSH(), comment: fields.slice(at + 2).join(' '), key });
    });
    return new AuthorizedKeys(keys, path);
  }

  /** The authorized key matching a client's offered key, if any. */
  find(algo: string, blob: Buffer): AuthorizedKey | undefined {
    return this.keys.find((k) => k.blob.length === blob.length && timingSafeEqual(k.blob, blob) && algoMatches(k.type, algo));
  }
}

/** RSA keys are offered as rsa-sha2-256/512 but stored as ssh-rsa. */
function algoMatches(keyType: string, offered: string): boolean {
  if (keyType === 'ssh-rsa') return offered === 'ssh-rsa' || offered === 'rsa-sha2-256' || offered === 'rsa-sha2-512';
  return keyType === offered;
}
