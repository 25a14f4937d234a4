/**
 * Encoding patterns of the Advanced SIMD data-processing groups, as the Arm ARM draws
 * them, with the U bit and opcode filled in. Field letters: q (Q), zz (size), m/n/d
 * (registers), l/m/h and rrrr (by-element index and register).
 */

/** Three registers of the same type (vector). */
export function same(u: number, opcode: string): string {
  return `0 q ${u} 01110 zz 1 mmmmm ${opcode} 1 nnnnn ddddd`;
}
/** Three registers of the same type (scalar). */
export function sameScalar(u: number, opcode: string): string {
  return `01 ${u} 11110 zz 1 mmmmm ${opcode} 1 nnnnn ddddd`;
}
/** Three registers of different widths (long, wide, narrow). */
export function different(u: number, opcode: string): string {
  return `0 q ${u} 01110 zz 1 mmmmm ${opcode} 00 nnnnn ddddd`;
}
/** Two-register miscellaneous (vector). */
export function misc(u: number, opcode: string): string {
  return `0 q ${u} 01110 zz 10000 ${opcode} 10 nnnnn ddddd`;
}
/** Two-register miscellaneous (scalar). */
export function miscScalar(u: number, opcode: string): string {
  return `01 ${u} 11110 zz 10000 ${opcode} 10 nnnnn ddddd`;
}
/** Across lanes. */
export function across(u: number, opcode: string): string {
  return `0 q ${u} 01110 zz 11000 ${opcode} 10 nnnnn ddddd`;
}
/** Vector x indexed element. */
export function element(u: number, opcode: string): string {
  return `0 q ${u} 01111 zz l m rrrr ${opcode} h 0 nnnnn ddddd`;
}
