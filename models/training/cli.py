"""One way for every script here to end on bad input: its name and the reason on one line, no traceback."""
import pickle
import sys

from data import DataError


def run(main, argv):
    """Runs main(argv); a missing or unreadable file or bad data ends the process with status 2."""
    prog = sys.argv[0].rsplit("/", 1)[-1]
    try:
        main(argv)
    except (OSError, DataError) as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        sys.exit(2)
    except pickle.UnpicklingError as e:
        print(f"{prog}: error: a file given is not one that torch.save wrote ({e})", file=sys.stderr)
        sys.exit(2)
