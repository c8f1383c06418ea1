"""Download a publisher's file (one attempt; retries and backoff belong to the caller)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from tasks.reference import ReferenceDataError

TIMEOUT_SECONDS = 30.0  # per request
ATTEMPTS = 3  # first try plus retries
BACKOFF_SECONDS = 2.0  # first retry delay, doubled on each further retry
SUFFIXES = (".xml", ".csv", ".tsv", ".xlsx", ".xlsm", ".json")


class FetchError(ReferenceDataError):
    """A download that failed; `transient` if trying again may help (timeouts, 5xx, 429)."""

    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


def is_url(text: str) -> bool:
    return str(text).startswith(("http://", "https://"))


def download(url: str, folder: Path, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Fetch `url` into `folder`; the file is named after the URL (or Content-Disposition)."""
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:
            response = client.get(url, headers={"User-Agent": "flscreen-reference-refresh"})
    except httpx.TimeoutException as error:
        raise FetchError(f"{url}: no answer within {timeout:g} s ({type(error).__name__})", True) from error
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchError(f"{url}: not a usable URL ({error})", False) from error
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {error or type(error).__name__}", True) from error
    status = response.status_code
    if status >= 400:
        transient = status >= 500 or status in (408, 425, 429)
        raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}", transient)
    path = Path(folder) / file_name(url, response.headers.get("content-disposition", ""),
                                    response.content)
    path.write_bytes(response.content)
    return path


def file_name(url: str, disposition: str, content: bytes) -> str:
    """A safe local name: Content-Disposition's, else the URL's last segment; suffix sniffed if none."""
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', disposition, re.I)
    raw = unquote(match[1]) if match else unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(raw).name).strip("._") or "download"
    if Path(name).suffix.lower() not in SUFFIXES:
        name += _sniff(content)
    return name


def _sniff(content: bytes) -> str:
    head = content.lstrip()[:1]
    if content[:2] == b"PK":
        return ".xlsx"
    return {b"<": ".xml", b"{": ".json"}.get(head, ".csv")
