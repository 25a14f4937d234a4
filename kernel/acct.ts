/**
 * BSD process accounting (acct(2)): while root has named a file, every process that ends appends
 * one struct acct_v3 (64 bytes, include/uapi/linux/acct.h) to it: flags, exit status, ids, start
 * time, elapsed, user and system time (comp_t in AHZ = 100 ticks a second) and the command name.
 */

import type { OpenFile } from './fs/file.js';
import type { Process } from './process.js';
import type { ExitStatus } from './process.js';

const ACCT_VERSION = 3;
const AHZ = 100;
const AFORK = 0x01;
const ASU = 0x02;
const ACORE = 0x08;
const AXSIG = 0x10;
const CORE_SIGNALS = new Set([3, 4, 5, 6, 7, 8, 11, 24, 25, 31]);

/** comp_t: a 13-bit mantissa and a 3-bit base-8 exponent. */
export function encodeCompT(value: number): number {
  let v = Math.max(0, Math.floor(value));
  let exp = 0;
  let rnd = 0;
  while (v > 0x1fff) {
    rnd = v & 4;
    v >>= 3;
    exp++;
  }
  if (rnd && ++v > 0x1fff) {
    v >>= 3;
    exp++;
  }
  if (exp > 7) return 0xffff;
  return (exp << 13) | v;
}

export function accountingRecord(p: Process, status: ExitStatus, nowMs = Date.now()): Uint8Array {
  const b = Buffer.alloc(64);
  let flags = 0;
  if (!p.didExec) flags |= AFORK;
  if (p.uid === 0 || p.ruid === 0) flags |= ASU;
  if (status.signal !== null) {
    flags |= AXSIG;
    if (CORE_SIGNALS.has(status.signal)) flags |= ACORE;
  }
  b.writeUInt8(flags, 0);
  b.writeUInt8(ACCT_VERSION, 1);
  b.writeUInt16LE(0, 2); // ac_tty
  b.writeUInt32LE(status.signal !== null ? status.signal : (status.code & 0xff) << 8, 4);
  b.writeUInt32LE(p.ruid >>> 0, 8);
  b.writeUInt32LE(p.rgid >>> 0, 12);
  b.writeUInt32LE(p.pid, 16);
  b.writeUInt32LE(p.ppid, 20);
  b.writeUInt32LE(Math.floor(p.startTime / 1000), 24);
  b.writeFloatLE(((nowMs - p.startTime) / 1000) * AHZ, 28);
  const sysMs = p.sysMs;
  b.writeUInt16LE(encodeCompT(((p.cpuMs - sysMs) / 1000) * AHZ), 32);
  b.writeUInt16LE(encodeCompT((sysMs / 1000) * AHZ), 34);
  b.write(p.name.slice(0, 15), 48, 16, 'latin1');
  return b;
}

/** Appends p's record to the accounting file; a failing write turns nothing off but is reported to the caller. */
export function writeAccountingRecord(file: OpenFile, p: Process, status: ExitStatus): void {
  file.write(accountingRecord(p, status), null as never);
}
