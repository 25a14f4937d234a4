/**
 * A64 disassembly for fault reports and the debugger: one instruction word in, its text out
 * (`strb w1, [x0, #3]`), the way objdump and gdb print it up to the spellings listed below.
 *
 * The text comes from Capstone (5.0.x, the npm package @alexaltea/capstone-js: Capstone's C
 * sources built to WebAssembly, BSD-3-Clause). Why a library and not the executing decoder's
 * tables (machine/insn/): those tables know how to run an encoding, not how to print one, and
 * printing all of A64 the way binutils does (aliases, SIMD arrangements, system register names,
 * bitmask immediates, FP immediates) is a disassembler of its own; Capstone is that, kept up by
 * its authors against LLVM's tables, and test/kernel/disassembler.test.ts holds it to
 * aarch64-linux-gnu-objdump on every instruction of committed ELF files. The package ships its
 * .wasm in the tarball (no install script, nothing fetched at install or run time).
 *
 * The package's own loader is asynchronous (an Emscripten factory); a fault report is written
 * synchronously while the faulting process is ended, so the module is instantiated here with
 * WebAssembly's synchronous API on first use, with the three host functions it imports, and
 * its C functions are called directly. The exports' minified names are read from the package's
 * loader text (its assignWasmExports), so nothing here depends on one build's letters; if the
 * loader ever changes shape, disassemble() returns null and reports fall back to the word in hex.
 *
 * Spellings that differ from objdump's (the test allows exactly these):
 *  - numbers: Capstone prints small immediates in decimal and larger ones in hex, objdump has its
 *    own per-operand choice (offsets in decimal, add/mov immediates in hex); the values agree;
 *  - negative immediates: Capstone `#-1` / `#0xffff...ffe8`, objdump `#0xffffffff` / `#-24`
 *    (the same bits at the operand's width);
 *  - condition codes: Capstone `hs`/`lo`, objdump `cs`/`cc` (the Arm ARM's aliases of each other);
 *  - branch targets: Capstone `#0x400364`, objdump `400364 <abort+0x64>`;
 *  - FP immediates: Capstone `#1.50000000`, objdump `#1.500000000000000000e+00`;
 *  - register lists: Capstone `{v5.16b, v6.16b, v7.16b}`, objdump `{v5.16b-v7.16b}`;
 *  - lane indices from 10 up: Capstone `{v2.b}[0xe]`, objdump `{v2.b}[14]`;
 *  - MOV (bitmask immediate): Capstone always says `mov x1, #0x10`; objdump, following the Arm
 *    ARM's preference, says `orr x1, xzr, #0x10` when MOVZ or MOVN could make the same value;
 *  - words objdump marks `; NYI` (Go's data in text) are, like `; undefined`, null here.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const CS_ARCH_ARM64 = 1;
const CS_MODE_ARM = 0;
/** cs_insn's layout in the 32-bit WebAssembly build. */
const INSN_MNEMONIC = 42;
const INSN_OP_STR = 74;

interface Engine {
  memory: WebAssembly.Memory;
  handle: number;
  code: number;
  insnPtr: number;
  disasm: (handle: number, code: number, size: number, address: bigint, count: number, insn: number) => number;
  free: (insn: number, count: number) => void;
}

let engine: Engine | null | undefined;

/** The package's loader text, for the names of the exports and imports. */
function loaderText(): { js: string; wasm: string } {
  const require = createRequire(import.meta.url);
  const js = require.resolve('@alexaltea/capstone-js');
  return { js, wasm: js.replace(/capstone\.js$/, 'capstone.wasm') };
}

function load(): Engine | null {
  const files = loaderText();
  const glue = readFileSync(files.js, 'utf8');
  const exportName = (fn: string): string => {
    const m = new RegExp(`\\b${fn}=Module\\["${fn}"\\]=wasmExports\\["(\\w+)"\\]`).exec(glue);
    if (!m) throw new Error(`capstone loader: no export ${fn}`);
    return m[1];
  };
  const imports = /wasmImports=\{([^}]*)\}/.exec(glue)?.[1];
  const init = /function initRuntime\(\)\{[^}]*wasmExports\["(\w+)"\]\(\)/.exec(glue)?.[1];
  if (!imports || !init) throw new Error('capstone loader: unknown shape');
  let memory: WebAssembly.Memory | undefined;
  const host: Record<string, (...a: number[]) => number> = {
    _emscripten_resize_heap: (requested: number) => {
      const have = memory!.buffer.byteLength;
      const want = requested >>> 0;
      if (want <= have) return 1;
      try {
        memory!.grow(Math.ceil((want - have) / 65536));
        return 1;
      } catch {
        return 0;
      }
    },
    // Capstone prints nothing; a write to stdout or stderr is swallowed (reported as written).
    _fd_write: (_fd: number, iov: number, iovcnt: number, written: number) => {
      const v = new DataView(memory!.buffer);
      let n = 0;
      for (let i = 0; i < iovcnt; i++) n += v.getUint32(iov + i * 8 + 4, true);
      v.setUint32(written, n, true);
      return 0;
    },
    _fd_close: () => 0,
  };
  const module: Record<string, unknown> = {};
  for (const pair of imports.split(',')) {
    const [letter, name] = pair.split(':');
    if (!host[name]) throw new Error(`capstone loader: unknown import ${name}`);
    module[letter] = host[name];
  }
  const compiled = new WebAssembly.Module(readFileSync(files.wasm));
  const instance = new WebAssembly.Instance(compiled, { a: module });
  const ex = instance.exports as Record<string, unknown>;
  memory = ex[/\bmemory=wasmMemory=wasmExports\["(\w+)"\]/.exec(glue)?.[1] ?? 'd'] as WebAssembly.Memory;
  (ex[init] as () => void)();
  const fn = <T>(name: string): T => ex[exportName(name)] as T;
  const malloc = fn<(n: number) => number>('_malloc');
  const open = fn<(arch: number, mode: number, handle: number) => number>('_cs_open');
  const handleAt = malloc(8);
  if (open(CS_ARCH_ARM64, CS_MODE_ARM, handleAt) !== 0) throw new Error('capstone: cs_open failed');
  return {
    memory,
    handle: new DataView(memory.buffer).getUint32(handleAt, true),
    code: malloc(4),
    insnPtr: malloc(4),
    disasm: fn('_cs_disasm'),
    free: fn('_cs_free'),
  };
}

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(at, end));
}

/**
 * The text of one A64 instruction word at address pc (`strb w1, [x0, #3]`, `b.ne #0x400abc`),
 * or null when the word is not an allocated encoding or the engine could not be loaded.
 */
export function disassemble(word: number, pc: bigint = 0n): string | null {
  if (engine === undefined) {
    try {
      engine = load();
    } catch {
      engine = null;
    }
  }
  if (!engine) return null;
  const e = engine;
  new DataView(e.memory.buffer).setUint32(e.code, word >>> 0, true);
  const n = e.disasm(e.handle, e.code, 4, BigInt.asUintN(64, pc), 1, e.insnPtr);
  if (n !== 1) return null;
  const insn = new DataView(e.memory.buffer).getUint32(e.insnPtr, true);
  const bytes = new Uint8Array(e.memory.buffer);
  const mnemonic = cString(bytes, insn + INSN_MNEMONIC);
  const operands = cString(bytes, insn + INSN_OP_STR);
  e.free(insn, 1);
  // Capstone 5 prints a 64-bit bitmask immediate with its top bit set as `#-0x` followed by the
  // immediate's own 16 digits (`mov x0, #-0xffffffff80000000` for 0xffffffff80000000): the
  // digits are right, the sign is not, so it is dropped (the objdump test holds this).
  const fixed = operands.replace(/#-0x([89a-f][0-9a-f]{15})\b/g, '#0x$1');
  return fixed ? `${mnemonic} ${fixed}` : mnemonic;
}

/** The general and SIMD&FP register names an instruction's text uses, in order, each once. */
export function registersOf(text: string): string[] {
  const ops = text.slice(text.indexOf(' ') + 1);
  const seen: string[] = [];
  for (const m of ops.matchAll(/\b(?:[xw](?:[12]?\d|30)|sp|wsp|[bhsdq](?:[12]?\d|3[01])|v(?:[12]?\d|3[01])(?=\.))\b/g)) {
    if (!seen.includes(m[0])) seen.push(m[0]);
  }
  return seen;
}
