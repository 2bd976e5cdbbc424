#!/usr/bin/python3
"""Checks exported ONNX files with ONNX's own checker and prints what each declares.

Usage: /usr/bin/python3 tools/onnx/check_onnx.py FILE.onnx [FILE.onnx ...]

For each file: onnx.checker.check_model(path, full_check=True) (which also runs shape inference), then the IR
version, the opsets, and the inputs and outputs with their shapes. Exits with 1 if any file fails.
Debian's python3-onnx (1.12) knows opset 17 and IR version 8, what `ae export` writes.
"""
import sys

import onnx


def describe(values):
    def dims(value):
        shape = value.type.tensor_type.shape.dim
        return ",".join(d.dim_param if d.HasField("dim_param") else str(d.dim_value) for d in shape)
    return " ".join(f"{v.name}[{dims(v)}]" for v in values)


def check(path):
    onnx.checker.check_model(path, full_check=True)
    model = onnx.load(path)
    opsets = ",".join(f"{o.domain or 'ai.onnx'}:{o.version}" for o in model.opset_import)
    nodes = len(model.graph.node)
    print(f"{path}: ok  ir={model.ir_version} opset={opsets} nodes={nodes} "
          f"inputs={describe(model.graph.input)} outputs={describe(model.graph.output)}")


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            check(path)
        except Exception as error:  # the checker raises ValidationError, loading raises others: report each file
            failed += 1
            print(f"{path}: FAILED {type(error).__name__}: {error}".replace("\n", " "))
    print(f"{len(paths) - failed} of {len(paths)} files pass onnx.checker (onnx {onnx.__version__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
