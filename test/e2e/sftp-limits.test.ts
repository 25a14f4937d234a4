/**
 * SFTP packets over 256 KiB (server/sftp-packet-limit.ts), end to end on the real server
 * with ssh2's client speaking raw SFTP on the subsystem channel: the oversized request gets
 * SSH_FX_FAILURE with a message, the server logs one line, and the same SFTP session goes on
 * answering (no dropped channel or connection).
 */

import t from 'tap';
import { join } from 'node:path';
import type ssh2 from 'ssh2';
import { connect, removeDir, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

const packet = (type: number, body: Buffer) => {
  const b = Buffer.alloc(5 + body.length);
  b.writeUInt32BE(1 + body.length, 0);
  b[4] = type;
  body.copy(b, 5);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const str = (s: string | Buffer) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);

/** Reads whole SFTP packets off a channel. */
function packets(ch: ssh2.ClientChannel): () => Promise<{ type: number; body: Buffer }> {
  let buf = Buffer.alloc(0);
  const waiting: (() => void)[] = [];
  ch.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    waiting.splice(0).forEach((w) => w());
  });
  return async function next() {
    while (buf.length < 4 || buf.length < 4 + buf.readUInt32BE(0)) await new Promise<void>((r) => waiting.push(r));
    const len = buf.readUInt32BE(0);
    const p = { type: buf[4]!, body: buf.subarray(5, 4 + len) };
    buf = buf.subarray(4 + len);
    return p;
  };
}

t.test('an SFTP packet over 256 KiB is refused with a status; the session goes on', async (t) => {
  const server = await startServer({ dataDir: join(dir, 'data') });
  t.teardown(() => server.stop('SIGKILL'));
  const client = await connect(server.port);
  t.teardown(() => client.end());
  const ch = await new Promise<ssh2.ClientChannel>((resolve, reject) => client.subsys('sftp', (err, c) => (err ? reject(err) : resolve(c))));
  const next = packets(ch);
  ch.write(packet(1, u32(3))); // INIT v3
  t.equal((await next()).type, 2, 'VERSION');

  // WRITE id 7 of 1 MiB, sent in pieces as a client would.
  const big = 1024 * 1024;
  const head = packet(6, Buffer.concat([u32(7), str('h'), Buffer.alloc(8), u32(big)]));
  head.writeUInt32BE(head.length - 4 + big, 0);
  ch.write(head);
  for (let i = 0; i < 16; i++) ch.write(Buffer.alloc(big / 16, 0x61));
  const status = await next();
  t.equal(status.type, 101, 'STATUS');
  t.equal(status.body.readUInt32BE(0), 7, 'for the oversized request');
  t.equal(status.body.readUInt32BE(4), 4, 'SSH_FX_FAILURE');
  const msgLen = status.body.readUInt32BE(8);
  t.equal(status.body.subarray(12, 12 + msgLen).toString(), `packet of ${head.length - 4 + big} bytes refused: over the SFTP limit of 262144 bytes`);
  const line = await server.waitForLog((l) => l.msg === 'sftp packet refused: over 256 KiB');
  t.equal(line.bytes, head.length - 4 + big);

  // The same channel still answers.
  ch.write(packet(16, Buffer.concat([u32(8), str('.')]))); // REALPATH .
  const name = await next();
  t.equal(name.type, 104, 'NAME: the session went on');
  t.equal(name.body.readUInt32BE(0), 8);
  t.match(name.body.toString('latin1'), /\/home\/user/);
});
