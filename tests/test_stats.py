"""Success-rate intervals and paired comparisons, checked against published values."""

from __future__ import annotations

import pytest

from halo_cli.stats import mcnemar_exact, paired, rate_text, wilson


def test_wilson_matches_known_intervals():
    # Wilson 95% intervals as given by statsmodels' proportion_confint(method="wilson")
    ci = wilson(5, 8)
    assert ci.low == pytest.approx(0.305742, abs=1e-6) and ci.high == pytest.approx(0.863156, abs=1e-6)
    zero = wilson(0, 8)
    assert zero.low == 0.0 and zero.high == pytest.approx(0.324408, abs=1e-6)
    full = wilson(8, 8)
    assert full.low == pytest.approx(0.675592, abs=1e-6) and full.high == 1.0
    big = wilson(81, 263)
    assert big.low == pytest.approx(0.255289, abs=1e-6) and big.high == pytest.approx(0.366210, abs=1e-6)
    assert wilson(0, 0) is None


def test_rate_text_reads_as_what_it_is():
    assert rate_text(5, 8) == "62% [31, 86]% (5/8)"
    assert rate_text(0, 0) == "- (0 episodes)"


def test_mcnemar_exact_is_the_two_sided_binomial_test():
    assert mcnemar_exact(1, 8) == pytest.approx(0.0390625)  # 2 * (1 + 9) / 2**9
    assert mcnemar_exact(0, 3) == pytest.approx(0.25)
    assert mcnemar_exact(4, 4) == 1.0
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(2, 10) == pytest.approx(0.0385742, abs=1e-6)


def test_paired_counts_flips_and_brackets_the_difference():
    a = [True, True, False, False, True, False, True, True]
    b = [True, True, True, True, True, False, True, True]
    p = paired(a, b)
    assert (p.n, p.a_successes, p.b_successes, p.b_only, p.a_only) == (8, 5, 7, 2, 0)
    assert p.diff == pytest.approx(0.25)
    assert p.ci.low <= p.diff <= p.ci.high and p.ci.low >= 0.0
    assert p.p_value == pytest.approx(0.5)
    assert p.text().startswith("+25 pts [")
    assert paired(a, b) == p  # seeded: the same table twice
    assert paired([], []) is None
    with pytest.raises(ValueError):
        paired([True], [True, False])
