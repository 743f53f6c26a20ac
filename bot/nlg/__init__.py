"""How Rasa asks the gateway for the words of a response."""
