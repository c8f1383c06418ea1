from __future__ import annotations

from pathlib import Path

import pytest

from tasks.reference.fetch import FetchError, download, file_name, is_url


@pytest.mark.parametrize(
    ("url", "disposition", "content", "name"),
    [("https://x.org/files/tvpra_goods_2024.xlsx?v=2", "", b"PK..", "tvpra_goods_2024.xlsx"),
     ("https://x.org/download", 'attachment; filename="tiers 2026.csv"', b"a,b", "tiers_2026.csv"),
     ("https://x.org/api/goods", "", b"  <Goods/>", "goods.xml"),
     ("https://x.org/", "", b'{"uflpa": []}', "download.json"),
     ("https://x.org/../../etc/passwd", "", b"a,b", "passwd.csv")],
)
def test_file_name(url: str, disposition: str, content: bytes, name: str):
    assert file_name(url, disposition, content) == name


def test_is_url():
    assert is_url("https://x.org/a.csv") and not is_url("data/a.csv")


def test_download(http_server, tmp_path: Path):
    server = http_server([(200, b"report_year,country_name,tier\n")])
    path = download(f"{server.url}/tiers_2026.csv", tmp_path)
    assert path == tmp_path / "tiers_2026.csv" and path.read_bytes().startswith(b"report_year")


@pytest.mark.parametrize(("status", "transient"), [(503, True), (429, True), (404, False)])
def test_http_errors(http_server, tmp_path: Path, status: int, transient: bool):
    server = http_server([(status, b"")])
    with pytest.raises(FetchError, match=f"HTTP {status}") as error:
        download(f"{server.url}/a.csv", tmp_path)
    assert error.value.transient is transient and not list(tmp_path.iterdir())


def test_connection_refused_is_transient(http_server, tmp_path: Path):
    server = http_server([(200, b"")])
    url = server.url
    server.shutdown()
    server.server_close()
    with pytest.raises(FetchError) as error:
        download(f"{url}/a.csv", tmp_path, timeout=2)
    assert error.value.transient and url in str(error.value)


def test_bad_url_is_not_transient(tmp_path: Path):
    with pytest.raises(FetchError, match="not a usable URL") as error:
        download("ftp://x.org/a.csv", tmp_path)
    assert not error.value.transient
