import pytest

from tasks.reference import rebuild, store


def test_failed_rebuild_puts_the_previous_tables_back(reference_root, monkeypatch):
    derived = reference_root / "derived"
    before = {p.name: p.read_bytes() for p in derived.glob("*.csv")}

    def broken(root):
        (derived / "tip_tiers.csv").write_text("half written")
        (derived / "stray.csv").write_text("x")
        raise OSError("disk full")

    monkeypatch.setattr(store, "build", broken)
    with pytest.raises(OSError, match="disk full"):
        rebuild.rebuild(reference_root)
    assert {p.name: p.read_bytes() for p in derived.glob("*.csv")} == before


def test_unchanged_rebuild_reports_no_edition_changes(reference_root):
    assert rebuild.rebuild(reference_root) == []
