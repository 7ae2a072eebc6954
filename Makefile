# `sam build` (BuildMethod: makefile) runs `make build-<LogicalId>` once per function,
# with ARTIFACTS_DIR set. Every function is a binary of the one `functions` crate, so the
# first target builds them all in one cargo invocation (release, arm64, through
# cargo-lambda and zig) and each target then copies its own `bootstrap`; for the other
# functions cargo finds nothing left to do. A function's logical id is its binary's name
# in PascalCase followed by `Function` (infra/check_template.py enforces it).

CARGO_LAMBDA_FLAGS ?= --release --arm64
LAMBDA_DIR ?= $(or $(CARGO_TARGET_DIR),target)/lambda

build-%Function:
	cargo lambda build $(CARGO_LAMBDA_FLAGS) --package clientconnect-functions --bins --lambda-dir "$(LAMBDA_DIR)"
	cp "$(LAMBDA_DIR)/$(shell echo '$*' | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z')/bootstrap" "$(ARTIFACTS_DIR)/bootstrap"
