"""Quantitative and qualitative targets in task text (taskdoc.figures.targets, taskdoc.figures.quantities)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from taskdoc.figures.quantities import normalize, scan_quantities
from taskdoc.figures.targets import extract_targets
from taskdoc.values import Comparator, Target, TargetKind

ROOT = Path(__file__).resolve().parents[2]
LEAST, MOST, ABOUT, EXACT, BETWEEN = (
    Comparator.AT_LEAST,
    Comparator.AT_MOST,
    Comparator.ABOUT,
    Comparator.EXACTLY,
    Comparator.BETWEEN,
)
LEVEL, COUNT, GROWTH, DECREASE, SHARE = (
    TargetKind.LEVEL,
    TargetKind.COUNT,
    TargetKind.GROWTH,
    TargetKind.DECREASE,
    TargetKind.SHARE,
)


def _indicators() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_indicators", ROOT / "bench" / "indicators.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _numbers(text: str) -> list[Target]:
    return [t for t in extract_targets(text) if t.kind is not TargetKind.QUALITATIVE]


# text, metric (contained in the extracted metric), value, unit, normalised value, base unit, comparator, kind
SEEDS = [
    ("力争新增就业 1.3 万人", "新增就业", "1.3", "万人", "13000", "人", EXACT, COUNT),
    ("年度完成总投资 640 亿元以上", "总投资", "640", "亿元", "64000000000", "元", LEAST, LEVEL),
    ("城镇调查失业率控制在 5.5% 以内", "城镇调查失业率", "5.5", "%", "5.5", "%", MOST, SHARE),
    (
        "建成29个安置房地块、367.52万平方米",
        "安置房",
        "367.52",
        "万平方米",
        "3675200",
        "平方米",
        EXACT,
        LEVEL,
    ),
    ("完成营造林3.28万亩", "营造林", "3.28", "万亩", "32800", "亩", EXACT, LEVEL),
    ("剩余1.9万套专项借款项目全部交付", "专项借款项目", "1.9", "万套", "19000", "套", EXACT, COUNT),
    ("PM10 不高于 97 微克/立方米", "PM10", "97", "微克/立方米", "97", "微克/立方米", MOST, LEVEL),
    ("地区生产总值增长 7%以上", "地区生产总值", "7", "%", "7", "%", LEAST, GROWTH),
    ("规模以上工业增加值能耗下降 4% 以上", "能耗", "4", "%", "4", "%", LEAST, DECREASE),
    ("确保规上工业企业研发活动覆盖率达 85%", "研发活动覆盖率", "85", "%", "85", "%", LEAST, SHARE),
    ("力争规上工业企业突破30家", "规上工业企业", "30", "家", "30", "家", LEAST, COUNT),
    ("新增“上云上平台”企业不少于 500 家", "上云上平台", "500", "家", "500", "家", LEAST, COUNT),
    ("力争主导产业规模占工业比重达到 72% 左右", "比重", "72", "%", "72", "%", ABOUT, SHARE),
    ("力争新能源汽车产量超70万辆", "新能源汽车产量", "70", "万辆", "700000", "辆", LEAST, COUNT),
    (
        "统筹推进总投资 2.11 万亿元的 912 个省市重点项目建设",
        "总投资",
        "2.11",
        "万亿元",
        "2110000000000",
        "元",
        EXACT,
        LEVEL,
    ),
    (
        "筹集保障性租赁住房1.5万套（间）",
        "保障性租赁住房",
        "1.5",
        "万套（间）",
        "15000",
        "套",
        EXACT,
        COUNT,
    ),
    ("力争建成工业互联网平台和“工业大脑”5—6个", "工业大脑", "5", "个", "5", "个", BETWEEN, COUNT),
    ("3岁以下托位数达到每千人4.9个", "托位数", "4.9", "个", "4.9", "个", LEAST, COUNT),
    (
        "按照不低于发展预期数的 1.2 倍完善“小升规”企业培育库",
        "小升规",
        "1.2",
        "倍",
        "1.2",
        "倍",
        LEAST,
        SHARE,
    ),
    (
        "每个县（市）至少建成1个紧密型县域医共体",
        "紧密型县域医共体",
        "1",
        "个",
        "1",
        "个",
        LEAST,
        COUNT,
    ),
    ("工程建设项目审批力争压减至70天", "工程建设项目审批", "70", "天", "70", "天", MOST, LEVEL),
    ("推动企业注册1个工作日内办结", "企业注册", "1", "个工作日", "1", "个工作日", MOST, LEVEL),
    ("压减一般性支出15%以上", "一般性支出", "15", "%", "15", "%", LEAST, DECREASE),
    (
        "全市煤炭消费量控制在 2100 万吨以内",
        "煤炭消费量",
        "2100",
        "万吨",
        "21000000",
        "吨",
        MOST,
        LEVEL,
    ),
    (
        "发放各类救助及补贴资金600余万元",
        "救助及补贴资金",
        "600",
        "万元",
        "6000000",
        "元",
        LEAST,
        LEVEL,
    ),
]


@pytest.mark.parametrize("case", SEEDS, ids=[case[0] for case in SEEDS])
def test_seed_phrases(case: tuple[str, str, str, str, str, str, Comparator, TargetKind]) -> None:
    text, metric, value, unit, norm, base, comparator, kind = case
    found = [t for t in _numbers(text) if t.value == Decimal(value)]
    assert found, _numbers(text)
    target = found[0]
    assert metric in target.metric
    assert (target.unit, target.normalized_value, target.normalized_unit) == (
        unit,
        Decimal(norm),
        base,
    )
    assert (target.comparator, target.kind) == (comparator, kind)
    assert text[target.start : target.end] == target.raw


def test_exact_normalisation() -> None:
    (target,) = _numbers("新增就业 1.3 万人")
    assert str(target.normalized_value) == "13000"
    assert normalize(Decimal("6.4"), "亿", "元")[0] == Decimal("640000000.0")


def test_list_sharing_a_verb_gives_one_target_each() -> None:
    text = "力争新认定高新技术企业 35 家、国家级“小巨人”企业 1 家、省级创新型中小企业 20 家"
    found = _numbers(text)
    assert [(t.value, t.unit) for t in found] == [
        (Decimal(35), "家"),
        (Decimal(1), "家"),
        (Decimal(20), "家"),
    ]
    assert "高新技术企业" in found[0].metric and "小巨人" in found[1].metric
    assert "省级创新型中小企业" in found[2].metric


def test_each_applies_to_every_listed_item() -> None:
    found = _numbers("免费为郑州市户籍的适龄人群进行脑卒中危险因素筛查、肺癌早期筛查各 5 万人")
    assert [t.metric for t in found] == ["脑卒中危险因素筛查", "肺癌早期筛查"]
    assert all(t.normalized_value == Decimal(50000) for t in found)


def test_values_pair_with_listed_metrics() -> None:
    found = _numbers("力争生活垃圾分类覆盖率和回收利用率分别在 95%、35% 以上")
    assert [(t.metric, t.value, t.comparator) for t in found] == [
        ("生活垃圾分类覆盖率", Decimal(95), LEAST),
        ("回收利用率", Decimal(35), LEAST),
    ]
    found = _numbers("PM10、PM2.5平均浓度同比下降5%、4%")
    assert [(t.metric[:5], t.kind) for t in found] == [("PM10", DECREASE), ("PM2.5", DECREASE)]


def test_verb_only_items_borrow_the_noun() -> None:
    found = _numbers("全年力争完成土地报批 500 亩、收储 1500 亩、供应 1000 亩")
    assert [t.metric for t in found] == ["土地报批", "土地收储", "土地供应"]


def test_qualitative_targets() -> None:
    found = extract_targets(
        "城乡居民收入增长与经济增长基本同步，“零就业家庭”动态清零，实现“双随机、一公开”监管全覆盖。"
    )
    qualitative = [(t.phrase, t.metric) for t in found if t.kind is TargetKind.QUALITATIVE]
    assert qualitative == [
        ("基本同步", "城乡居民收入增长"),
        ("动态清零", "“零就业家庭”"),
        ("全覆盖", "“双随机、一公开”监管"),
    ]
    assert extract_targets("同步对相关道路路面进行升级") == ()


def test_ratio() -> None:
    (target,) = extract_targets("三次产业比重调整为 0.1:24.2:75.7，")
    assert target.kind is TargetKind.RATIO and target.metric == "三次产业比重"
    assert target.ratio == (Decimal("0.1"), Decimal("24.2"), Decimal("75.7"))


def test_chinese_numeral_count() -> None:
    (target,) = _numbers("高品质推进城垣遗址工程、综合管廊及道路工程等十个公建项目建设")
    assert (target.value, target.unit, target.metric) == (Decimal(10), "个", "公建项目建设")


@pytest.mark.parametrize(
    "text",
    [
        "2024 年区《政府工作报告》目标任务分解",
        "启动十七里河东路、兴隆路建设",
        "力争家饰佳家居体验中心“五一”开业",
        "筹办好第 29 届中国金鸡百花电影节等活动",
        "积极申报72小时过境免签",
        "完善口岸体系，提升现有9个功能性口岸业务规模",
        "集中打造一批以1—3平方公里为尺度的片区核心板块",
        "推动 5G 试点城市及 5G 基站建设，加快 G310 西南段建设",
        "继续推进“金星啤酒 1982”等场馆建设",
        "年综合回收利用建筑垃圾120万吨项目建成投用",
        "编制《惠济区数字经济发展规划(2023-2025年)》",
        "构建一体化全覆盖大城管格局",
    ],
)
def test_not_targets(text: str) -> None:
    assert _numbers(text) == []


def test_thresholds_and_examples_are_not_targets() -> None:
    found = _numbers("50 亿元以上高质量项目不低于 2 个")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(Decimal(2), "个", LEAST)]
    found = _numbers("力争东风日产 100 万台发动机、奥克斯空调生产基地等 210 个项目开工")
    assert [(t.value, t.metric) for t in found] == [(Decimal(210), "项目开工")]
    found = _numbers(
        "各开发区引进 2 个以上投资超 30 亿元、各县（市）区引进 2 个以上投资超 10 亿元高质量项目"
    )
    assert [t.value for t in found] == [Decimal(2), Decimal(2)]


def test_range_and_approximate_values() -> None:
    (target,) = _numbers("4月底前完成1-2个“文旅商”融合亮点项目")
    assert (target.value, target.value_max, target.comparator) == (Decimal(1), Decimal(2), BETWEEN)
    (target,) = _numbers("发布科技成果190余项")
    assert target.comparator is LEAST


@pytest.mark.parametrize("dash", ["—", "-", "～", "~", "至"])
def test_a_percent_range_with_the_sign_on_both_ends(dash: str) -> None:
    (target,) = _numbers(f"地区生产总值增长6%{dash}7%")
    assert (target.value, target.value_max, target.comparator) == (Decimal(6), Decimal(7), BETWEEN)
    assert target.metric == "地区生产总值"


def test_percent_followed_by_noun() -> None:
    found = _numbers("60% 以上行政村和 80% 以上乡镇达到县级以上文明村镇标准")
    assert [(t.metric, t.value) for t in found] == [("行政村", Decimal(60)), ("乡镇", Decimal(80))]


def test_full_width_digits() -> None:
    (target,) = _numbers("新增就业１．３万人")
    assert target.normalized_value == Decimal(13000) and target.raw == "新增就业１．３万人"


def test_scan_quantities_skips_identifiers() -> None:
    assert scan_quantities("PM2.5 浓度，G310，5G，X012 圃生线") == []


def test_json_friendly() -> None:
    (target,) = _numbers("年度完成总投资 640 亿元以上")
    data = target.to_dict()
    assert data["value"] == "640" and data["normalized_value"] == "64000000000"
    assert json.loads(json.dumps(data, ensure_ascii=False))["comparator"] == "at_least"
    assert dataclasses.asdict(target)["value"] == Decimal(640)


def test_labelled_set_meets_thresholds() -> None:
    indicators = _indicators()
    numbers, words = indicators.score_targets(indicators.load("targets_labelled.json"))
    assert numbers.labelled >= 150
    for name in ("target", "value", "unit", "comparator"):
        assert numbers.precision(name) >= 0.95, name
        assert numbers.recall(name) >= 0.90, name
    assert words.recall("phrase") >= 0.9


def test_whole_notice_is_fast() -> None:
    text = "。".join(
        ["力争新增就业 1.3 万人，城镇调查失业率控制在 5.5% 以内，年度完成总投资 640 亿元以上"] * 400
    )
    assert len(extract_targets(text)) == 1200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "各 6 万人" gives each listed item the shared value
        ("开展宫颈癌、乳腺癌筛查各 6 万人", [("6", "万人", "60000"), ("6", "万人", "60000")]),
        # Chinese numerals counted after a verb: 两个 → 2
        ("打造两个示范区", [("2", "个", "2")]),
        ("新增三个产业园", [("3", "个", "3")]),
        # a duration is not a target: 三年行动方案
        ("制定城市更新三年行动方案", []),
    ],
)
def test_shared_values_and_chinese_numerals(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = [(str(t.value), t.unit, str(t.normalized_value)) for t in extract_targets(text)]
    assert found == expected
