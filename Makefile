.PHONY: run test lint format translations
run:
	bash bin/run
test:
	bash bin/test
lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .
translations:
	.venv/bin/python tools/locale_merge.py
