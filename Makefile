# Shortcuts; each target is one script in scripts/, which also work without make.
.PHONY: run test setup e2e deb bindings bench
run: ; bash scripts/run.sh
test: ; bash scripts/test.sh
setup: ; bash scripts/setup.sh
e2e: ; bash scripts/e2e.sh
deb: ; bash scripts/deb.sh
bindings: ; bash scripts/bindings.sh
# Benchmarks: figures printed, never asserted in tests.
bench: ; cargo bench -p kelisim-app --bench memos
