"""Task ids of generated tasks, and the task-set file: round trip, errors naming the line."""

from __future__ import annotations

import pytest

from halo_cli.errors import UserError
from halo_cli.tasks.ids import TaskId, site_of
from halo_cli.tasks.taskset import GeneratedTask, TaskSet, load_task_set, write_task_set


def task(n: int, site: str = "zilloft", template: str = "search_kind", **extra) -> GeneratedTask:
    return GeneratedTask(id=f"train.{site}.{template}.{n}", site=site, template=template,
                         goal=f"Show me only houses for sale in Boston, MA ({n}).",
                         params={"city": "Boston", "state": "MA", "kind": "house"},
                         difficulty=1, base_task="zilloft-23", **extra)


def test_task_id_parses_generated_ids_and_keeps_v2_ids():
    tid = TaskId.parse("train.zilloft.search_kind.12")
    assert (tid.version, tid.name, tid.site, tid.template, tid.number) == (
        "train", "zilloft.search_kind.12", "zilloft", "search_kind", 12)
    assert tid.generated and str(tid) == "train.zilloft.search_kind.12"
    assert TaskId.train("zilloft", "search_kind", 12) == tid
    assert site_of("train.gomail.reply_by_sender.3") == "gomail"
    v2 = TaskId.parse("gomail-12")
    assert (str(v2), v2.site, v2.number, v2.template, v2.generated) == (
        "v2.gomail-12", "gomail", 12, None, False)
    assert site_of("v2.omnizon-3") == "omnizon" and TaskId.parse("v1.gomail-1").version == "v1"


def test_round_trip_is_byte_for_byte(tmp_path):
    tasks = [task(1), task(2, template="search_budget"), task(3, start_path="/homes")]
    path = tmp_path / "set.jsonl"
    write_task_set(path, tasks)
    loaded = load_task_set(path)
    assert list(loaded.tasks.values()) == tasks
    assert loaded.text() == path.read_text()
    assert path.read_text().splitlines()[0].startswith(
        '{"id": "train.zilloft.search_kind.1", "site": "zilloft", "template": "search_kind", '
        '"goal": ')
    assert loaded.get("train.zilloft.search_kind.3").start_path == "/homes"
    assert loaded.sites() == {"zilloft": 3}


def test_a_bad_line_is_one_line_naming_the_line(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(task(1).line() + "\n\n" + '{"id": "train.zilloft.search_kind.2"\n')
    with pytest.raises(UserError) as bad_json:
        load_task_set(path)
    assert str(bad_json.value).startswith(f"{path}:3: not a task")
    assert "\n" not in str(bad_json.value)

    wrong = task(2).model_dump() | {"site": "gomail"}
    path.write_text(task(1).line() + "\n" + GeneratedTask.model_construct(**wrong).line() + "\n")
    with pytest.raises(UserError, match=rf"^{path}:2: not a task \(id train.zilloft.search_kind.2 "
                                        r"does not match site 'gomail'"):
        load_task_set(path)

    path.write_text(task(1).line().replace('"difficulty": 1', '"difficulty": 7') + "\n")
    with pytest.raises(UserError, match=r":1: not a task \(difficulty must be 1, 2 or 3: 7\)"):
        load_task_set(path)
    path.write_text(task(1).line().replace("train.zilloft", "v2.zilloft") + "\n")
    with pytest.raises(UserError, match=r":1: not a task \(id must be train.<site>.<template>.<n>"):
        load_task_set(path)


def test_missing_empty_and_duplicate_sets_are_user_errors(tmp_path):
    with pytest.raises(UserError, match=r"nope.jsonl: task set not found$"):
        load_task_set(tmp_path / "nope.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(UserError, match="the task set is empty"):
        load_task_set(empty)
    with pytest.raises(UserError, match="appears twice"):
        TaskSet([task(1), task(1)])


def test_select_by_id_and_site_with_close_matches():
    tasks = TaskSet([task(1), task(2), task(1, site="gomail", template="reply")])
    assert [t.id for t in tasks.select(sites=["gomail"])] == ["train.gomail.reply.1"]
    assert [t.id for t in tasks.select(["train.zilloft.search_kind.2"])] == [
        "train.zilloft.search_kind.2"]
    with pytest.raises(UserError, match=r"did you mean: train.zilloft.search_kind.1"):
        tasks.get("train.zilloft.search_knd.1")
    with pytest.raises(UserError, match="no task of site omnizon"):
        tasks.select(sites=["omnizon"])
