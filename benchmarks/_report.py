"""Shared output of the benchmark scripts: print the markdown table, optionally save it."""


def emit(lines, out=None):
    """Print the table ``lines`` (joined by newlines) and write it to ``out`` if given."""
    table = "\n".join(lines)
    print()
    print(table)
    if out:
        with open(out, "w") as f:
            f.write(table + "\n")
