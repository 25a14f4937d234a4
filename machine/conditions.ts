/**
 * Condition codes (the `cond` field of B.cond, CSEL, CCMP, FCSEL...), evaluated on the
 * CPU's NZCV flags as the Arm ARM's ConditionHolds() defines them.
 */

import type { Cpu } from './cpu.js';

export function conditionHolds(cpu: Cpu, cond: number): boolean {
  let result: boolean;
  switch (cond >>> 1) {
    case 0: // EQ / NE
      result = cpu.zf === 1;
      break;
    case 1: // CS / CC
      result = cpu.cf === 1;
      break;
    case 2: // MI / PL
      result = cpu.nf === 1;
      break;
    case 3: // VS / VC
      result = cpu.vf === 1;
      break;
    case 4: // HI / LS
      result = cpu.cf === 1 && cpu.zf === 0;
      break;
    case 5: // GE / LT
      result = cpu.nf === cpu.vf;
      break;
    case 6: // GT / LE
      result = cpu.nf === cpu.vf && cpu.zf === 0;
      break;
    default: // AL (both 0b1110 and 0b1111 are "always")
      return true;
  }
  return (cond & 1) === 1 ? !result : result;
}
