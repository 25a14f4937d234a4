//! false: do nothing, unsuccessfully.
#![no_std]
#![no_main]

fn main() -> i32 {
    1
}

libakuma::entry!(main);
