/**
 * (stub) Instruction class: simd-loadstore. Filled in by its owner.
 */

import type { Encoding } from '../decoder.js';

export const ENCODINGS: readonly Encoding[] = [];
