"""OpenDining's templates, what is OpenDining's own (the contract every template keeps is
tests/sites/test_templates.py): every solution books by the slot's own button."""

from __future__ import annotations

from halo_cli.sites.opendining.templates import TEMPLATES
from tests.support.templates import draft


def test_solutions_name_the_slot_they_book():
    for template in TEMPLATES:
        steps = template.solution(draft(template, 3).params)
        targets = [s.target.name for s in steps if getattr(s, "target", None)]
        assert "Let's go" in targets, template.name
