"""The phrasing as the bot says it now: the content files, with staff changes on top."""

from collections.abc import Callable, Collection, Mapping, Sequence

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
        return Wording(
            text=phrase.text,
            voice=phrase.voice,
            closed=phrase.closed,
            buttons=tuple(b.title for b in phrase.buttons),
        )

    async def current(self, name: str) -> Wording:
        """The wording in use; the content file's when Redis cannot be reached."""
        base = self.base(name)
        try:
            changed = await self.overrides.get(name)
        except RedisError:
            log.warning("phrasing.overrides_unavailable")
            return base
        return resolved(changed, base) if changed else base

    async def current_many(self, names: Sequence[str]) -> dict[str, Wording]:
        """The wordings in use of several texts, with one read of the staff changes."""
        try:
            changed = await self.overrides.get_many(names)
        except RedisError:
            log.warning("phrasing.overrides_unavailable")
            changed = {}
        return {
            name: resolved(changed[name], self.base(name)) if name in changed else self.base(name)
            for name in names
        }

    async def render(
        self,
        name: str,
        channel: str | None = None,
        slots: Mapping[str, object] | None = None,
        button_payloads: Collection[str] | None = None,
        wording: Wording | None = None,
        language: str | None = None,
    ) -> dict[str, object]:
        """A text as residents get it now; `wording` when it was already read. In another
        `language` its variant there when it has one (staff changes are to the Dutch text)."""
        if self.book.translated(name, language) is not None:
            return self.book.render(
                name, channel, slots, button_payloads, office_open=self._office_open(),
                language=language,
            )  # fmt: skip
        wording = wording or await self.current(name)
        return self.book.render(
            name,
            channel,
            slots,
            button_payloads,
            text=wording.text,
            voice=wording.voice,
            office_open=self._office_open(),
            closed=wording.closed,
            button_titles=wording.buttons,
        )

    async def text(self, name: str, language: str | None = None) -> str:
        return str((await self.render(name, language=language))["text"])


def resolved(changed: Wording, base: Wording) -> Wording:
    """A staff change with what it leaves out taken from the content file (a change saved
    before out-of-hours texts and buttons could be changed has neither)."""
    same_buttons = changed.buttons is not None and len(changed.buttons) == len(base.buttons or ())
    return changed.model_copy(
        update={
            "closed": changed.closed if changed.closed and base.closed else base.closed,
            "buttons": changed.buttons if same_buttons else base.buttons,
        }
    )


def phrasing_of(request: Request) -> Phrasing:
    """The phrasing service of the running app."""
    phrasing: Phrasing = request.app.state.phrasing
    return phrasing
