"""Rasa's input channels: only the gateway may talk to Rasa (bot/channels/gateway.py)."""
