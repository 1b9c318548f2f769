#!/usr/bin/env bash
# The registry with 10,000 memorandums in the real window: seeds a data folder through the CLI
# (`kelisim memo import`, the same path as a user's import), starts the custom-protocol build
# over WebDriver under Xvfb, and prints the time from the app process's start to the first
# registry page on screen, and search round-trips. Figures only: nothing is asserted.
#   BENCH_MEMOS=10000  how many memorandums   BENCH_RUNS=3  how many start-ups
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
N="${BENCH_MEMOS:-10000}"
seed="target/bench-ui/seed-$N"

[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
if [ -z "${KELISIM_APP:-}" ]; then  # or a release build: KELISIM_APP=target/release/kelisim-desktop
  cargo build -q -p kelisim-desktop --features custom-protocol --locked
  export KELISIM_APP="$PWD/target/debug/kelisim-desktop"
fi

if [ ! -f "$seed/kz.kelisim.desktop/.seeded" ]; then
  if [ -x target/release/kelisim ]; then cli=target/release/kelisim
  else cargo build -q -p kelisim-cli --release --locked; cli=target/release/kelisim; fi
  rm -rf "$seed" && mkdir -p "$seed/json" "$seed/kz.kelisim.desktop"
  echo "seeding $N memorandums into $seed (once; kept for later runs)"
  python3 - "$N" "$seed/json" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
base = json.load(open("crates/core/tests/fixtures/youth-volunteering.json"))
KK = ["жастар", "білім", "денсаулық", "мәдениет", "экология", "қауіпсіздік", "спорт", "ғылым",
      "еріктілер", "цифрландыру", "әлеуметтік", "құқық"]
RU = ["молодежь", "образование", "здравоохранение", "культура", "экология", "безопасность", "спорт",
      "наука", "волонтеры", "цифровизация", "социальный", "право"]
rng = random.Random(42)
for i in range(n):
    d = json.loads(json.dumps(base))
    a, b = rng.choice(KK), rng.choice(RU)
    d["title"]["kk"] = f"{a} саласындағы ынтымақтастық туралы МЕМОРАНДУМ № {i}"
    d["title"]["ru"] = f"МЕМОРАНДУМ № {i} о сотрудничестве в сфере: {b}"
    d["date"] = f"20{20 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    c = d["sections"][0]["clauses"][0]["text"]
    c["kk"] = f"Тараптар {rng.choice(KK)} және {rng.choice(KK)} бағдарламаларын бірлесіп іске асырады."
    c["ru"] = f"Стороны совместно реализуют программы: {rng.choice(RU)}, {rng.choice(RU)}."
    with open(f"{out}/{i:05d}.json", "w") as f:
        json.dump(d, f, ensure_ascii=False)
PY
  start=$(date +%s.%N)
  (cd "$seed/json" && ls | xargs "$root/$cli" --data-dir "$root/$seed/kz.kelisim.desktop" memo import >/dev/null)
  printf 'seeded %s memorandums through `kelisim memo import` in %.1f s\n' "$N" "$(echo "$(date +%s.%N) - $start" | bc)"
  rm -rf "$seed/json"
  touch "$seed/kz.kelisim.desktop/.seeded"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/kelisim-bench-ui-XXXXXX")
trap 'rm -rf "$home"' EXIT
cp -a "$seed/kz.kelisim.desktop" "$home/"
echo "app: $KELISIM_APP (custom-protocol); data: $N memorandums; $(nproc) cores"
BENCH_DATA_HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" node scripts/bench-ui.mjs
