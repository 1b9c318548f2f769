#!/usr/bin/env bash
# Whole-process figures for signing and verifying (issue 5), release build, printed, never
# asserted: `kelisim memo sign` on the rendered 20-page memorandum (first and second signer, the
# Argon2id unlock reported apart), and `kelisim verify` on two-signature PDFs of about 2 MB and
# 20 MB (wall time and peak memory from /usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p kelisim-cli
cargo build --release --locked -p kelisim-pdf --example generate
bin="$PWD/target/release/kelisim"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/generate "$work/memos" >/dev/null
export KELISIM_PASSPHRASE="bench passphrase, not secret"

# Median of five runs of a command, in milliseconds, plus its peak resident memory.
measure() {
  local label="$1"; shift
  local times=() rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -q -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    read -r secs kib <"$work/time"
    times+=("$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 }')")
    [ "$kib" -gt "$rss" ] && rss="$kib"
  done
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
  printf '%-58s %6d ms  %6.1f MB peak\n' "$label" "$median" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
}

# One installation per size: the memorandum approved, both signatories' keys.
prepare() {
  local dir="$1" memo="$2"
  "$bin" --data-dir "$dir" memo import "$memo" >/dev/null
  "$bin" --data-dir "$dir" memo approve 1 >/dev/null
  "$bin" --data-dir "$dir" key new abenova --name "Ж. К. Абенова" --position "Вице-министр" \
    --organisation "Министерство науки и высшего образования Республики Казахстан" >/dev/null
  "$bin" --data-dir "$dir" key new ospanov --name "Т. М. Оспанов" --position "Исполнительный директор" \
    --organisation "Общественный фонд «Молодые волонтеры»" >/dev/null
}

# Runs `kelisim memo sign` once; prints the whole process's wall time minus the Argon2id unlock
# it reports, and the unlock, in milliseconds.
sign_once() {
  local dir="$1" key="$2" t0 t1
  t0="$(date +%s%N)"
  "$bin" --data-dir "$dir" --json memo sign 1 --key "$key" >"$work/signed.json"
  t1="$(date +%s%N)"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["signature"]; w=(int(sys.argv[3])-int(sys.argv[2]))/1e6; print("%.1f ms (+ unlock %.0f ms)" % (w-d["unlockMs"], d["unlockMs"]))' \
    "$work/signed.json" "$t0" "$t1"
}

echo "kelisim memo sign, 20-page memorandum: whole process, not counting the Argon2id unlock"
for run in 1 2 3 4 5; do
  d="$work/sign-$run"
  prepare "$d" "$work/memos/memo-20.json"
  printf '  run %d: first signer %s; second signer %s\n' "$run" \
    "$(sign_once "$d" abenova)" "$(sign_once "$d" ospanov)"
done

echo "kelisim verify, two signatures, revision analysis included (median of 5, whole process)"
for size in 20 200 2000; do
  d="$work/verify-$size"
  prepare "$d" "$work/memos/memo-$size.json"
  "$bin" --data-dir "$d" memo sign 1 --key abenova >/dev/null
  "$bin" --data-dir "$d" memo sign 1 --key ospanov >/dev/null
  "$bin" --data-dir "$d" memo pdf 1 --out "$work/signed-$size.pdf" >/dev/null
  bytes="$(stat -c %s "$work/signed-$size.pdf")"
  label="$(awk -v b="$bytes" -v s="$size" 'BEGIN { printf "verify memo-%s (%.1f MB)", s, b / 1048576 }')"
  measure "$label, approved here" "$bin" --data-dir "$d" verify "$work/signed-$size.pdf"
  # A stranger's installation must render the embedded memorandum again to compare the pages.
  measure "$label, never seen" "$bin" --data-dir "$work/stranger" verify "$work/signed-$size.pdf"

done
