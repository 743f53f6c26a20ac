"""What the safety reader costs a turn: it reads every message before Rasa. Prints figures
(load time, per-message p50 and p95) on the evaluation sets' messages; asserts nothing."""

import statistics
import time
from pathlib import Path

from integrations.safety.evaluate import rows_of
from integrations.safety.loading import shared_detector
from tests.bench.common import percentile

SETS = sorted((Path(__file__).resolve().parents[1] / "eval").glob("first_turns_*.tsv"))


def main() -> None:
    started = time.perf_counter()
    detector = shared_detector()
    print(f"safety reader: loaded in {time.perf_counter() - started:.2f} s")
    texts = [text for path in SETS for _route, _channel, text in rows_of(path)]
    latencies = []
    for text in texts:
        began = time.perf_counter()
        detector.detect(text)
        latencies.append((time.perf_counter() - began) * 1000)
    print(
        f"safety reader: {len(texts)} messages, p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
