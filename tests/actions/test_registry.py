"""The action server registers exactly the custom actions the domain names."""

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

REPO = Path(__file__).resolve().parents[2]


def test_every_domain_action_is_served_and_nothing_else() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    domain_actions: set[str] = set()
    for path in (REPO / "bot" / "domain").glob("*.yml"):
        domain_actions |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("actions") or [])
    assert set(executor.actions) == domain_actions
