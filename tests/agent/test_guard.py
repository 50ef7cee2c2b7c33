"""The off-site guard: one origin (scheme, host, port) says what is on the task's site."""

import pytest

from halo_cli.agent.guard import off_site_reason, on_site
from halo_cli.policy.actions import Action

START = "https://evals-gomail.example/inbox"


@pytest.mark.parametrize("url, allowed", [
    ("https://Evals-Gomail.example:443/sent?x=1", True),  # case and the default port aside
    ("https://evals-gomail.example:8443/", False),  # another port
    ("http://evals-gomail.example/", False),  # another scheme
    ("https://evil.example/evals-gomail.example", False),
    ("about:blank", False),
])
def test_on_site_compares_origins(url: str, allowed: bool) -> None:
    assert on_site(url, START) is allowed


def test_a_goto_off_the_site_is_refused_with_its_reason() -> None:
    assert off_site_reason(Action("goto", ("/sent",)), start_url=START) is None
    assert off_site_reason(Action("goto", ("https://evil.example/x",)), start_url=START) == \
        "goto to https://evil.example/x leaves the task's site"
    assert off_site_reason(Action("goto", ("https://cdn.example/a",)), start_url=START,
                           extra_origins=("https://cdn.example",)) is None
