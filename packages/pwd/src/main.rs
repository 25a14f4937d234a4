//! pwd: print the current directory.
#![no_std]
#![no_main]

use libakuma::*;

fn main() -> Result<(), Errno> {
    let mut buf = [0u8; 4096];
    println!("{}", sys::getcwd(&mut buf)?);
    Ok(())
}

entry!(main);
