/**
 * Every instruction class's encoding table, in one list for the decoder.
 * Each file holds one class of the Arm ARM's A64 encoding index.
 */

import type { Encoding } from '../decoder.js';
import { ENCODINGS as dataProcessingImmediate } from './dataproc-imm.js';
import { ENCODINGS as dataProcessingRegister } from './dataproc-reg.js';
import { ENCODINGS as branches } from './branch.js';
import { ENCODINGS as system } from './system.js';
import { ENCODINGS as loadStore } from './loadstore.js';
import { ENCODINGS as atomics } from './atomic.js';
import { ENCODINGS as simdLoadStore } from './simd-loadstore.js';
import { ENCODINGS as simd } from './simd.js';

/** Branches and system instructions change the PC or the CPU's state: they end translated blocks. */
function endingBlocks(table: readonly Encoding[]): readonly Encoding[] {
  return table.map((enc) => ({ ...enc, endsBlock: true }));
}

export const A64_TABLES: readonly (readonly Encoding[])[] = [
  dataProcessingImmediate,
  dataProcessingRegister,
  endingBlocks(branches),
  endingBlocks(system),
  loadStore,
  atomics,
  simdLoadStore,
  simd,
];
