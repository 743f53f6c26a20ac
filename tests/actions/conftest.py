"""Helpers to run actions the way the action server runs them."""

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import get_settings

Run = Callable[..., tuple[list[dict[str, Any]], list[dict[str, Any]]]]


def make_tracker(
    events: list[dict[str, Any]] | None = None,
    latest: dict[str, Any] | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    return Tracker(
        sender_id="test-session",
        slots=slots or {},
        latest_message=latest or {},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=None,
    )


@pytest.fixture(autouse=True)
def gateway_down(monkeypatch: pytest.MonkeyPatch, free_port: Callable[[], int]) -> None:
    """The gateway is not running in these tests: case updates fail, answers must not."""
    monkeypatch.setenv("GATEWAY_INTERNAL_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("GATEWAY_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()


@pytest.fixture
def tracker_of() -> Callable[..., Tracker]:
    return make_tracker


@pytest.fixture
def run() -> Run:
    def run_action(action: Action, **tracker_args: Any) -> tuple[list[dict[str, Any]], list[Any]]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(action.run(dispatcher, make_tracker(**tracker_args), {}))
        return dispatcher.messages, events

    return run_action
