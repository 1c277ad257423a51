# docs2openapi: the developer's entry points. `make test` is what CI runs.
GO ?= go

.PHONY: all build generate check-generated test vet bench fuzz example corpus-build agreement

all: build test

build:
	$(GO) build ./...

# Rebuild spec/<version>/openapi.yaml and generated/<version> from spec/pages.
generate:
	$(GO) generate ./spec/...

# Regenerate and fail if anything differs from what is committed.
check-generated: generate
	@git diff --exit-code -- spec generated || { echo "generated files are stale: run 'make generate' and commit" >&2; exit 1; }
	@test -z "$$(git status --porcelain --untracked-files=all -- spec generated)" || { git status --short -- spec generated; echo "untracked generated files: run 'make generate' and commit" >&2; exit 1; }

test:
	$(GO) test ./...

vet:
	$(GO) vet ./...

# Benchmarks: parse and build throughput (see README).
bench:
	$(GO) test -run '^$$' -bench Seeds -benchmem -count 3 ./gen/...
	$(GO) test -run '^$$' -bench Corpus -benchmem -benchtime 5x -count 3 ./gen/...

# Every fuzz target in turn (go fuzzes one target per invocation); CI runs
# them for 20s each (.ci/run). A failing input stays in testdata/fuzz/.
FUZZTIME ?= 60s
FUZZ_TARGETS = gen/parse:FuzzParse gen/parse:FuzzMatchers gen/assemble:FuzzMatchers gen/jsonc:FuzzRepair gen/assemble:FuzzJSONString gen/assemble:FuzzJSONFloat gen/assemble:FuzzJSONToYAML
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "== $$t"; \
		$(GO) test ./$${t%%:*} -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME); \
	done

# The main job on the bundled example pages: build and check both specs.
example:
	$(GO) run ./cmd/docs2openapi check --api-version v1.0 spec/pages; \
	$(GO) run ./cmd/docs2openapi check --api-version beta spec/pages; true

# Generate the whole v1.0 corpus (../shared/graph-docs) as Go, go build and
# go vet it, and compare with msgraph-sdk-go's build (minutes; see README).
corpus-build:
	DOCS2OPENAPI_CORPUS_BUILD=1 DOCS2OPENAPI_SDK_COMPARE=1 $(GO) test -count=1 ./gen/codegen -run TestWholeCorpusCompiles -v -timeout 60m

agreement:
	DOCS2OPENAPI_SDK_AGREEMENT=1 $(GO) test ./gen/agreement -run TestCorpusAgreement -v
