"""Rasa-side Python of Toegang Assistent: NLU components, the safety lexicon, triage rules."""
