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

# Median wall time of five runs of a command (timed by Python around the child process) and
# the peak resident memory of a sixth run (GNU time). An argument FRESH_DIR becomes a new empty
# folder for every run (a data folder that has never seen the file).
measure() {
  local label="$1"; shift
  python3 - "$label" "$work" "$@" <<'PY'
import subprocess, sys, tempfile, time
label, work, template = sys.argv[1], sys.argv[2], sys.argv[3:]
def cmd():
    return [tempfile.mkdtemp(dir=work) if a == "FRESH_DIR" else a for a in template]
walls = []
for _ in range(5):
    c = cmd()
    t = time.perf_counter()
    subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append((time.perf_counter() - t) * 1000)
r = subprocess.run(["/usr/bin/time", "-q", "-f", "%M"] + cmd(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
peaks = [int(r.stderr.strip().splitlines()[-1])]
walls.sort()
print("%-58s %7.1f ms  %6.1f MB peak" % (label, walls[2], max(peaks) / 1024))
PY
}

# One installation per size: the memorandum approved, both signatories' keys (with the parties'
# BINs: a seat is matched by the certificate's BIN).
prepare() {
  local dir="$1" memo="$2"
  "$bin" --data-dir "$dir" memo import "$memo" >/dev/null
  "$bin" --data-dir "$dir" memo approve 1 >/dev/null
  "$bin" --data-dir "$dir" key new abenova --name "Ж. К. Абенова" --position "Вице-министр" \
    --organisation "Министерство науки и высшего образования Республики Казахстан" \
    --bin 040540001230 >/dev/null
  "$bin" --data-dir "$dir" key new ospanov --name "Т. М. Оспанов" --position "Исполнительный директор" \
    --organisation "Общественный фонд «Молодые волонтеры»" --bin 160940012344 >/dev/null
}

# Runs `kelisim memo sign` once (timed by Python around the child process, so the figure has no
# shell overhead in it); prints the whole process's wall time minus the Argon2id unlock, and the
# unlock, in milliseconds. The unlock is the `unlock` span that `--timings` prints on standard
# error (`timing: unlock 612.3 ms (label=…)`).
sign_once() {
  python3 - "$bin" "$1" "$2" <<'PY'
import re, subprocess, sys, time
bin, data, key = sys.argv[1:4]
t = time.perf_counter()
err = subprocess.run([bin, "--data-dir", data, "--timings", "memo", "sign", "1", "--key", key],
                     check=True, capture_output=True, text=True).stderr
whole = (time.perf_counter() - t) * 1000
unlock = [float(m) for m in re.findall(r"^timing: unlock ([0-9.]+) ms", err, re.M)]
if len(unlock) != 1:
    sys.exit("expected one `timing: unlock` line on standard error, got:\n" + err)
unlock = unlock[0]
print("%.1f ms (whole process %.0f ms, of which the unlock %.0f ms)" % (whole - unlock, whole, unlock))
PY
}

echo "kelisim memo sign, 20-page memorandum: whole process, not counting the Argon2id unlock"
for run in 1 2 3 4 5; do
  d="$work/sign-$run"
  prepare "$d" "$work/memos/memo-20.json"
  printf '  run %d: first signer %s; second signer %s\n' "$run" \
    "$(sign_once "$d" abenova)" "$(sign_once "$d" ospanov)"
done

echo "kelisim verify, two signatures, revision analysis included (median of 5, whole process)"
# What any command takes before it reads a file: the process with its database open.
measure "baseline: kelisim info (the process, its database open)" "$bin" --data-dir "$work/sign-1" info
for size in 20 200 2200; do
  d="$work/verify-$size"
  prepare "$d" "$work/memos/memo-$size.json"
  "$bin" --data-dir "$d" memo sign 1 --key abenova >/dev/null
  "$bin" --data-dir "$d" memo sign 1 --key ospanov >/dev/null
  "$bin" --data-dir "$d" memo pdf 1 --out "$work/signed-$size.pdf" >/dev/null
  bytes="$(stat -c %s "$work/signed-$size.pdf")"
  label="$(awk -v b="$bytes" -v s="$size" 'BEGIN { printf "verify memo-%s (%.1f MB)", s, b / 1048576 }')"
  measure "$label, approved here" "$bin" --data-dir "$d" verify "$work/signed-$size.pdf"
  # A stranger's installation renders the embedded memorandum again to compare the pages, the
  # first time; it remembers the first revision's SHA-256 when they match.
  measure "$label, never seen" "$bin" --data-dir FRESH_DIR verify "$work/signed-$size.pdf"
  "$bin" --data-dir "$work/stranger" verify "$work/signed-$size.pdf" >/dev/null || true
  measure "$label, seen and re-derived before" "$bin" --data-dir "$work/stranger" verify "$work/signed-$size.pdf"

done
