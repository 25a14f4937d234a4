/**
 * SFTP packets over the size ssh2 reads (256 KiB, OpenSSH's own limit) get a refusal, not a
 * dropped channel. ssh2's SFTP parser treats such a packet as a fatal protocol error and
 * closes the subsystem; here the channel's bytes are framed before ssh2 sees them (uint32
 * length, then type and request id), an oversized packet's bytes are dropped as they arrive
 * (nothing of it is held in memory), and its request gets SSH_FX_FAILURE with a message
 * naming the size and the limit. Every other packet passes through untouched.
 */

/** The part of ssh2's SFTP server stream this needs. */
export interface SftpInput {
  push(data: Buffer | null): unknown;
}

/** Reads packets of at most `max` bytes; `refuse(type, id, length)` answers each larger one. */
export function limitSftpPackets(sftp: SftpInput, max: number, refuse: (type: number, id: number, length: number) => void): void {
  const push = sftp.push.bind(sftp);
  /** The next packet's first bytes: its length (4), then for an oversized one type and id (5). */
  let head = Buffer.alloc(0);
  /** Bytes of the current packet still to pass on to ssh2, or to drop. */
  let passing = 0;
  let dropping = 0;
  sftp.push = (data: Buffer | null) => {
    if (data === null) return push(null);
    const out: Buffer[] = [];
    let p = 0;
    while (p < data.length) {
      if (passing) {
        const n = Math.min(passing, data.length - p);
        out.push(data.subarray(p, p + n));
        passing -= n;
        p += n;
        continue;
      }
      if (dropping) {
        const n = Math.min(dropping, data.length - p);
        dropping -= n;
        p += n;
        continue;
      }
      const want = (head.length < 4 ? 4 : 9) - head.length;
      const n = Math.min(want, data.length - p);
      head = Buffer.concat([head, data.subarray(p, p + n)]);
      p += n;
      if (head.length < 4) continue;
      const length = head.readUInt32BE(0);
      if (length <= max) {
        out.push(head);
        passing = length;
        head = Buffer.alloc(0);
        continue;
      }
      if (head.length < 9) continue;
      dropping = length - 5;
      const [type, id] = [head[4]!, head.readUInt32BE(5)];
      head = Buffer.alloc(0);
      refuse(type, id, length);
    }
    let r: unknown = true;
    for (const b of out) r = push(b);
    return r;
  };
}
