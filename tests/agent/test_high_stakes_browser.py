"""High stakes by what an action does: on a real Chromium page, a click that submits a POST
form is reviewed whatever the button is called; a search (GET), an add-to-cart and a plain
button are not (marked `browser`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from halo_cli.agent.guard import high_stakes_target
from halo_cli.obs.locate import find
from halo_cli.policy.actions import Action
from tests.agent.test_orchestrator_browser import _env
from tests.support.pages import finish_page, serve_pages

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html><head><title>Listing</title></head><body><main>
<form method="post" action="/message"><textarea aria-label="Message"></textarea>
<button>Go ahead</button></form>
<form method="post" action="/offer"><input aria-label="Offer amount">
<input type="submit" value="Okay"></form>
<form action="/search"><input type="search" aria-label="Search homes"><button>Look</button></form>
<form method="post" action="/cart"><button>Add to cart</button></form>
<button type="button">Show photos</button>
</main></body></html>"""


@pytest.fixture
def site() -> Iterator[str]:
    with serve_pages(lambda path: finish_page() if "finish" in path else PAGE) as served:
        yield served.url


def test_a_post_form_submit_is_high_stakes_whatever_its_name(browser_ready, site) -> None:
    env = _env(site)
    try:
        obs, _ = env.reset(seed=0)
        ax, dom = obs["axtree_object"], obs["dom_object"]

        def bid(role: str, name: str) -> str:
            node = find(ax, role, name, exact=True)
            assert node is not None, (role, name)
            return node.bid

        def stakes(action: Action) -> str | None:
            return high_stakes_target(action, ax, dom)

        assert stakes(Action("click", (bid("button", "Go ahead"),))) == \
            'button "Go ahead" (submits a form)'
        assert stakes(Action("click", (bid("button", "Okay"),))) == \
            'button "Okay" (submits a form)'
        # Enter in a field of a POST form submits it; Enter in a search form does not commit
        assert stakes(Action("press", (bid("textbox", "Offer amount"), "Enter"))) == \
            'textbox "Offer amount" (submits a form)'
        assert stakes(Action("press", (bid("searchbox", "Search homes"), "Enter"))) is None
        assert stakes(Action("click", (bid("button", "Look"),))) is None
        assert stakes(Action("click", (bid("button", "Add to cart"),))) is None
        assert stakes(Action("click", (bid("button", "Show photos"),))) is None
        # without the DOM, only the name speaks
        assert high_stakes_target(Action("click", (bid("button", "Go ahead"),)), ax) is None
    finally:
        env.close()
