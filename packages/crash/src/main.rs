//! crash: store one byte to 0x816003, an address nothing maps, and so die
//! of a data abort (SIGSEGV). This is the fault from the original heap bug
//! (FAR=0x816003, ISS=0x46), kept as a program so the fault path (report,
//! process death, shell status 139, server survives) can be tested alone.
#![no_std]
#![no_main]

use libakuma::*;

const TARGET: usize = 0x816003;

fn main() -> i32 {
    println!("crash: storing to {:#x}", TARGET);
    // Volatile, so the compiler keeps the store even though nothing reads it.
    unsafe { core::ptr::write_volatile(TARGET as *mut u8, 0x42) };
    eprintln!("crash: the store to {:#x} did not fault", TARGET);
    1
}

entry!(main);
