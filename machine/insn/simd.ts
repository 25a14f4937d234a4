/**
 * (stub) Instruction class: simd. Filled in by its owner.
 */

import type { Encoding } from '../decoder.js';

export const ENCODINGS: readonly Encoding[] = [];
