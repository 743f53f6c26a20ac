"""`python -m bot.serve run ...`: Rasa's own command line, with bot.speedups applied first.

The same arguments as `rasa` (integrations/stack/launcher.py and docker-compose.yml pass
them); Sanic forks its workers after the speed-ups are in place.
"""

import sys


def main() -> None:
    from rasa.__main__ import main as rasa_main

    from bot.speedups import install

    install()
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
