"""Which listener a request came in on, and what each listener may reach.

The gateway listens twice (integrations/serve.py): publicly, for residents, Twilio and staff,
and internally, for the stack's own parts. Internal paths answer only on the internal port; on
the public port they do not exist (404), and the internal port serves nothing else.
"""

from starlette.types import Scope

# The stack's own surfaces: the action server's API, Rasa's NLG endpoint, the API docs.
INTERNAL_PREFIXES = ("/internal/", "/nlg", "/docs", "/redoc", "/openapi.json")
# Both listeners: liveness and readiness, and the metrics (their own token).
SHARED_PATHS = ("/healthz", "/readyz", "/metrics")


def is_internal_path(path: str) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p) for p in INTERNAL_PREFIXES)


def listener_port(scope: Scope) -> int | None:
    server = scope.get("server")
    return int(server[1]) if server and server[1] is not None else None


def allowed(scope: Scope, internal_port: int) -> bool:
    """May this request be answered on the listener it came in on?"""
    path: str = scope.get("path", "")
    if path in SHARED_PATHS:
        return True
    on_internal = listener_port(scope) == internal_port
    return is_internal_path(path) == on_internal
