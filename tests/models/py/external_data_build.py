"""Builds a shape with the external-data threshold lowered to 1 kB, so its graphs keep their
weights in <name>.onnx_data (tests/models/shapes_build_test.ts loads and runs them).

    external_data_build.py ID OUT
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "models", "recipe"))

import export  # noqa: E402
import shapes  # noqa: E402

export.EXTERNAL_DATA_BYTES = 1000
sys.exit(shapes.main(["build", "--catalog", "models/shapes.json", "--id", sys.argv[1],
                      "--out", sys.argv[2]]))
