# Shortcuts; each target is one script in scripts/, which also work without make.
.PHONY: run dev test setup e2e deb bindings bench bench-ui bench-sign bench-render bench-preview
run: ; bash scripts/run.sh
# The UI from the Vite dev server, reloaded on save (a build without custom-protocol).
dev: ; bash scripts/run.sh --dev
test: ; bash scripts/test.sh
setup: ; bash scripts/setup.sh
e2e: ; bash scripts/e2e.sh
deb: ; bash scripts/deb.sh
bindings: ; bash scripts/bindings.sh
# Benchmarks: figures printed, never asserted in tests.
bench: ; cargo bench -p kelisim-app --bench memos
# The registry with 10,000 memorandums in the real window: start-up and search, printed.
bench-ui: ; bash scripts/bench-ui.sh
# A party edited in the real window → the preview's first page again, printed.
bench-preview: ; bash scripts/bench-preview.sh
# Signing and verifying as whole processes (issue 5's figures), printed.
bench-sign: ; bash scripts/bench-sign.sh
# Rendering a 3-party, 20-page memorandum with a 100-row annex, in-process and as a process, printed.
bench-render: ; cargo build --release -p kelisim-cli && cargo bench -p kelisim-pdf --bench render
