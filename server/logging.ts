/**
 * The server's log: pino JSON lines on stdout for machines (a pipe, a file, a log
 * collector), human-readable lines (pino-pretty) for people (a terminal, or
 * --log-format pretty). Field names are listed in the README.
 *
 * Writing the log must never stop the server: stdout is written asynchronously into a
 * bounded buffer (lines beyond LOG_BUFFER_BYTES are dropped and counted while the reader
 * is stuck), a reader that went away (EPIPE) ends the logging, not the server, and the
 * final flush at exit gives up after FLUSH_DEADLINE_MS.
 */

import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { isatty } from 'node:tty';

/** Log bytes held while stdout does not keep up. */
const LOG_BUFFER_BYTES = 4 << 20;
/** How long the exit path may wait for a slow stdout. */
const FLUSH_DEADLINE_MS = 1000;

export interface ServerLog {
  logger: Logger;
  /** Writes out what is buffered, giving up after a short deadline. Never throws. */
  flush(): void;
}

export function createServerLog(level: string, format: 'auto' | 'json' | 'pretty', fd = 1): ServerLog {
  const terminal = isatty(fd);
  const usePretty = format === 'pretty' || (format === 'auto' && terminal);
  const base = { app: 'akuma-vm' };
  if (usePretty) {
    const out = pretty({ colorize: terminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app', singleLine: true, sync: true, destination: fd });
    return { logger: pino({ level, base }, out), flush: () => undefined };
  }
  let exiting = 0;
  const dest = pino.destination({
    dest: fd,
    sync: false,
    minLength: 0,
    maxLength: LOG_BUFFER_BYTES,
    // While running, a full pipe is waited on asynchronously; at exit only briefly.
    retryEAGAIN: () => exiting === 0 || Date.now() < exiting,
  });
  dest.on('error', () => {
    // The reader is gone (EPIPE): there is no one left to log to. Keep serving.
    try {
      dest.destroy();
    } catch {
      // Already destroyed.
    }
  });
  return {
    logger: pino({ level, base }, dest),
    flush: () => {
      exiting = Date.now() + FLUSH_DEADLINE_MS;
      try {
        dest.flushSync();
      } catch {
        // Closed, stuck or not yet open: the log is lost, the exit is not.
      }
    },
  };
}
