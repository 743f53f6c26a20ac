"""Custom actions of Toegang Assistent, served by the rasa-sdk action server."""

from actions.fallback import ActionFallback

__all__ = ["ActionFallback"]
