"""The JSON writer of the golden-file scripts (make_golden.py, make_conv_golden.py): every number a float32 in its
shortest form that parses back to the same float32, each list of numbers on one line, so that the files are exact,
stay small and diff well."""
import os

import numpy as np


class Doubles(dict):
    """Numbers that are float64, not float32: written with Python's repr, which parses back exactly."""


def number(v):
    assert np.isfinite(v), v
    return str(np.float32(v))  # shortest text that parses back to the same float32


def dump(value, indent=0):
    pad = " " * indent
    if isinstance(value, Doubles):
        return "{\n" + ",\n".join(f'{pad}  "{k}": {v!r}' for k, v in value.items()) + "\n" + pad + "}"
    if isinstance(value, dict):
        items = [f'{pad}  "{k}": {dump(v, indent + 2)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        return "[" + ", ".join(str(v) if isinstance(v, int) else number(v) for v in value) + "]"
    if isinstance(value, list):
        return "[\n" + ",\n".join(pad + "  " + dump(v, indent + 2) for v in value) + "\n" + pad + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (int, str)):
        return f'"{value}"' if isinstance(value, str) else str(value)
    raise TypeError(type(value))


def write(folder, root, generator, name, data):
    """Writes {"generator": generator, **data} to folder/name and says so, relative to root."""
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(dump({"generator": generator, **data}) + "\n")
    print(f"wrote {os.path.relpath(path, root)} ({os.path.getsize(path)} bytes)")
