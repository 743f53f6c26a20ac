"""`/healthz` (the gateway runs) and `/readyz` (the whole stack answers)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from integrations.health.probes import run_probes

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    checks = await run_probes(request.app.state.probes)
    down = [name for name, result in checks.items() if result != "ok"]
    if down:
        return JSONResponse(
            status_code=503, content={"status": "not ready", "down": down, "checks": checks}
        )
    return JSONResponse(content={"status": "ready", "down": [], "checks": checks})
