/**
 * The server's ed25519 host key: generated on first start, stored in the data directory
 * with mode 0600, and reused afterwards so clients' known_hosts entries keep matching.
 */

import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';

export const HOST_KEY_FILE = 'ssh_host_ed25519_key';

export interface HostKey {
  /** OpenSSH-format private key, as ssh2's Server wants it. */
  privateKey: string;
  /** `SHA256:...`, the form `ssh-keygen -lf` and the OpenSSH client print. */
  fingerprint: string;
  created: boolean;
}

export function loadOrCreateHostKey(dataDir: string): HostKey {
  const path = join(dataDir, HOST_KEY_FILE);
  let created = false;
  if (!existsSync(path)) {
    const pair = generateParsableKeyPair();
    // Write to a temporary name first so a crash never leaves a half-written key.
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, pair.private, { mode: 0o600 });
    renameSync(tmp, path);
    writeFileSync(`${path}.pub`, `${pair.public}\n`, { mode: 0o600 });
    created = true;
  }
  chmodSync(path, 0o600);
  const privateKey = readFileSync(path, 'utf8');
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`host key ${path} is unreadable: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return { privateKey, fingerprint: fingerprintOf(key.getPublicSSH()), created };
}

/**
 * ssh2's generator occasionally (measured: 13 in 3,000) writes an ed25519 key that its own
 * parser rejects as malformed, which would leave a data directory with an unusable host
 * key. Keep generating until the key reads back.
 */
function generateParsableKeyPair(): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'akuma-vm host key' });
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('could not generate a usable ed25519 host key');
}

export function fingerprintOf(publicSsh: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicSsh).digest('base64').replace(/=+$/, '')}`;
}
