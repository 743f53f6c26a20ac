"""Staff changes of wording, read one at a time and several at once, on a real Redis."""

import asyncio

from redis.asyncio import Redis

from integrations.nlg.overrides import PhrasingOverrides, Wording


def test_several_changes_are_read_at_once_as_one_at_a_time(redis_url: str) -> None:
    async def work() -> None:
        redis = Redis.from_url(redis_url)
        overrides = PhrasingOverrides(redis)
        before = Wording(text="Dank u wel. Tot ziens!")
        after = Wording(text="Bedankt. Tot ziens!")
        await overrides.save("utter_only_in_this_test", before, after, who="redacteur")
        names = ["utter_only_in_this_test", "utter_handoff"]
        many = await overrides.get_many(names)
        assert many == {"utter_only_in_this_test": await overrides.get("utter_only_in_this_test")}
        assert many["utter_only_in_this_test"].text == "Bedankt. Tot ziens!"
        assert await overrides.get_many([]) == {}
        await overrides.save("utter_only_in_this_test", after, before, "redacteur", base=before)
        assert await overrides.get_many(names) == {}
        await redis.aclose()

    asyncio.run(work())
