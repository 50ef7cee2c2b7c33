"""`runner.verify` without a browser: which cases a verify run plays, how each reaches its
worker and back, and when a row verifies (a crashed negative does not)."""

from __future__ import annotations

from halo_cli.runner.verify import VerifyRow, case_spec, plan_cases, solution_of
from halo_cli.sites.registry import get_site


def test_each_case_is_rebuilt_from_its_task_and_position(tmp_path):
    cases = plan_cases([get_site("omnizon")], {"omnizon-3"})
    assert [(c.kind, c.label) for c in cases] == [
        ("reference", "reference"), ("negative", "no action"),
        ("negative", "headphones-over-100"), ("negative", "earbuds-instead")]
    for case in cases:
        spec = case_spec(case, "http://127.0.0.1:1", tmp_path)
        back = solution_of("omnizon-3", spec.attempt)
        assert (spec.task_id, back.kind, back.label) == ("v2.omnizon-3", case.kind, case.label)
    assert len({case_spec(c, None, tmp_path).key for c in cases}) == len(cases)
    only_refs = plan_cases([get_site("omnizon")], {"omnizon-3"}, negatives=False)
    assert [(c.label, c.index) for c in only_refs] == [("reference", 1)]


def test_a_negative_that_crashed_does_not_verify():
    crashed = VerifyRow("gomail-1", "negative", "x", 0.0, 2, 1.0, "TargetNotFound: no button")
    assert not crashed.ok and crashed.problem == "negative crashed: TargetNotFound: no button"
    assert crashed.to_dict()["ok"] is False
    assert VerifyRow("gomail-1", "negative", "x", 0.0, 2, 1.0).ok
    assert VerifyRow("gomail-1", "negative", "x", 1.0, 2, 1.0).problem == "negative scored 1"
    assert VerifyRow("gomail-1", "reference", "r", 1.0, 9, 1.0).ok
    failed = VerifyRow("gomail-1", "reference", "r", 0.0, 3, 1.0, "step 2 click('5'): boom")
    assert failed.problem == "reference scored 0: step 2 click('5'): boom"
