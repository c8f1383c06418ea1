from tasks.paths import SAMPLE
from tasks.run_fingerprint import fingerprint


def test_fingerprint_follows_file_contents_and_options(tmp_path):
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_bytes((SAMPLE / "suppliers.csv").read_bytes())
    kwargs = {"suppliers": suppliers, "sourcing": SAMPLE / "sourcing.xlsx", "duplicates": "keep_first"}
    first = fingerprint(kwargs)
    assert fingerprint(dict(kwargs)) == first
    assert fingerprint({**kwargs, "duplicates": "quarantine_all"}) != first
    suppliers.write_bytes(suppliers.read_bytes() + b"V-99999,New Co,CN,,\n")
    assert fingerprint(kwargs) != first
