"""The tests `make test` runs: each module adds its tests to a Suite."""
