/**
 * How large a session request may be: the exec command, each environment variable a
 * client sets, the pty's terminal type. A request over its limit is refused with one line
 * on the channel's stderr and exit status 126 (the shell's "cannot execute"), and the
 * connection stays up for the client's next channel.
 *
 * The SSH transport reads packets of up to 512 KiB (server/patches raises ssh2's 35,000 to
 * twice OpenSSH's 256 KiB), so every request OpenSSH's client can send reaches these
 * checks; a packet larger than that still ends the connection, as it does with sshd.
 */

/** The longest exec command: the guest's ARG_MAX, and the most OpenSSH's sshd would read. */
export const MAX_COMMAND_BYTES = 256 * 1024;
/** The longest NAME=value a client may set: Linux's MAX_ARG_STRLEN for one string. */
export const MAX_ENV_VARIABLE_BYTES = 128 * 1024;
/** All variables a client sets on one session together. */
export const MAX_ENV_TOTAL_BYTES = 256 * 1024;
/** The longest terminal type (TERM) of a pty request. */
export const MAX_TERM_BYTES = 256;

/** The exit status of a refused request, as a shell's for a command it cannot execute. */
export const REFUSED_STATUS = 126;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const size = (n: number) => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

/** Why an exec command is refused, or null when it is within the limit. */
export function commandTooLarge(command: string): string | null {
  const n = bytes(command);
  return n > MAX_COMMAND_BYTES ? `command refused: it is ${n} bytes, over the limit of ${size(MAX_COMMAND_BYTES)}` : null;
}

/** Why an env request is refused, given the bytes the session's variables already hold. */
export function envTooLarge(name: string, value: string, heldBytes: number): string | null {
  const n = bytes(name) + 1 + bytes(value);
  const shown = name.length > 64 ? `${name.slice(0, 64)}...` : name;
  if (n > MAX_ENV_VARIABLE_BYTES) return `environment variable ${shown} refused: it is ${n} bytes, over the limit of ${size(MAX_ENV_VARIABLE_BYTES)}`;
  if (heldBytes + n > MAX_ENV_TOTAL_BYTES) return `environment variable ${shown} refused: the session's variables would hold ${heldBytes + n} bytes, over the limit of ${size(MAX_ENV_TOTAL_BYTES)}`;
  return null;
}

/** Why a pty request is refused, or null. */
export function ptyTooLarge(term: string): string | null {
  const n = bytes(term);
  return n > MAX_TERM_BYTES ? `pty refused: its terminal type is ${n} bytes, over the limit of ${size(MAX_TERM_BYTES)}` : null;
}
