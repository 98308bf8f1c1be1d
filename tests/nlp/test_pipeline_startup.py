"""Start-up of nlp/pipeline.py: spaCy imported without its command line, which still works."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_spacy_command_line_is_not_imported_but_still_works():
    out = _run(
        "import sys\n"
        "import eventwire.nlp.pipeline as p\n"
        "print('spacy.cli' in sys.modules, 'typer' in sys.modules, 'requests' in sys.modules)\n"
        "nlp = p.build_pipeline([])\n"
        "print([t.text for t in nlp('It works.')])\n"
        "import spacy\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__)\n"  # the re-exported function
        "from spacy.cli import download, info\n"
        "print(callable(download), info.__module__, type(spacy.cli).__name__)\n")
    assert out.splitlines() == ["False False False", "['It', 'works', '.']", "True",
                                "True spacy.cli.info module"]


def test_spacy_cli_submodule_import_after_pipeline():
    out = _run(
        "import eventwire.nlp.pipeline, spacy\n"
        "import spacy.cli.download\n"
        "print(spacy.cli.download.__name__, spacy.cli.info.__module__)\n")
    assert out == "download spacy.cli.info"
