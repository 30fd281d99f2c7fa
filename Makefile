.PHONY: install run test fmt bench

install:
	bash scripts/bootstrap.sh

run: install
	bash scripts/run.sh $(ARGS)

test:
	bash scripts/test.sh

fmt: install
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench: install
	.venv/bin/python bench/parse.py
