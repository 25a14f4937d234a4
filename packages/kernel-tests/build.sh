#!/usr/bin/env bash
# Builds the kernel's guest test programs into packages/kernel-tests/bin/.
# Reproducible: no paths, no build ids, stripped; same bytes on every rebuild.
#   packages/kernel-tests/build.sh           build
#   packages/kernel-tests/build.sh --check   rebuild into a temp dir and compare
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$HERE/bin
if [ "${1:-}" = "--check" ]; then OUT=$(mktemp -d); fi
mkdir -p "$OUT"
cd "$HERE/src"

CC=aarch64-linux-gnu-gcc
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -nostdlib -static -no-pie
        -fno-asynchronous-unwind-tables -fno-stack-protector -mgeneral-regs-only -ffile-prefix-map="$HERE"=.
        -Wall -Wextra -Wno-unused-parameter -Wno-infinite-recursion)
LDFLAGS=(-Wl,--build-id=none,-z,max-page-size=4096,-z,norelro -s)

for prog in syscalls fault traps spin sleeper bigbss hog sigwait execer forker forkbomb fscheck nettest netfuzz netfill bigwrite setuid-hold; do
  $CC "${CFLAGS[@]}" -o "$OUT/$prog" "$prog.c" "${LDFLAGS[@]}"
done

# The file system calls (kernel/fs); also run under qemu-aarch64 as the reference.
$CC "${CFLAGS[@]}" -o "$OUT/fstest" fstest.c "${LDFLAGS[@]}"

# bigbss with its text and data segments sharing one page (linker script, no alignment between them).
$CC "${CFLAGS[@]}" -o "$OUT/bigbss-sharedpage" bigbss.c "${LDFLAGS[@]}" -Wl,-T,sharedpage.ld

# A static-PIE (ET_DYN) build of sleeper: loaded at 0x400000 by the kernel.
$CC "${CFLAGS[@]/-no-pie/-fPIE}" -static-pie -o "$OUT/sleeper-pie" sleeper.c "${LDFLAGS[@]}"

# The same bigbss linked by lld: PT_LOAD segments at file offsets that are not page-aligned.
clang --target=aarch64-linux-gnu -O2 -ffreestanding -fno-builtin -nostdlib -static -fno-pic \
  -fno-asynchronous-unwind-tables -fno-stack-protector -mgeneral-regs-only -ffile-prefix-map="$HERE"=. \
  -fuse-ld=lld -Wl,--build-id=none,-z,max-page-size=4096,-z,norelro,-s -o "$OUT/bigbss-lld" bigbss.c

# A static glibc program (FP/SIMD, glibc's start-up system calls).
$CC -O2 -static -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -s -o "$OUT/glibc-hello" glibc-hello.c

# system(), popen() and posix_spawn() of /bin/sh (static glibc).
$CC -O2 -static -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -s -o "$OUT/shellcalls" shellcalls.c

# The calls --trace-syscalls decodes, through glibc; the trace test builds it for the host too, under strace.
$CC -O2 -static -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -s -o "$OUT/tracecalls" tracecalls.c

# The signals --trace-syscalls shows reaching a process, through glibc; also built for the host, under strace.
$CC -O2 -static -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -s -o "$OUT/tracesignals" tracesignals.c

# A static-PIE glibc program with its symbols, faulting in its own function (symbol lookup at a load bias).
$CC -O1 -static-pie -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -o "$OUT/faultpie" faultpie.c

# regcheck's probe in four glibc threads at once: the register guarantee per thread.
$CC -O2 -static -pthread -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -s -o "$OUT/regthreads" regthreads.c regthreads-probe.S

# gdb's test subject (kernel/debug/): -O0 -g, unstripped, for breakpoints by name and line.
$CC -O0 -g -static -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -o "$OUT/gdbtarget" gdbtarget.c
$CC -O0 -g -static -pthread -ffile-prefix-map="$HERE"=. -Wl,--build-id=none -o "$OUT/gdbthreads" gdbthreads.c

if [ "${1:-}" = "--check" ]; then
  status=0
  for f in "$OUT"/*; do
    if ! cmp -s "$f" "$HERE/bin/$(basename "$f")"; then echo "differs: $(basename "$f")"; status=1; fi
  done
  rm -rf "$OUT"
  [ $status = 0 ] && echo "kernel-tests: all binaries reproduce"
  exit $status
fi
