"""Loop detector over (fingerprint, action[, state]) history."""

from halo_cli.agent.loops import LoopDetector


def _push(d: LoopDetector, *steps: str, fp: str = "fp", state: str | None = None) -> None:
    for s in steps:
        d.push(fp, s, state)


def test_repeated_single_action_is_a_loop() -> None:
    d = LoopDetector()
    _push(d, "click('1')", "click('1')")
    assert d.detect() is None
    _push(d, "click('1')")
    loop = d.detect()
    assert loop is not None and loop.period == 1 and loop.actions == ("click('1')",)


def test_cycles_of_two_and_three() -> None:
    d = LoopDetector()
    _push(d, "a", "b", "a", "b")
    assert d.detect() is not None and d.detect().period == 2
    d.reset()
    _push(d, "x", "a", "b", "c", "a", "b", "c")
    loop = d.detect()
    assert loop is not None and loop.period == 3 and loop.actions == ("a", "b", "c")


def test_no_loop_when_pages_or_actions_differ() -> None:
    d = LoopDetector()
    _push(d, "a", "b", "c", "d", "e", "f")
    assert d.detect() is None
    d.reset()
    for fp in ("p1", "p2", "p3"):
        d.push(fp, "click('next')")
    assert d.detect() is None


def test_state_distinguishes_paging_from_looping() -> None:
    d = LoopDetector()
    for page in ("rows 1-10", "rows 11-20", "rows 21-30"):
        d.push("results", "click('Next')", page)
    assert d.detect() is None
    d.reset()
    for state in ("off", "on", "off", "on"):
        d.push("settings", "click('toggle')", state)
    assert d.detect() is not None and d.detect().period == 2


def test_loop_must_end_at_latest_step() -> None:
    d = LoopDetector()
    _push(d, "a", "a", "a", "b")
    assert d.detect() is None
