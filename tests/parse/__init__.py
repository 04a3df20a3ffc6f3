"""Unit tests of the parser's modules (generator/parse/), one test module per parser module,
on small real excerpts of the sample gazettes and State Council documents (see excerpts.py)."""
