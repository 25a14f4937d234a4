//! hello: the smallest useful guest program.
#![no_std]
#![no_main]

use libakuma::*;

fn main() {
    println!("Hello from akuma-vm!");
}

entry!(main);
