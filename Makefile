# The two commands: `make run` serves the API (with its own PostgreSQL when none is configured); `make test` runs every test.
SHELL := /bin/bash
PORT ?= 5080
PROJECT := src/SinoRussiaTimeline/SinoRussiaTimeline.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: run test build seed bench stop-db db-status clean

build:
	dotnet build SinoRussiaTimeline.sln -nologo -v quiet

## Serve on http://127.0.0.1:$(PORT), seeding the store on start (loading twice adds nothing). Unless keys are configured
## (Timeline__ApiKeys__0__Sha256), uses the local API keys, made and printed on the first run (scripts/local-api-keys.sh).
run: build
	@conn="$${ConnectionStrings__Timeline:-}"; \
	if [ -z "$$conn" ]; then conn=$$(scripts/local-postgres.sh start) || exit 1; echo "Using the private PostgreSQL cluster (stop it with: make stop-db)"; fi; \
	if [ -z "$${Timeline__ApiKeys__0__Sha256:-}" ]; then keys=$$(scripts/local-api-keys.sh) || exit 1; set -a; . "$$keys"; set +a; fi; \
	ConnectionStrings__Timeline="$$conn" Timeline__Seed__OnStartup=true \
	  dotnet run --project $(PROJECT) --no-build --no-launch-profile -- --urls "http://127.0.0.1:$(PORT)"

## Load the seed file (or FILE=path) into the configured store, or the private cluster.
seed: build
	@conn="$${ConnectionStrings__Timeline:-}"; \
	if [ -z "$$conn" ]; then conn=$$(scripts/local-postgres.sh start) || exit 1; fi; \
	ConnectionStrings__Timeline="$$conn" dotnet run --project $(PROJECT) --no-build --no-launch-profile -- seed $(FILE)

## Every test against a real PostgreSQL; ends with "N passed, N failed".
test:
	@scripts/test.sh

## Benchmarks against pgbench on a private PostgreSQL (docs/performance.md); full size takes long, e.g. SCALE=100000 for a trial.
SCALE ?= 1000000
DURATION ?= 10
RUNS ?= 3
bench:
	@BENCH_ENTRIES=$(SCALE) BENCH_DURATION=$(DURATION) BENCH_RUNS=$(RUNS) scripts/bench.sh

stop-db:
	@scripts/local-postgres.sh stop

db-status:
	@scripts/local-postgres.sh status

clean:
	dotnet clean SinoRussiaTimeline.sln -nologo -v quiet
