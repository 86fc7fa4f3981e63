# Paperboy: the one entry point. `make run` and `make test` set up everything they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

MOTO_PORT ?= 4566
AWS_ENDPOINT_URL ?= http://127.0.0.1:$(MOTO_PORT)
JAVA_HOME := $(shell local/bin/jdk-home)
JAVA_MAJOR := $(shell "$(JAVA_HOME)/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
# Maven 3.8's bundled Guava warns on JDK 24+ about sun.misc.Unsafe; the flag that quiets it only exists there.
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo yes),yes)
export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif
# The local AWS container's Docker network (local/bin/emulator): containers on it reach moto as http://moto:5000.
LOCAL_AWS_NETWORK := paperboy-$(MOTO_PORT)
export JAVA_HOME MOTO_PORT AWS_ENDPOINT_URL LOCAL_AWS_NETWORK
export PATH := $(JAVA_HOME)/bin:$(CURDIR)/.venv/bin:$(PATH)
# SAM CLI asks before it sends telemetry; our runs never ask.
export SAM_CLI_TELEMETRY := 0

# Nothing asks the instance-metadata address for credentials or a region.
export AWS_EC2_METADATA_DISABLED := true
# Testcontainers (the local tools and the bench start the local AWS through it, as the tests do):
# no Ryuk, no start-up checks and no probe for the engine's address, which run images no registry
# here serves (the pom sets the same for tests).
export TESTCONTAINERS_RYUK_DISABLED := true
export TESTCONTAINERS_CHECKS_DISABLE := true
export TESTCONTAINERS_HOST_OVERRIDE := 127.0.0.1

SAM := local/bin/sam
MVN := mvn -B -ntp -Dstyle.color=never
VENV := .venv/.installed
CHECKOV_VENV := .venv-checkov/.installed
LOCAL := java -cp 'local/target/classes:local/target/lib/*' -Dpaperboy.repo.root=$(CURDIR) dev.paperboy.local.LocalMain

PORT ?= 3000

.PHONY: help run test build bench lint checkov sam-build invoke serve lambda-image browser ops-tools engine engine-stop images emulator emulator-stop deploy clean lambda-package

help:
	@echo "make run                  fetch a day of Daily Papers into the local AWS and show it (DATE=YYYY-MM-DD)"
	@echo "make test                 every test: unit, integration (local AWS), template lint, sam build"
	@echo "make invoke FN=<LogicalId> EVENT=<file>   sam local invoke of that function with that event, against the local AWS"
	@echo "make serve                sam local start-api: the subscriptions API and page on http://127.0.0.1:$(PORT)"
	@echo "make emulator / emulator-stop             start / stop the local AWS (moto's container) on 127.0.0.1:$(MOTO_PORT)"
	@echo "make engine / engine-stop                 make sure a Docker engine runs / stop the one make started"
	@echo "make images               pull or build the Docker images the local toolchain runs (base, moto, Lambda Java 21)"
	@echo "make bench                measurements, printed as a table and written to target/bench/"
	@echo "make deploy               sam build, then sam deploy --guided"

$(VENV): local/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install -q --disable-pip-version-check -r local/requirements.txt
	touch $@

$(CHECKOV_VENV): local/requirements-checkov.txt
	python3 -m venv .venv-checkov
	.venv-checkov/bin/pip install -q --disable-pip-version-check -r local/requirements-checkov.txt
	touch $@

# A Docker engine: the one that runs, else (Linux, root) Debian's docker.io started by us.
engine:
	@local/bin/engine start

engine-stop:
	@local/bin/engine stop

images: engine
	@local/bin/images all >/dev/null
	@local/bin/lambda-image >/dev/null

emulator: images
	@local/bin/emulator start

emulator-stop:
	@local/bin/emulator stop

# Packaged again only when a source changed: a second `make run` on an unchanged tree skips Maven.
SOURCES := pom.xml $(shell find testkit shared local sdk-trim functions bench -name target -prune -o -type f \( -name '*.java' -o -name '*.jte' -o -name '*.xml' -o -path '*/src/main/resources/*' \) -print)
BUILT := target/.built

$(BUILT): $(SOURCES)
	$(MVN) -q package -DskipTests
	@mkdir -p target && touch $@

build: $(BUILT)

# The image sam local runs functions in: public.ecr.aws/lambda/java:21-<arch>, pulled, else built once.
lambda-image: engine
	@local/bin/lambda-image >/dev/null

# The functions run through SAM (LocalMain prints each SAM command it runs, to run again by hand).
run: emulator lambda-image build
	@$(LOCAL) run $(DATE)

invoke: emulator lambda-image build
	@test -n "$(FN)" -a -n "$(EVENT)" || { echo "usage: make invoke FN=FetchPapersFunction EVENT=events/fetch-papers/date.json" >&2; exit 2; }
	@$(LOCAL) provision >/dev/null
	@$(LOCAL) invoke $(FN) $(EVENT)

serve: emulator lambda-image build
	@$(LOCAL) serve $(PORT)

lint: $(VENV)
	$(SAM) validate --lint --template template.yaml

# checkov over template.yaml; a finding fails unless the template suppresses it with its reason
# (Metadata: checkov: skip: id, comment). Offline: no Prisma Cloud mapping or guides, no update check.
# The JSON it writes is read by local's ScannerFindingsTest, which records the reliability row.
checkov: $(CHECKOV_VENV)
	mkdir -p target && rm -f target/checkov.json
	BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=TRUE .venv-checkov/bin/checkov --file template.yaml \
	  --framework cloudformation --skip-download --compact --quiet -o cli -o json --output-file-path console,target/checkov.json

sam-build: $(VENV)
	$(SAM) build --template template.yaml --build-dir target/sam

# Debian's Chromium and its driver, for the browser test (root, or sudo).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

# The README's operations commands, run by a test (MailEventsDeadLettersIT) against the local AWS: the aws CLI
# in a venv of its own (local/requirements-awscli.txt), and Debian's jq.
AWSCLI := target/tools/awscli/.installed
$(AWSCLI): local/requirements-awscli.txt
	python3 -m venv target/tools/awscli
	target/tools/awscli/bin/pip install -q --disable-pip-version-check -r local/requirements-awscli.txt
	touch $@

ops-tools: $(AWSCLI)
	@command -v jq >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq jq >/dev/null; }

# The integration tests start the local AWS themselves (Testcontainers); `images` only builds it up front.
test: images lint checkov browser ops-tools
	rm -rf target/reliability
	$(MVN) verify
	@$(LOCAL) reliability-report
	PAPERBOY_PREBUILT=1 $(MAKE) --no-print-directory sam-build
	@echo "make test: all green"

# One thread: the figure is per core, as a Lambda instance at 1 GB has about one. ONLY=a,b runs some measurements;
# BENCH_OPTS=-Dpaperboy.bench.pacing.rate=50 (and .concurrency, .subscribers) sets the pacing run (see docs/performance.md).
bench: images build
	java -XX:ActiveProcessorCount=1 $(BENCH_OPTS) -cp 'bench/target/classes:bench/target/lib/*' -Dpaperboy.repo.root=$(CURDIR) dev.paperboy.bench.Bench target/bench $(ONLY)

# Called by each function's Makefile during `sam build`: the module's Lambda zip, unpacked.
lambda-package:
	@# `make test` has just packaged every module: sam build then only unpacks.
	[ -n "$$PAPERBOY_PREBUILT" ] || $(MVN) -q package -DskipTests -pl $(MODULE) -am
	mkdir -p "$(ARTIFACTS_DIR)"
	unzip -q -o $(MODULE)/target/$(notdir $(MODULE)).zip -d "$(ARTIFACTS_DIR)"

deploy: $(VENV)
	$(SAM) build --template template.yaml --build-dir target/sam
	$(SAM) deploy --guided --template-file target/sam/template.yaml

clean:
	mvn -B -q clean
	rm -rf target out
