/**
 * The TCP transport of gdb's remote stub for `akuma-vm run -g PORT` (qemu-user's -g):
 * listens on 127.0.0.1:PORT, serves one gdb at a time (another connection while one is
 * attached is closed at once), and feeds the socket's bytes to a GdbStub (kernel/debug/).
 * A client that goes away without `k` or `D` leaves the program running on, detached,
 * as qemu does. finish() sends the exit reply and waits for it to be written.
 */

import { createServer, type Server, type Socket } from 'node:net';
import { GdbStub } from '../kernel/debug/gdb-stub.js';
import type { DebugTarget } from '../kernel/debug/target.js';
import type { ExitStatus } from '../kernel/process.js';

export class GdbListener {
  private readonly server: Server;
  private client: Socket | null = null;
  private stub: GdbStub | null = null;
  private detached = false;

  private constructor(readonly target: DebugTarget) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Listens on 127.0.0.1:port; rejects with the socket error (e.g. EADDRINUSE). */
  static listen(target: DebugTarget, port: number): Promise<GdbListener> {
    const l = new GdbListener(target);
    return new Promise((resolve, reject) => {
      l.server.once('error', reject);
      l.server.listen(port, '127.0.0.1', () => {
        l.server.off('error', reject);
        resolve(l);
      });
    });
  }

  private accept(socket: Socket): void {
    if (this.client || this.detached) {
      socket.destroy();
      return;
    }
    this.client = socket;
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    const stub = new GdbStub(
      this.target,
      (data) => void socket.write(data, 'latin1'),
      () => socket.end(),
    );
    this.stub = stub;
    socket.on('data', (chunk: string) => stub.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.client = null;
      this.stub = null;
      if (this.target.alive && !this.detached) {
        // gdb went away without k: the program runs on, as under qemu.
        this.detached = true;
        this.target.detach();
      }
      this.server.close();
    });
  }

  /** The process ended: tells gdb (W/X), then closes everything once the reply is out. */
  async finish(status: ExitStatus): Promise<void> {
    const socket = this.client;
    this.stub?.exited(status);
    this.server.close();
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => resolve();
      socket.once('close', done);
      // gdb closes its end after the exit reply; don't wait forever for it.
      setTimeout(() => {
        socket.end();
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 500).unref();
      }, 2000).unref();
    });
  }
}
