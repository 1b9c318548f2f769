# Shortcuts; each target is one script in scripts/, which also work without make.
.PHONY: run test setup e2e deb bindings
run: ; bash scripts/run.sh
test: ; bash scripts/test.sh
setup: ; bash scripts/setup.sh
e2e: ; bash scripts/e2e.sh
deb: ; bash scripts/deb.sh
bindings: ; bash scripts/bindings.sh
