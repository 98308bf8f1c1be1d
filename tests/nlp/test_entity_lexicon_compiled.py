"""The prebuilt entity name table (data/lexicons/entities/compiled_names.json) must be what the
sources give: same phrases, labels and prefixes; a stale file is noticed and not used."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import orjson

from eventwire.nlp.ner import lexicons as lexicons_module
from eventwire.nlp.ner.lexicons import build_name_tables

ROOT = Path(__file__).resolve().parents[2]


def _compile_tool():
    spec = importlib.util.spec_from_file_location("compile_entity_lexicons", ROOT / "tools" / "compile_entity_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_compiled_file_is_up_to_date():
    tool = _compile_tool()
    shipped = (lexicons_module.DATA_DIR / lexicons_module.COMPILED_FILE).read_bytes()
    assert shipped == tool.render(), "run tools/compile_entity_lexicons.py"
    assert tool.main(["--check"]) == 0


def test_compiled_tables_equal_the_tables_built_from_the_sources():
    loaded = lexicons_module._load_compiled_name_tables()
    assert loaded is not None, "compiled_names.json is missing or stale"
    names, countries, common = loaded
    built_names, built_countries, built_common = build_name_tables()
    assert names.entries == built_names.entries
    assert names.prefixes == built_names.prefixes
    assert (countries, common) == (built_countries, built_common)
    assert names.entries["Syria"] == "GPE" and "Syria" in countries
    assert not names.lower


def test_stale_compiled_file_falls_back_to_the_sources(tmp_path, monkeypatch):
    # a compiled file whose digest does not match the sources is ignored
    data = orjson.loads((lexicons_module.DATA_DIR / lexicons_module.COMPILED_FILE).read_bytes())
    data["sources_sha1"] = "0" * 40
    data["names"] = {"GPE": ["Nowhereland"]}
    fake_dir = tmp_path / "data"
    target = fake_dir / lexicons_module.COMPILED_FILE
    target.parent.mkdir(parents=True)
    target.write_bytes(orjson.dumps(data))
    monkeypatch.setattr(lexicons_module, "DATA_DIR", fake_dir)
    assert lexicons_module._load_compiled_name_tables() is None
    monkeypatch.setattr(lexicons_module, "COMPILED_FILE", "lexicons/entities/absent.json")
    assert lexicons_module._load_compiled_name_tables() is None


def test_a_source_edit_changes_the_digest(monkeypatch):
    before = lexicons_module.source_digest()
    real = lexicons_module.data_path

    class Edited:
        def __init__(self, path):
            self.path = path

        def read_bytes(self):
            data = self.path.read_bytes()
            return data + b"Newtown\tGPE\tplaces_extra\n" if self.path.name == "places.tsv" else data

    monkeypatch.setattr(lexicons_module, "data_path", lambda rel: Edited(real(rel)))
    assert lexicons_module.source_digest() != before
