#!/usr/bin/env bash
# Builds the real-program suite: ordinary Linux programs (C with glibc, C++ with libstdc++,
# Go) built with Debian's toolchains exactly as a user would build them, static, for
# AArch64. They use only the standard libraries and the Linux ABI; nothing in them knows
# about akuma-vm. test/realworld/ runs each under akuma-vm and under qemu-aarch64.
#
#   src/<area>/NAME.c   -> bin/<area>/NAME   (aarch64-linux-gnu-gcc -O2 -static -pthread)
#   src/<area>/NAME.cc  -> bin/<area>/NAME   (aarch64-linux-gnu-g++ -O2 -static -pthread)
#   src/go/NAME/*.go    -> bin/go/NAME       (go build, GOARCH=arm64 CGO_ENABLED=0)
#   src/rust/NAME.rs    -> bin/rust/NAME     (Debian's /usr/bin/rustc 1.63 with the arm64 std
#                          of libstd-rust-dev:arm64, static glibc: +crt-static). .ci/run
#                          extracts that package into .cache/debian-arm64; without it this
#                          area is not rebuilt (one line says so) and --check skips it
#   src/dynamic/*       -> bin/dynamic/      dynamically linked (no -static), as a user's
#                          default build: libgreet.so from greet.c, uselib linked against it
#                          (DT_RUNPATH $ORIGIN), the rest against glibc/libstdc++ only;
#                          run with `akuma-vm run -L /usr/aarch64-linux-gnu`
#
# Reproducible (no paths, no build ids, stripped), so the binaries are committed and
#   packages/realworld/build.sh --check   rebuilds into a temp dir and compares.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$HERE/bin
if [ "${1:-}" = "--check" ]; then OUT=$(mktemp -d); fi
cd "$HERE/src"

CFLAGS=(-O2 -static -pthread -ffile-prefix-map="$HERE"=. -Wall -Wno-unused-result)
LDFLAGS=(-Wl,--build-id=none -s)

for src in */*.c */*.cc; do
  [ -e "$src" ] || continue
  area=${src%%/*}
  [ "$area" = go ] && continue
  [ "$area" = dynamic ] && continue
  name=$(basename "${src%.*}")
  mkdir -p "$OUT/$area"
  # The floating-point programs use libm (fma, sqrt, fenv).
  LIBS=()
  [ "$area" = fp ] && LIBS=(-lm)
  case $src in
    *.c) aarch64-linux-gnu-gcc "${CFLAGS[@]}" -o "$OUT/$area/$name" "$src" "${LDFLAGS[@]}" "${LIBS[@]}" ;;
    *.cc) aarch64-linux-gnu-g++ "${CFLAGS[@]}" -std=gnu++17 -o "$OUT/$area/$name" "$src" "${LDFLAGS[@]}" ;;
  esac
done

if [ -d dynamic ]; then
  DYN=(-O2 -ffile-prefix-map="$HERE"=. -Wall -Wno-unused-result)
  mkdir -p "$OUT/dynamic"
  aarch64-linux-gnu-gcc "${DYN[@]}" -fPIC -shared -Wl,-soname,libgreet.so -o "$OUT/dynamic/libgreet.so" dynamic/greet.c "${LDFLAGS[@]}"
  aarch64-linux-gnu-gcc "${DYN[@]}" -o "$OUT/dynamic/uselib" dynamic/uselib.c -L"$OUT/dynamic" -lgreet -Wl,-rpath,'$ORIGIN' "${LDFLAGS[@]}"
  for name in hello dlopen layout; do
    aarch64-linux-gnu-gcc "${DYN[@]}" -o "$OUT/dynamic/$name" "dynamic/$name.c" "${LDFLAGS[@]}"
  done
  aarch64-linux-gnu-g++ "${DYN[@]}" -std=gnu++17 -o "$OUT/dynamic/cxx" dynamic/cxx.cc "${LDFLAGS[@]}"
fi

if compgen -G "go/*/" >/dev/null; then
  if command -v go >/dev/null; then
    export GOARCH=arm64 CGO_ENABLED=0 GOFLAGS=-mod=mod GO111MODULE=off GOCACHE=${GOCACHE:-$HOME/.cache/akuma-go-build}
    mkdir -p "$OUT/go"
    for dir in go/*/; do
      name=$(basename "$dir")
      (cd "$dir" && go build -trimpath -ldflags='-s -w -buildid=' -o "$OUT/go/$name" ./*.go)
    done
  else
    echo "realworld: go is not installed; Go programs not rebuilt"
  fi
fi

if compgen -G "rust/*.rs" >/dev/null; then
  # Debian's rustc, not a rustup one on PATH: the rlibs must come from the same compiler.
  RUSTC=/usr/bin/rustc
  RUST_SYSROOT=$HERE/../../.cache/debian-arm64/usr
  if [ ! -x $RUSTC ]; then
    echo "realworld: $RUSTC is not installed (Debian's rustc); Rust programs not rebuilt"
  elif ! compgen -G "$RUST_SYSROOT/lib/rustlib/aarch64-unknown-linux-gnu/lib/libstd-*.rlib" >/dev/null; then
    echo "realworld: no arm64 Rust std in .cache/debian-arm64 (libstd-rust-dev:arm64, fetched by .ci/run); Rust programs not rebuilt"
  else
    RUST_SYSROOT=$(cd "$RUST_SYSROOT" && pwd)
    mkdir -p "$OUT/rust"
    for src in rust/*.rs; do
      $RUSTC --edition 2021 -O -C codegen-units=1 --target aarch64-unknown-linux-gnu --sysroot "$RUST_SYSROOT" \
        -C linker=aarch64-linux-gnu-gcc -C target-feature=+crt-static -C strip=symbols \
        -C link-arg=-Wl,--build-id=none --remap-path-prefix="$HERE"=. \
        -o "$OUT/rust/$(basename "${src%.rs}")" "$src"
    done
  fi
fi

if [ "${1:-}" = "--check" ]; then
  status=0
  while IFS= read -r f; do
    rel=${f#"$OUT"/}
    if ! cmp -s "$f" "$HERE/bin/$rel"; then echo "differs: $rel"; status=1; fi
  done < <(find "$OUT" -type f | sort)
  rm -rf "$OUT"
  [ $status = 0 ] && echo "realworld: all binaries reproduce"
  exit $status
fi
