# edgeops.cdn developer entry points. Everything installs itself into .venv.
#   make demo   provision zones on the embedded simulator, twice (second run: changed=0)
#   make test   every check: unit + integration (pytest), ansible-test sanity, ansible-lint, docs
#   make bench  benchmarks against the simulator (about 10 min): reports/bench.json and reports/bench.md
#
# The collection is put on the collections path as .tmp/collections/ansible_collections/edgeops/cdn
# (a symlink to this checkout), so for example:
#   ANSIBLE_COLLECTIONS_PATH=$(PWD)/.tmp/collections .venv/bin/ansible-doc edgeops.cdn.cdn_zone

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
COLLECTIONS := $(CURDIR)/.tmp/collections
LINK := $(COLLECTIONS)/ansible_collections/edgeops/cdn
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
PYTEST_WORKERS ?= 2

# The fast inner loop (~2 minutes): style, unit tests, one integration smoke per provider, ansible-lint.
.PHONY: all venv collection demo test check unit-integration test-newest sanity lint docs clean units galaxy-importer docs-site bench bench-smoke molecule ee reliability

all: test

$(BIN)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

collection:
	@mkdir -p $(dir $(LINK))
	@[ -e $(LINK) ] || ln -s $(CURDIR) $(LINK)

demo: venv collection
	VENV=$(VENV) scripts/demo.sh

test: venv collection unit-integration test-newest sanity lint docs units galaxy-importer docs-site bench-smoke molecule ee reliability
	@echo "make test: all checks passed"

CHECK_SMOKE := $(foreach p,ucdn leaseweb cloudflow cloakfusion,tests/integration/test_zone_$(p).py::test_create_then_rerun_is_unchanged) \
	tests/integration/test_zone_cloudflare.py::test_set_settings_then_rerun_is_unchanged

check: venv collection
	$(BIN)/python -m flake8 --max-line-length 160 --extend-ignore E402 plugins scripts tests
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) tests/unit $(CHECK_SMOKE)
	$(BIN)/ansible-lint --profile production -q
	@echo "make check: passed (make test runs every gate)"

unit-integration:
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests/unit tests/integration

# The same tests on Python 3.13 with the newest ansible-core, when that interpreter exists.
PYTHON_NEWEST ?= $(shell command -v pyenv >/dev/null 2>&1 && echo $$(pyenv root)/versions/3.13.0/bin/python3)
VENV_NEWEST := .venv-newest
# On the newest line: every unit test, and integration tests that exercise each module's argument
# handling, Ansible's own machinery (playbooks, module_defaults, roles, -vvvv) and TLS; the full
# provider matrix runs once, on the pinned line (make test stays within its time budget).
NEWEST_TESTS ?= tests/unit tests/integration/test_zone_contract.py tests/integration/test_playbook.py \
	tests/integration/test_https.py tests/integration/test_certificate_preflight.py \
	tests/integration/test_certificate_ucdn.py tests/integration/test_origin_leaseweb.py \
	tests/integration/test_purge.py tests/integration/test_dns_record_cloudflare.py \
	tests/integration/test_stats_cloakfusion.py tests/integration/test_access_rule_drift.py \
	tests/integration/test_plan_trust.py tests/integration/test_safety.py \
	tests/integration/test_role_distribution.py::test_ucdn_with_certificate_and_dns_full_cycle

test-newest: collection
	@if [ -z "$(PYTHON_NEWEST)" ] || [ ! -x "$(PYTHON_NEWEST)" ]; then \
	  echo "SKIPPED test-newest: no Python 3.13 interpreter (set PYTHON_NEWEST=/path/to/python3.13)"; \
	else \
	  [ -f $(VENV_NEWEST)/.installed ] && cmp -s requirements-newest.txt $(VENV_NEWEST)/.installed || { \
	    $(PYTHON_NEWEST) -m venv $(VENV_NEWEST) && \
	    $(VENV_NEWEST)/bin/python -m pip install --quiet -r requirements-newest.txt && \
	    cp requirements-newest.txt $(VENV_NEWEST)/.installed; } && \
	  PYTHONPATH=$(COLLECTIONS) $(VENV_NEWEST)/bin/python -m pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(NEWEST_TESTS); \
	fi

sanity:
	VENV=$(VENV) scripts/sanity.sh

# ansible-test units on tests/unit (local mode, Python 3.11).
units: venv
	VENV=$(VENV) scripts/units.sh

# galaxy-importer, offline, on the built tarball; any warning fails.
galaxy-importer: venv
	VENV=$(VENV) scripts/galaxy_importer.sh

# HTML docs site (antsibull-docs + Sphinx, offline) in .tmp/docs-site.
docs-site: venv collection
	VENV=$(VENV) scripts/docs_site.sh

lint:
	$(BIN)/ansible-lint --profile production

docs:
	$(BIN)/python scripts/support_matrix.py --check
	@for m in $$(ls plugins/modules/*.py | xargs -n1 basename | sed 's/\.py$$//'); do \
	  $(BIN)/ansible-doc edgeops.cdn.$$m >/dev/null || exit 1; done; echo "ansible-doc renders every module"
	$(BIN)/antsibull-changelog lint
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .

# Benchmarks against the simulator (python -m scripts.bench): reports/bench.json and reports/bench.md.
# bench-smoke: tiny sizes, one run, written under .tmp/bench/ (part of make test).
bench: venv collection
	$(BIN)/python -m scripts.bench

bench-smoke: venv collection
	$(BIN)/python -m scripts.bench --smoke

# Reliability figures (python -m scripts.reliability, scripts/reliability/): fault matrix (a deterministic sample of at
# least 300 cases; --fault-stride 1 runs all), lost responses, check mode, check-mode fidelity (check vs real
# run, scripts/reliability/fidelity.py), secrets, bad input, TLS, 20 concurrent forks, hostile servers:
# reports/reliability.json and .md (~4 min). Fails when a figure is off;
# defects not fixed yet are listed in KNOWN_DEFECTS there.
reliability: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m scripts.reliability

# The distribution role's molecule scenarios (extensions/molecule/) against the simulator, no containers.
molecule: venv collection
	VENV=$(VENV) scripts/molecule.sh

# Execution environment (docs/ee/execution-environment.yml): `ansible-builder create` in .tmp/ee
# (`build` needs a container engine), and the built tarball's meta/execution-environment.yml
# must introspect to this collection's requirements.txt and bindep.txt.
EE := .tmp/ee
ee: venv
	rm -rf $(EE) && mkdir -p $(EE)/collections/ansible_collections/edgeops/cdn
	cp docs/ee/execution-environment.yml $(EE)/
	$(BIN)/ansible-galaxy collection build --output-path $(EE) . >/dev/null
	tar -xzf $(EE)/edgeops-cdn-*.tar.gz -C $(EE)/collections/ansible_collections/edgeops/cdn
	$(BIN)/ansible-builder create -f $(EE)/execution-environment.yml -c $(EE)/context
	ls $(EE)/context/_build/edgeops-cdn/edgeops-cdn-*.tar.gz >/dev/null
	$(BIN)/ansible-builder introspect --sanitize $(EE)/collections > $(EE)/introspect.txt
	grep -q 'requests.*from collection edgeops.cdn' $(EE)/introspect.txt
	grep -q 'ca-certificates.*from collection edgeops.cdn' $(EE)/introspect.txt
	@echo "ee: build context in $(EE)/context"

clean:
	rm -rf .tmp tests/output
