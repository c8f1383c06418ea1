"""Shared fixtures: the bundled raw files and small workbooks built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.reference.store import DEFAULT_ROOT

RAW = DEFAULT_ROOT / "raw"


@pytest.fixture
def write_xlsx(tmp_path: Path):
    """write_xlsx(name, rows) -> path of a one-sheet workbook holding `rows`."""
    import openpyxl

    def write(name: str, rows: list[list[object]]) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def reference_root(tmp_path: Path) -> Path:
    """A private copy of data/reference to load into (the working tree is never written)."""
    import shutil

    root = tmp_path / "reference"
    shutil.copytree(DEFAULT_ROOT, root)
    return root


def tvpra_rows(goods) -> list[list[object]]:
    """A TVPRA frame as the DOL Excel download lays it out: title rows, header on row 3, X marks."""
    rows: list[list[object]] = [
        ["List of Goods Produced by Child Labor or Forced Labor"],
        ["Bureau of International Labor Affairs"],
        ["Country", "Good", "Sector", "Child Labor", "Forced Labor", "Forced Child Labor",
         "Derived Labor Exploitation", "Derived Country"],
    ]
    for row in goods.itertuples(index=False):
        rows.append([row.country, row.good, row.sector,
                     *["X" if flag else "" for flag in (row.child_labor, row.forced_labor,
                                                       row.forced_child_labor, row.derived)],
                     row.derived_country or ""])
    return rows


@pytest.fixture
def http_server():
    """http_server(responses) -> base URL of a server on 127.0.0.1 answering each GET with the next
    (status, body) of `responses` (the last one repeats); `.requests` counts the GETs."""
    import http.server
    import threading

    servers = []

    def start(responses: list[tuple[int, bytes]]):
        answers = list(responses)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                status, body = answers.pop(0) if len(answers) > 1 else answers[0]
                server.requests += 1
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.requests = 0
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        server.url = f"http://127.0.0.1:{server.server_address[1]}"
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
