"""``python -m eventwire``: the same as the ``eventwire`` command."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="eventwire")
