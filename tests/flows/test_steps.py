from types import SimpleNamespace

import pytest

from flows import steps


class _State:
    def __init__(self, error):
        self.error = error

    def result(self, raise_on_failure=True):
        return self.error


@pytest.mark.parametrize(("error", "retry"), [
    (TimeoutError("nfs"), True), (ConnectionResetError(), True), (OSError(5, "I/O error"), True),
    (FileNotFoundError("x"), False), (PermissionError("x"), False), (ValueError("bad row"), False),
])
def test_only_transient_io_errors_are_retried(error, retry):
    assert steps.transient_io_error(None, SimpleNamespace(), _State(error)) is retry


def test_io_steps_retry_and_every_step_has_a_timeout():
    assert steps.ingest_file.retries == 2 and steps.publish_outputs.retries == 2
    assert steps.validate_sourcing.retries == 0
    for name in ("ingest_file", "validate_sourcing", "screen_block", "publish_outputs"):
        assert getattr(steps, name).timeout_seconds == steps.STEP_TIMEOUT
