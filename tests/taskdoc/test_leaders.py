"""Leader fields: split on spaces and 、, rejoin names padded with a space."""

from __future__ import annotations

import pytest

from taskdoc.grammar.leaders import split_leaders


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("史建伟 李建安", ("史建伟", "李建安")),
        ("张 洋", ("张洋",)),
        ("刘 涛、陈 明", ("刘涛", "陈明")),  # padding never joins names across a 、
        ("区委常委、常务副区长 王立新", ("王立新",)),
        ("副区长 张三，副区长 李四", ("张三", "李四")),
        ("史建伟 张 洋 李阳东", ("史建伟", "张洋", "李阳东")),
        ("栗 英 李阳东", ("栗英", "李阳东")),
        ("吴福民、史占勇，陈宏伟", ("吴福民", "史占勇", "陈宏伟")),
        ("王\u3000伟", ("王伟",)),
        ("区政府班子成员", ("区政府班子成员",)),
        ("王新伟 王新伟", ("王新伟",)),
        ("", ()),
    ],
)
def test_split_leaders(value: str, names: tuple[str, ...]) -> None:
    assert split_leaders(value) == names


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("副市长 王新伟", ("王新伟",)),
        ("常务副市长王新伟、副市长 吴福民", ("王新伟", "吴福民")),
        ("市委常委、常务副市长 王新伟", ("王新伟",)),
        ("王新伟（副市长） 吴福民", ("王新伟", "吴福民")),
        ("分管副区长", ("分管副区长",)),
        ("王长", ("王长",)),
    ],
)
def test_posts_written_with_names_are_dropped(value: str, names: tuple[str, ...]) -> None:
    assert split_leaders(value) == names
