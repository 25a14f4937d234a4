/**
 * Refusing a channel open with a reason the client shows. ssh2's `reject()` for a channel
 * open always sends an empty description (RFC 4254 5.1 lets the server give one), so
 * OpenSSH would print only "open failed: connect failed". Here the connection's next
 * SSH_MSG_CHANNEL_OPEN_FAILURE is given the reason code and description, and ssh2's reject
 * sends it: OpenSSH then prints "channel 0: open failed: administratively prohibited: WHY".
 */

import type ssh2 from 'ssh2';

/** SSH_OPEN_ADMINISTRATIVELY_PROHIBITED (RFC 4254). */
const ADMINISTRATIVELY_PROHIBITED = 1;

interface ProtocolLike {
  channelOpenFail(remote: number, reason: number, description: string): void;
}

/** Rejects a channel open (ssh2's `reject` of a 'session' event) with `description`. */
export function refuseChannelOpen(client: ssh2.Connection, reject: () => void, description: string): void {
  const protocol = (client as unknown as { _protocol?: ProtocolLike })._protocol;
  if (!protocol || typeof protocol.channelOpenFail !== 'function') return reject();
  const original = protocol.channelOpenFail;
  protocol.channelOpenFail = function (remote: number) {
    protocol.channelOpenFail = original;
    return original.call(this, remote, ADMINISTRATIVELY_PROHIBITED, description);
  };
  try {
    reject();
  } finally {
    // reject() sent it synchronously, or did not send at all: either way the next failure is ssh2's own.
    protocol.channelOpenFail = original;
  }
}
