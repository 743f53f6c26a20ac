"""The B1 checker: plain Dutch for every text the assistant says (checker.py and its rules in
rules.yml), the `b1-check` command (cli.py) and its figures on judged texts (evaluate.py)."""
