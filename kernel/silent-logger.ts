/**
 * The kernel's logger when its owner gives none: every level off, as pino's `level:
 * 'silent'` logger, without loading pino. `akuma-vm run` starts a fresh process for each
 * program, and loading pino and its dependencies was a measurable part of that start; the
 * server and `run --log-level` still hand the kernel a real pino logger.
 */

import type { Logger } from 'pino';

const noop = (): void => undefined;

function makeSilentLogger(): Logger {
  const logger: Record<string, unknown> = {
    level: 'silent',
    levelVal: Infinity,
    fatal: noop,
    error: noop,
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    isLevelEnabled: () => false,
    bindings: () => ({}),
    flush: noop,
  };
  logger.child = () => logger;
  return logger as unknown as Logger;
}

/** A logger that logs nothing (its child loggers are itself). */
export const SILENT_LOGGER: Logger = makeSilentLogger();
