/**
 * The real-program suite, Rust's std::fs and std::net (packages/realworld/src/rust/fs.rs and
 * net.rs, built as rust.test.ts says): files in a scratch directory under each side's own
 * /tmp, TCP and UDP on the loopback with kernel-chosen ports, each run under akuma-vm and
 * under qemu-aarch64 (which uses the host's loopback): same stdout, same exit status.
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

const rust = (name: string): string => realworldBinary('rust', name);

t.test('rust std::fs in a scratch directory', async (t) => {
  sameAsQemu(t, 'fs', rust('fs'), { args: [`/tmp/akuma-rw-rust-fs-${process.pid}`] });
});

for (const c of ['tcp', 'tcp-errors', 'udp']) {
  t.test(`rust std::net ${c} on the loopback`, async (t) => {
    sameAsQemu(t, `net ${c}`, rust('net'), { args: [c] });
  });
}
