"""The optional compiled build.

`ZONE_EXTRACT_COMPILE=1 pip install .` compiles the extractors, the segmenter and the
fact linker to C with mypyc: the same output, faster (README, "Speed"). Without the
variable nothing is compiled and no compiler is needed.
The compiled modules are copies of the sources at build time, so the compiled build is
a normal install, never an editable one.
"""

import os
import sys

from setuptools import setup

COMPILED_MODULES = (
    "amount", "company", "context", "date", "facts", "numbers", "overlap",
    "percentage", "qualifiers", "ranking", "rules", "segment", "textnorm",
)
BUILD_REQUIRES = ["mypy>=1.11", "pydantic>=2.5", "types-regex", "types-PyYAML"]


def _compile_requested() -> bool:
    return os.environ.get("ZONE_EXTRACT_COMPILE", "").strip().lower() in ("1", "true", "yes")


def _compiled_extensions() -> list:
    if not _compile_requested():
        return []
    if "editable_wheel" in sys.argv:
        raise SystemExit("ZONE_EXTRACT_COMPILE=1 builds copies of the sources, which an editable install "
                         "would then run instead of the files being edited: install it without -e")
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    return mypycify([f"src/extract/{name}.py" for name in COMPILED_MODULES], opt_level="3")


setup(
    ext_modules=_compiled_extensions(),
    setup_requires=BUILD_REQUIRES if _compile_requested() else [],
)
