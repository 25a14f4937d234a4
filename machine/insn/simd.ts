/**
 * The SIMD&FP data-processing instructions, gathered from their files:
 * simd-move.ts (FMOV, MOVI, DUP, INS, UMOV/SMOV, FCMP), simd-arith.ts (integer vector
 * arithmetic, compares, reductions, shifts), simd-more.ts (multiply-accumulate, saturating,
 * halving and by-element integer ops) and simd-permute.ts (ZIP/UZP/TRN, EXT, TBL).
 * Their loads and stores are in simd-loadstore.ts; lane helpers in simd-lanes.ts.
 */

import type { Encoding } from '../decoder.js';
import { ENCODINGS as moves } from './simd-move.js';
import { ENCODINGS as arithmetic } from './simd-arith.js';
import { ENCODINGS as moreArithmetic } from './simd-more.js';
import { ENCODINGS as permutes } from './simd-permute.js';
import { ENCODINGS as floatingPoint } from './fp-scalar.js';

export const ENCODINGS: readonly Encoding[] = [...moves, ...arithmetic, ...moreArithmetic, ...permutes, ...floatingPoint];
