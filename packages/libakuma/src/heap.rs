//! The global allocator.
//!
//! Design, and why:
//!
//! * State lives in one static in .bss (like the original `BrkAllocator`), so
//!   a kernel that corrupts user memory or registers shows up here first.
//!   `stdcheck-pad401000`/`-pad402000` move this static to exact addresses
//!   (see `HEAP_PAD` below) to reproduce the original bug's layouts.
//! * Small and medium blocks come from the brk heap. Every block ("chunk")
//!   starts with a 16-byte header: its size with flag bits, and the size of
//!   the chunk physically before it. These boundary tags let `free` find
//!   both neighbours in O(1) and merge with them, so freed memory coalesces
//!   back into large blocks instead of fragmenting into size-class islands.
//!   Coalescing is also what makes in-place `realloc` possible (grow into a
//!   free neighbour or into the top of the heap), which is the common case
//!   for a growing `Vec`/`String`. Pure size-class lists were rejected for
//!   that reason: they cannot grow a block in place and never merge.
//! * Free chunks sit in 64 segregated lists (exact 16-byte classes below
//!   512 bytes, one list per power of two above), with a bitmap of non-empty
//!   lists. Taking the first chunk of the smallest non-empty fitting list
//!   approximates best fit, which keeps fragmentation low, without scanning
//!   one long list.
//! * The chunks tile [start, top). Above `top` is the "wilderness", mapped
//!   up to the program break `end`. A chunk freed next to `top` is merged
//!   into the wilderness; when the wilderness gets large, brk gives it back.
//! * Blocks of 128 KiB and more get their own anonymous mmap and are
//!   munmapped on free, so big buffers return to the kernel at once and do
//!   not pin the heap.
//! * Any alignment works: up to 16 it is free (headers and sizes are
//!   multiples of 16); above that, a larger chunk is taken and the aligned
//!   part is cut out of it, the leading and trailing parts going back to the
//!   free lists. mmap blocks place the header just below the aligned payload.
//!
//! Guest programs are single-threaded and libakuma installs no signal
//! handlers, so there is no locking; the `Sync` impl below relies on that.

use crate::sys;
use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr;

const HDR: usize = 16; // header: size|flags, prev_size
const MIN_CHUNK: usize = 32; // header + the two free-list links
const MMAP_THRESHOLD: usize = 128 * 1024;
const PAGE: usize = 4096;
const BRK_STEP: usize = 64 * 1024; // grow the break at least this much at once
const TRIM_THRESHOLD: usize = 1024 * 1024; // wilderness above this is given back
const NBINS: usize = 64;

const INUSE: usize = 1;
const MMAPPED: usize = 2;
const FLAGS: usize = INUSE | MMAPPED;

/// Chunk header. `next`/`prev` are only meaningful while the chunk is free;
/// in a used chunk that space is the start of the payload.
#[repr(C)]
struct Chunk {
    size: usize,      // chunk size including header, | INUSE | MMAPPED
    prev_size: usize, // heap: size of the chunk before (0 for the first)
    //                   mmap: distance from the mapping start to this header
    next: *mut Chunk,
    prev: *mut Chunk,
}

#[repr(C)]
struct State {
    start: usize,     // address of the first chunk; 0 until first use
    top: usize,       // end of the last chunk = start of the wilderness
    end: usize,       // the program break: memory is mapped up to here
    last_size: usize, // size of the chunk that ends at `top` (0 if none)
    bitmap: u64,      // bit i set <=> bins[i] is not empty
    bins: [*mut Chunk; NBINS],
}

/// The allocator: all-zero initial state, so the static goes to .bss.
pub struct Heap {
    state: UnsafeCell<State>,
}

// Single-threaded guests only: see the module comment.
unsafe impl Sync for Heap {}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            state: UnsafeCell::new(State {
                start: 0,
                top: 0,
                end: 0,
                last_size: 0,
                bitmap: 0,
                bins: [ptr::null_mut(); NBINS],
            }),
        }
    }
}

// ---- the static, optionally padded to a chosen address --------------------

/// Bytes of zeroed padding in front of the allocator state, taken from the
/// environment variable AKUMA_HEAP_PAD (decimal or 0x-hex) when libakuma is
/// compiled. scripts/build-packages computes it so that the state lands at
/// 0x401000 or 0x402000 for the stdcheck-pad* variants; normally it is 0.
const HEAP_PAD: usize = parse_usize(option_env!("AKUMA_HEAP_PAD"));

const fn parse_usize(s: Option<&str>) -> usize {
    let b = match s {
        Some(s) => s.as_bytes(),
        None => return 0,
    };
    let (mut i, radix) = if b.len() > 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') { (2, 16) } else { (0, 10) };
    let mut v = 0usize;
    while i < b.len() {
        let d = match b[i] {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            c @ b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("AKUMA_HEAP_PAD is not a number"),
        } as usize;
        if d >= radix {
            panic!("AKUMA_HEAP_PAD is not a number");
        }
        v = v * radix + d;
        i += 1;
    }
    v
}

/// The allocator static: optional padding, then the state. `#[no_mangle]`
/// gives it a stable name in link maps (AKUMA_HEAP), so the build can check
/// where it landed; the shipped binaries are stripped all the same.
#[repr(C)]
pub struct PaddedHeap {
    _pad: [u8; HEAP_PAD],
    heap: Heap,
}

#[global_allocator]
#[no_mangle]
static AKUMA_HEAP: PaddedHeap = PaddedHeap { _pad: [0; HEAP_PAD], heap: Heap::new() };

/// Address of the allocator state (for tests and layout checks).
pub fn state_address() -> usize {
    AKUMA_HEAP.heap.state.get() as usize
}

// ---- small helpers ----------------------------------------------------------

#[inline]
fn align_up(x: usize, a: usize) -> Option<usize> {
    Some(x.checked_add(a - 1)? & !(a - 1))
}

/// Chunk size needed for a payload of `size` bytes.
#[inline]
fn chunk_size(size: usize) -> Option<usize> {
    let s = align_up(size.checked_add(HDR)?, 16)?;
    Some(if s < MIN_CHUNK { MIN_CHUNK } else { s })
}

#[inline]
fn bin_index(size: usize) -> usize {
    if size < 512 {
        size / 16 // exact classes 32, 48, ... 496 -> bins 2..31
    } else {
        let log2 = (usize::BITS - 1 - size.leading_zeros()) as usize; // >= 9
        let i = 32 + (log2 - 9);
        if i < NBINS { i } else { NBINS - 1 }
    }
}

#[inline]
unsafe fn csize(c: *mut Chunk) -> usize {
    (*c).size & !FLAGS
}

#[inline]
unsafe fn is_free(c: *mut Chunk) -> bool {
    (*c).size & INUSE == 0
}

#[inline]
unsafe fn payload(c: *mut Chunk) -> *mut u8 {
    (c as *mut u8).add(HDR)
}

#[inline]
unsafe fn chunk_of(p: *mut u8) -> *mut Chunk {
    p.sub(HDR) as *mut Chunk
}

// ---- the heap proper ---------------------------------------------------------

impl State {
    unsafe fn init(&mut self) -> bool {
        if self.start == 0 {
            let b = sys::brk(0);
            let start = match align_up(b, 16) {
                Some(s) if b != 0 => s,
                _ => return false,
            };
            self.start = start;
            self.top = start;
            self.end = b;
        }
        true
    }

    /// Set the prev_size of whatever follows chunk `c` (a chunk or `top`).
    unsafe fn set_follower_prev(&mut self, c: *mut Chunk) {
        let n = c as usize + csize(c);
        if n == self.top {
            self.last_size = csize(c);
        } else {
            (*(n as *mut Chunk)).prev_size = csize(c);
        }
    }

    unsafe fn insert(&mut self, c: *mut Chunk) {
        let i = bin_index(csize(c));
        let head = self.bins[i];
        (*c).prev = ptr::null_mut();
        (*c).next = head;
        if !head.is_null() {
            (*head).prev = c;
        }
        self.bins[i] = c;
        self.bitmap |= 1 << i;
    }

    unsafe fn unlink(&mut self, c: *mut Chunk) {
        let i = bin_index(csize(c));
        let (n, p) = ((*c).next, (*c).prev);
        if p.is_null() {
            self.bins[i] = n;
        } else {
            (*p).next = n;
        }
        if !n.is_null() {
            (*n).prev = p;
        }
        if self.bins[i].is_null() {
            self.bitmap &= !(1 << i);
        }
    }

    /// Remove and return a free chunk of at least `need` bytes, if any.
    unsafe fn take_free(&mut self, need: usize) -> *mut Chunk {
        let i = bin_index(need);
        // In an exact small class every chunk fits. In a power-of-two class
        // chunks may be smaller than `need`: first fit within the list.
        let mut c = self.bins[i];
        while !c.is_null() && csize(c) < need {
            c = (*c).next;
        }
        if c.is_null() {
            // Any chunk in a higher, non-empty list is big enough.
            let higher = if i + 1 < NBINS { self.bitmap & (!0u64 << (i + 1)) } else { 0 };
            if higher == 0 {
                return ptr::null_mut();
            }
            c = self.bins[higher.trailing_zeros() as usize];
        }
        self.unlink(c);
        c
    }

    /// Make sure memory is mapped up to `want` (grows the break).
    unsafe fn ensure_mapped(&mut self, want: usize) -> bool {
        if want <= self.end {
            return true;
        }
        let target = match align_up(core::cmp::max(want, self.end.saturating_add(BRK_STEP)), PAGE) {
            Some(t) => t,
            None => return false,
        };
        let got = sys::brk(target);
        if got >= target {
            self.end = got;
            return true;
        }
        // The kernel refused the big step; try for exactly what is needed.
        let exact = match align_up(want, PAGE) {
            Some(t) => t,
            None => return false,
        };
        let got = sys::brk(exact);
        if got >= exact {
            self.end = got;
            true
        } else {
            false
        }
    }

    /// Cut a new in-use chunk of `need` bytes from the wilderness.
    unsafe fn carve_top(&mut self, need: usize) -> *mut Chunk {
        let new_top = match self.top.checked_add(need) {
            Some(t) => t,
            None => return ptr::null_mut(),
        };
        if !self.ensure_mapped(new_top) {
            return ptr::null_mut();
        }
        let c = self.top as *mut Chunk;
        (*c).size = need | INUSE;
        (*c).prev_size = self.last_size;
        self.top = new_top;
        self.last_size = need;
        c
    }

    /// Shrink in-use chunk `c` to `need` bytes, freeing the tail if it is
    /// big enough to be a chunk of its own.
    unsafe fn split(&mut self, c: *mut Chunk, need: usize) {
        let size = csize(c);
        if size - need < MIN_CHUNK {
            return;
        }
        (*c).size = need | INUSE;
        let rest = (c as usize + need) as *mut Chunk;
        (*rest).size = size - need; // free
        (*rest).prev_size = need;
        self.set_follower_prev(rest);
        self.release(rest);
    }

    /// Return free (INUSE clear) chunk `c` to the heap: merge it with free
    /// neighbours, and with the wilderness if it touches `top`.
    unsafe fn release(&mut self, mut c: *mut Chunk) {
        if c as usize != self.start {
            let p = (c as usize - (*c).prev_size) as *mut Chunk;
            if is_free(p) {
                self.unlink(p);
                (*p).size = csize(p) + csize(c);
                c = p;
            }
        }
        let n = c as usize + csize(c);
        if n == self.top {
            // Back into the wilderness. The chunk before `c` is in use (free
            // neighbours are always merged), so it becomes the last chunk.
            self.top = c as usize;
            self.last_size = if c as usize == self.start { 0 } else { (*c).prev_size };
            self.trim();
            return;
        }
        let n = n as *mut Chunk;
        if is_free(n) {
            self.unlink(n);
            (*c).size = csize(c) + csize(n);
        }
        self.set_follower_prev(c);
        self.insert(c);
    }

    /// Give a large wilderness back to the kernel, keeping some slack so a
    /// program that frees and allocates in a loop does not call brk each time.
    unsafe fn trim(&mut self) {
        if self.end - self.top > TRIM_THRESHOLD {
            if let Some(target) = align_up(self.top + BRK_STEP, PAGE) {
                let got = sys::brk(target);
                // A kernel may refuse to shrink: keep whatever it reports,
                // as long as it still covers the chunks.
                if got >= self.top && got < self.end {
                    self.end = got;
                }
            }
        }
    }

    unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let size = if layout.size() == 0 { 1 } else { layout.size() };
        let align = layout.align();
        if size >= MMAP_THRESHOLD {
            return alloc_mmap(size, align);
        }
        if !self.init() {
            return ptr::null_mut();
        }
        if align <= 16 {
            let need = chunk_size(size).unwrap(); // size < threshold: no overflow
            let mut c = self.take_free(need);
            if c.is_null() {
                c = self.carve_top(need);
                if c.is_null() {
                    return ptr::null_mut();
                }
            } else {
                (*c).size |= INUSE;
                self.split(c, need);
            }
            return payload(c);
        }
        self.alloc_aligned(size, align)
    }

    /// Alignment above 16: take a chunk with room for the payload plus the
    /// alignment plus a minimal leading chunk, then cut out the aligned part.
    unsafe fn alloc_aligned(&mut self, size: usize, align: usize) -> *mut u8 {
        let need = match chunk_size(size) {
            Some(n) => n,
            None => return ptr::null_mut(),
        };
        let big = match need.checked_add(align).and_then(|x| x.checked_add(MIN_CHUNK)) {
            Some(b) => b,
            None => return ptr::null_mut(),
        };
        let mut c = self.take_free(big);
        if c.is_null() {
            c = self.carve_top(big);
            if c.is_null() {
                return ptr::null_mut();
            }
        } else {
            (*c).size |= INUSE;
        }
        let p = payload(c) as usize;
        let mut aligned = align_up(p, align).unwrap();
        if aligned != p && aligned - p < MIN_CHUNK {
            aligned += align; // the leading piece must be a whole chunk
        }
        if aligned != p {
            // Split off the leading piece [c, aligned-HDR) as a free chunk.
            let lead = aligned - p; // multiple of 16, >= MIN_CHUNK
            let total = csize(c);
            let a = (aligned - HDR) as *mut Chunk;
            (*a).size = (total - lead) | INUSE;
            (*a).prev_size = lead;
            (*c).size = lead; // free
            self.set_follower_prev(a);
            // c's own predecessor is in use (c was free or fresh from top),
            // so c cannot merge backwards; release() also handles that case.
            self.release(c);
            c = a;
        }
        self.split(c, need);
        payload(c)
    }

    unsafe fn dealloc(&mut self, p: *mut u8) {
        let c = chunk_of(p);
        if (*c).size & MMAPPED != 0 {
            free_mmap(c);
            return;
        }
        (*c).size &= !INUSE;
        self.release(c);
    }

    unsafe fn realloc(&mut self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let c = chunk_of(p);
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if (*c).size & MMAPPED != 0 {
            // In place while it still fits and is big enough to deserve its
            // own mapping; otherwise move (possibly back into the heap).
            let room = csize(c) - (*c).prev_size - HDR;
            if new_size <= room && new_size >= MMAP_THRESHOLD / 2 {
                return p;
            }
            return self.move_to(p, layout, new_layout);
        }
        let need = match chunk_size(new_size) {
            Some(n) => n,
            None => return ptr::null_mut(),
        };
        let size = csize(c);
        if need <= size {
            self.split(c, need);
            return p;
        }
        let n = c as usize + size;
        if n == self.top {
            // The last chunk grows into the wilderness, whatever its size:
            // cheaper than any copy.
            if let Some(end) = (c as usize).checked_add(need) {
                if self.ensure_mapped(end) {
                    (*c).size = need | INUSE;
                    self.top = end;
                    self.last_size = need;
                    return p;
                }
            }
        } else {
            let n = n as *mut Chunk;
            if is_free(n) && size + csize(n) >= need {
                // Absorb the free neighbour, give back what is not needed.
                self.unlink(n);
                (*c).size = (size + csize(n)) | INUSE;
                self.set_follower_prev(c);
                self.split(c, need);
                return p;
            }
        }
        self.move_to(p, layout, new_layout)
    }

    /// Allocate a new block, copy, free the old one.
    unsafe fn move_to(&mut self, p: *mut u8, old: Layout, new: Layout) -> *mut u8 {
        let q = self.alloc(new);
        if !q.is_null() {
            ptr::copy_nonoverlapping(p, q, core::cmp::min(old.size(), new.size()));
            self.dealloc(p);
        }
        q
    }
}

/// A block with its own anonymous mapping (already zeroed by the kernel).
unsafe fn alloc_mmap(size: usize, align: usize) -> *mut u8 {
    let a = if align < 16 { 16 } else { align };
    // Worst case the payload starts HDR + a - 16 bytes into the mapping.
    let len = match size.checked_add(HDR + a - 16).and_then(|x| align_up(x, PAGE)) {
        Some(l) => l,
        None => return ptr::null_mut(),
    };
    let base = match sys::mmap(0, len, sys::PROT_READ | sys::PROT_WRITE, sys::MAP_PRIVATE | sys::MAP_ANONYMOUS, -1, 0) {
        Ok(b) => b as usize,
        Err(_) => return ptr::null_mut(),
    };
    let p = align_up(base + HDR, a).unwrap();
    let c = chunk_of(p as *mut u8);
    (*c).size = len | MMAPPED | INUSE;
    (*c).prev_size = c as usize - base;
    p as *mut u8
}

unsafe fn free_mmap(c: *mut Chunk) {
    let base = (c as usize - (*c).prev_size) as *mut u8;
    let _ = sys::munmap(base, csize(c));
}

unsafe impl GlobalAlloc for PaddedHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.heap.state.get()).alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = self.alloc(layout);
        // Fresh mmap blocks are already zero; heap memory may be recycled.
        if !p.is_null() && (*chunk_of(p)).size & MMAPPED == 0 {
            ptr::write_bytes(p, 0, layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, _layout: Layout) {
        (*self.heap.state.get()).dealloc(p)
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        (*self.heap.state.get()).realloc(p, layout, new_size)
    }
}

// ---- introspection for tests ---------------------------------------------------

/// A snapshot of the heap, from `check()`.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapStats {
    pub start: usize,
    pub top: usize,
    pub brk: usize,
    pub used_chunks: usize,
    pub free_chunks: usize,
    pub free_bytes: usize,
}

/// Walk every chunk and free list and verify the invariants; used by
/// stdcheck and alloc-bench. Returns what is wrong as a static message.
pub fn check() -> Result<HeapStats, &'static str> {
    unsafe {
        let s = &mut *AKUMA_HEAP.heap.state.get();
        let mut st = HeapStats { start: s.start, top: s.top, brk: s.end, ..HeapStats::default() };
        if s.start == 0 {
            return Ok(st);
        }
        if s.top < s.start || s.end < s.top {
            return Err("heap bounds out of order");
        }
        let mut a = s.start;
        let mut prev_size = 0;
        let mut prev_free = false;
        while a < s.top {
            let c = a as *mut Chunk;
            let size = csize(c);
            if size < MIN_CHUNK || size % 16 != 0 || (*c).size & MMAPPED != 0 {
                return Err("bad chunk size or flags");
            }
            if (*c).prev_size != prev_size {
                return Err("prev_size does not match previous chunk");
            }
            let free = is_free(c);
            if free && prev_free {
                return Err("two adjacent free chunks");
            }
            if free {
                st.free_chunks += 1;
                st.free_bytes += size;
            } else {
                st.used_chunks += 1;
            }
            prev_free = free;
            prev_size = size;
            a += size;
        }
        if a != s.top {
            return Err("chunks overrun top");
        }
        if prev_free {
            return Err("free chunk next to top");
        }
        if prev_size != s.last_size {
            return Err("last_size is stale");
        }
        let mut listed = 0;
        for i in 0..NBINS {
            if (s.bins[i].is_null()) != (s.bitmap & (1 << i) == 0) {
                return Err("bin bitmap out of date");
            }
            let mut c = s.bins[i];
            let mut p: *mut Chunk = ptr::null_mut();
            while !c.is_null() {
                if !is_free(c) || bin_index(csize(c)) != i || (*c).prev != p {
                    return Err("free list corrupt");
                }
                listed += 1;
                p = c;
                c = (*c).next;
            }
        }
        if listed != st.free_chunks {
            return Err("free list count differs from heap walk");
        }
        Ok(st)
    }
}
