/**
 * (stub) Instruction class: dataproc-reg. Filled in by its owner.
 */

import type { Encoding } from '../decoder.js';

export const ENCODINGS: readonly Encoding[] = [];
