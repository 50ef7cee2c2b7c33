"""The dataset card says which tasks its rows come from: generated (train) or REAL v2 (test)."""

from __future__ import annotations

from halo_cli.export.card import dataset_card
from halo_cli.export.dataset import Tally
from halo_cli.task_id import TaskId


def card(*task_ids: str) -> str:
    tally = Tally()
    for t in task_ids:
        tally.add(site=TaskId.parse(t).site, mode="baseline_worker", source="worker",
                  split=TaskId.parse(t).split, task=t)
    return dataset_card("sft", tally, [], {})


def test_card_counts_train_and_test_rows_and_warns_about_the_test_set():
    mixed = card("train.zilloft.search_kind.1", "train.zilloft.search_kind.2", "v2.gomail-1")
    assert "**Warning: this data includes REAL v2's test tasks**: 1 examples from 1 v2 tasks" \
        in mixed
    assert ("**Tasks:** 2 examples from 2 generated training tasks "
            "(`train.<site>.<template>.<n>`) of 1 templates; 1 examples from 1 REAL v2 tasks "
            "(the test set).") in mixed
    assert "## Per split" in mixed and "| train | 2 |" in mixed and "| test | 1 |" in mixed
    assert "| zilloft.search_kind | 2 | 2 |" in mixed
    only_train = card("train.zilloft.search_kind.1")
    assert "Warning" not in only_train
    assert "from REAL v2 tasks (the test set): none." in only_train
