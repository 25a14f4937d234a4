/** The public surface of the AArch64 machine library. */
export { Machine, newContext, type CpuContext, type MachineOptions } from './machine.js';
export { Cpu, StopReason, COUNTER_FREQUENCY } from './cpu.js';
export { PhysicalMemory, RAM_BASE, PAGE_SIZE, DEFAULT_RAM_SIZE } from './memory.js';
export { EC, FSC, EC_NAMES } from './exceptions.js';
export { Sys, SYSREGS, SYSREG_BY_NAME } from './sysregs.js';
