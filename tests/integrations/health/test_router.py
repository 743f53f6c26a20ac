from fastapi.testclient import TestClient


def test_healthz_answers_while_the_gateway_runs(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_names_every_part_that_is_down(client: TestClient) -> None:
    # The fixture's Redis runs; Rasa and the action server do not.
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["rasa", "action_server"]
    assert body["checks"]["redis"] == "ok"
