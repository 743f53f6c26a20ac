"""The phrasing as the bot says it now: the content files, with staff changes on top."""

from collections.abc import Callable, Collection, Mapping

import structlog
from fastapi import Request
from redis.exceptions import RedisError

from integrations.nlg.overrides import PhrasingOverrides, Wording
from integrations.nlg.phrasing import PhrasingBook

log = structlog.get_logger(__name__)


class Phrasing:
    def __init__(
        self,
        book: PhrasingBook,
        overrides: PhrasingOverrides,
        office_open: Callable[[], bool] = lambda: True,
    ) -> None:
        self.book = book
        self.overrides = overrides
        self._office_open = office_open

    def base(self, name: str) -> Wording:
        phrase = self.book.get(name)
        if phrase is None:
            raise KeyError(name)
        return Wording(text=phrase.text, voice=phrase.voice)

    async def current(self, name: str) -> Wording:
        """The wording in use; the content file's when Redis cannot be reached."""
        base = self.base(name)
        try:
            return await self.overrides.get(name) or base
        except RedisError:
            log.warning("phrasing.overrides_unavailable")
            return base

    async def render(
        self,
        name: str,
        channel: str | None = None,
        slots: Mapping[str, object] | None = None,
        button_payloads: Collection[str] | None = None,
    ) -> dict[str, object]:
        wording = await self.current(name)
        return self.book.render(
            name,
            channel,
            slots,
            button_payloads,
            text=wording.text,
            voice=wording.voice,
            office_open=self._office_open(),
        )

    async def text(self, name: str) -> str:
        return str((await self.render(name))["text"])


def phrasing_of(request: Request) -> Phrasing:
    """The phrasing service of the running app."""
    phrasing: Phrasing = request.app.state.phrasing
    return phrasing
