from schemas import OUTPUTS, docs


def test_committed_output_docs_are_current():
    assert docs.main(["--check"]) == 0, "run: python -m schemas.docs"


def test_docs_cover_every_output_column():
    text = docs.render()
    for name, module in OUTPUTS.items():
        assert f"## `{name}`" in text
        for column in module.CONTRACT.columns:
            assert f"| `{column.name}` |" in text, (name, column.name)
