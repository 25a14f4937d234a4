/**
 * (stub) Instruction class: dataproc-imm. Filled in by its owner.
 */

import type { Encoding } from '../decoder.js';

export const ENCODINGS: readonly Encoding[] = [];
