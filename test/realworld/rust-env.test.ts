/**
 * The real-program suite, Rust's view of its own process (packages/realworld/src/rust/env.rs,
 * built as rust.test.ts says): arguments, environment, working directory, stdin, clocks, and
 * the ways out (exit codes; a panic is status 101; a panicking thread is only an Err at join;
 * abort is SIGABRT), each run under akuma-vm and under qemu-aarch64 with the same
 * arguments, environment and stdin.
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

const rust = (name: string): string => realworldBinary('rust', name);

/** [case, arguments after it, stdin]. */
const ENV_CASES: Array<[string, string[], string?]> = [
  ['args', ['plain', 'two words', '', 'ünïcödé', '--flag=x']],
  ['vars', []],
  ['cwd', []],
  ['stdin', [], 'the first line\nsecond\n\nlast line without newline'],
  ['time', []],
  ['exit', ['42']],
  ['panic', []],
  ['panic-thread', []],
  ['catch', []],
  ['abort', []],
];
for (const [c, args, stdin] of ENV_CASES) {
  t.test(`rust env ${c} ${args.join(' ')}`, async (t) => {
    sameAsQemu(t, `env ${c}`, rust('env'), { args: [c, ...args], stdin, env: ['RW_ONE=1', 'RW_TWO=two words'] });
  });
}

