"""`python -m integrations.stack`: start the whole intake stack and keep it up until Ctrl-C."""

import argparse
import signal
import sys
import time
from types import FrameType

from integrations.settings import Settings
from integrations.stack.launcher import Stack, StackPaths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ready-timeout", type=float, default=240.0)
    args = parser.parse_args()

    stack = Stack(Settings(), StackPaths())

    def on_signal(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        stack.start()
        print("Toegang Assistent start op. Logs: var/log/", flush=True)
        if not stack.wait_ready(args.ready_timeout):
            for part in stack.crashed() or stack.parts.values():
                print(f"--- {part.name} (var/log/{part.log_path.name}) ---\n{part.log_tail()}")
            print("The stack did not become ready; see the logs above.", file=sys.stderr)
            return 1
        print(f"\nReady. Web chat: {stack.gateway_url}/", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while not stack.crashed():
            time.sleep(1)
        for part in stack.crashed():
            print(f"{part.name} stopped (exit {part.exit_code}):\n{part.log_tail()}")
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
