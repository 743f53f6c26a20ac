"""Numbers as residents say or type them, for any channel: Dutch number words and digits in
any grouping, Dutch phone numbers, and numbers written for the ear. Pure, no I/O."""
