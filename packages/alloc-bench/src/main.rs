//! alloc-bench [SCALE]: stress the allocator and time it with
//! clock_gettime(CLOCK_MONOTONIC). Each phase prints its operation count,
//! time and rate; the end checks the heap's invariants. SCALE (default 1)
//! multiplies the work. Rates are integers: the target has no floating point.
#![no_std]
#![no_main]

use alloc::alloc::{alloc, dealloc, realloc, Layout};
use libakuma::sys::{self, CLOCK_MONOTONIC};
use libakuma::*;

extern crate alloc;

/// Hide a value from the optimiser so the work producing it is kept
/// (core::hint::black_box is not stable in Rust 1.63).
fn opaque<T>(x: *const T) {
    unsafe { core::arch::asm!("/* {0} */", in(reg) x, options(nostack, preserves_flags)) };
}

fn now_ns() -> u64 {
    sys::clock_gettime(CLOCK_MONOTONIC).map(|t| t.as_nanos()).unwrap_or(0)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Run `f` (which returns its operation count), then print one line.
fn phase(name: &str, f: impl FnOnce() -> u64) {
    let t0 = now_ns();
    let ops = f();
    let ns = now_ns().saturating_sub(t0).max(1);
    let rate = (ops as u128 * 1_000_000_000 / ns as u128) as u64;
    println!("  {:<28} {:>9} ops {:>7} ms {:>10} ops/s", name, ops, ns / 1_000_000, rate);
}

fn main() -> i32 {
    let scale: u64 = match args().nth(1).map(|a| a.parse::<u64>()) {
        None => 1,
        Some(Ok(n)) if n > 0 => n,
        _ => {
            eprintln!("alloc-bench: usage: alloc-bench [SCALE]");
            return 2;
        }
    };
    println!("alloc-bench: scale {}", scale);
    let t0 = now_ns();

    phase("alloc+free 32 B", || {
        let layout = Layout::from_size_align(32, 8).unwrap();
        let n = 100_000 * scale;
        for i in 0..n {
            unsafe {
                let p = alloc(layout);
                *p = i as u8; // keep the pair from being optimised away
                opaque(p);
                dealloc(p, layout);
            }
        }
        2 * n
    });

    phase("random sizes, 1000 live", || {
        // Replace random slots of a live set with blocks of 1 B..4 KiB.
        let mut rng = Rng(42);
        let mut live: Vec<(usize, usize)> = vec![(0, 0); 1000];
        let n = 100_000 * scale;
        for _ in 0..n {
            let slot = (rng.next() % 1000) as usize;
            let (p, size) = live[slot];
            unsafe {
                if p != 0 {
                    dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, 8));
                }
                let size = 1 + (rng.next() % 4096) as usize;
                let q = alloc(Layout::from_size_align_unchecked(size, 8));
                *q = 1;
                live[slot] = (q as usize, size);
            }
        }
        for (p, size) in live {
            if p != 0 {
                unsafe { dealloc(p as *mut u8, Layout::from_size_align_unchecked(size, 8)) };
            }
        }
        2 * n
    });

    phase("Vec<u32> push", || {
        let n = 1_000_000 * scale;
        let mut v = Vec::new();
        for i in 0..n {
            v.push(i as u32);
        }
        opaque(v.as_ptr());
        n
    });

    phase("realloc growth, 100 strings", || {
        // Interleaved growth: most reallocations cannot happen in place.
        let mut strings: Vec<String> = (0..100).map(|_| String::new()).collect();
        let rounds = 1000 * scale;
        for r in 0..rounds {
            for s in strings.iter_mut() {
                s.push_str(if r % 2 == 0 { "abcdefgh" } else { "01234567890" });
            }
        }
        opaque(strings.as_ptr());
        rounds * 100
    });

    phase("aligned alloc (64..4096)", || {
        let n = 20_000 * scale;
        let mut held = Vec::with_capacity(16);
        for i in 0..n {
            let align = 64 << (i % 7);
            let layout = Layout::from_size_align(200, align).unwrap();
            let p = unsafe { alloc(layout) };
            held.push((p, layout));
            if held.len() == 16 {
                for (p, l) in held.drain(..) {
                    unsafe { dealloc(p, l) };
                }
            }
        }
        for (p, l) in held {
            unsafe { dealloc(p, l) };
        }
        2 * n
    });

    phase("256 KiB blocks (mmap)", || {
        let n = 500 * scale;
        let layout = Layout::from_size_align(256 * 1024, 16).unwrap();
        for i in 0..n {
            unsafe {
                let p = alloc(layout);
                *p.add((i as usize * 4096) % (256 * 1024)) = 1;
                let p = realloc(p, layout, 300 * 1024);
                dealloc(p, Layout::from_size_align(300 * 1024, 16).unwrap());
            }
        }
        3 * n
    });

    let total_ms = now_ns().saturating_sub(t0) / 1_000_000;
    match heap::check() {
        Ok(st) => {
            println!(
                "alloc-bench: heap ok: {} KiB mapped by brk, {} free chunks ({} KiB); total {} ms",
                (st.brk - st.start) / 1024,
                st.free_chunks,
                st.free_bytes / 1024,
                total_ms
            );
            0
        }
        Err(e) => {
            println!("alloc-bench: HEAP CORRUPT: {}", e);
            1
        }
    }
}

entry!(main);
