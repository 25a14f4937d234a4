/**
 * Socket receive queues and the memory they may hold.
 *
 * Every byte a socket keeps for its reader (and every pending connection) is charged to the
 * sending process's MemoryAccount, which shares the process's memory limit with its address
 * space: a guest that fills socket buffers runs out of room exactly as if it had allocated
 * that memory itself, and a full queue makes the sender wait (or EAGAIN), never the server
 * allocate without bound. Queued packets carry what Unix sockets pass along with data:
 * open files (SCM_RIGHTS) and the sender's credentials.
 */

import type { OpenFile } from '../fs/file.js';
import { WaitQueue } from '../wait-queue.js';
import type { SockAddr } from './sockaddr.js';

/** Kernel bookkeeping charged per queued packet besides its bytes (like an skb's truesize). */
export const PACKET_OVERHEAD = 256;

export class MemoryAccount {
  used = 0;
  constructor(private readonly limit: () => number) {}

  /** Reserves n bytes; false (nothing reserved) when that would pass the limit. */
  charge(n: number): boolean {
    if (this.used + n > this.limit()) return false;
    this.used += n;
    return true;
  }

  uncharge(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}

const accounts = new WeakMap<object, MemoryAccount>();

/** The account of the process owning `key` (its address space), created on first use. */
export function accountFor(key: object, limit: () => number): MemoryAccount {
  let a = accounts.get(key);
  if (!a) accounts.set(key, (a = new MemoryAccount(limit)));
  return a;
}

export interface Ucred {
  pid: number;
  uid: number;
  gid: number;
}

export interface Packet {
  data: Uint8Array;
  from?: SockAddr;
  rights?: OpenFile[];
  creds?: Ucred;
  /** Who pays for it, and how much. */
  account: MemoryAccount | null;
  cost: number;
}

/** A socket's receive queue: packets in arrival order, bounded by `capacity` bytes. */
export class PacketQueue {
  private packets: Packet[] = [];
  private head = 0;
  /** Bytes of data queued (what FIONREAD counts for a stream). */
  bytes = 0;
  /** Data bytes plus overhead, what the capacity bounds. */
  charged = 0;
  /** Woken when space frees up (senders wait here). */
  readonly space = new WaitQueue();

  constructor(public capacity: number) {}

  get length(): number {
    return this.packets.length - this.head;
  }

  /** Room for a packet of n bytes (one packet is always let in to an empty queue). */
  fits(n: number): boolean {
    return this.length === 0 || this.charged + n + PACKET_OVERHEAD <= this.capacity;
  }

  /** Free bytes for stream data. */
  room(): number {
    return Math.max(0, this.capacity - this.charged - PACKET_OVERHEAD);
  }

  /** Queues a packet already charged to its account (see MemoryAccount.charge). */
  push(p: Packet): void {
    this.packets.push(p);
    this.bytes += p.data.length;
    this.charged += p.cost;
  }

  peek(i = 0): Packet | undefined {
    return this.packets[this.head + i];
  }

  /** Removes the first packet, releasing its charge (its rights now belong to the caller). */
  shift(): Packet | undefined {
    const p = this.packets[this.head];
    if (!p) return undefined;
    this.packets[this.head++] = undefined as unknown as Packet;
    if (this.head > 64 && this.head * 2 > this.packets.length) {
      this.packets = this.packets.slice(this.head);
      this.head = 0;
    }
    this.bytes -= p.data.length;
    this.charged -= p.cost;
    p.account?.uncharge(p.cost);
    this.space.wake();
    return p;
  }

  /** Takes n bytes off the front packet (stream reads that stop inside one). */
  consume(n: number): void {
    const p = this.packets[this.head];
    if (!p) return;
    if (n >= p.data.length) {
      this.shift();
      return;
    }
    p.data = p.data.subarray(n);
    this.bytes -= n;
    this.charged -= n;
    p.cost -= n;
    p.account?.uncharge(n);
    this.space.wake();
  }

  /** Drops everything (socket closed): releases passed files and charges. */
  clear(): void {
    for (;;) {
      const p = this.shift();
      if (!p) break;
      for (const f of p.rights ?? []) f.release();
    }
  }
}
