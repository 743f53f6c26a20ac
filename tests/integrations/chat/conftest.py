"""Fixtures of the chat API tests: a recording Rasa that answers "Rasa", and the gateway
talking to it. A test module may replace `rasa` with a recorder that answers otherwise."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings
from tests.recorder import Recorder, recording_server


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=b'[{"text": "Rasa"}]') as recorder:
        yield recorder


@pytest.fixture
def chat(settings: Settings, rasa: Recorder) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"rasa_url": rasa.url}))) as client:
        yield client
