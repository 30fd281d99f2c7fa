"""Chinese names for the generated district of bench/scale.py: units, leaders, sections, tasks.

Pure (no Django): pools of real-looking names so that the pages and exports render text of
the lengths and scripts a real 督查室 sees, not ``unit001``.
"""

from __future__ import annotations

import random

DISTRICT = "临江区"
GOVERNMENT = f"滨海市{DISTRICT}人民政府"
ISSUER = f"{DISTRICT}人民政府办公室"

DEPARTMENTS = [
    "发展改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安分局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "国有资产监督管理局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "林业局",
    "体育局",
    "信访局",
    "行政审批局",
    "数据资源局",
    "投资促进局",
    "金融工作局",
    "机关事务管理局",
    "人民防空办公室",
    "供销合作社联合社",
    "档案馆",
    "融媒体中心",
    "税务局",
    "消防救援大队",
    "总工会",
    "妇女联合会",
    "残疾人联合会",
    "科学技术协会",
    "工商业联合会",
    "红十字会",
    "团委",
    "委宣传部",
    "委组织部",
    "委统战部",
    "委政法委员会",
    "委网信办",
    "委编办",
    "人民法院",
    "人民检察院",
    "气象局",
    "邮政管理局",
    "供电公司",
    "烟草专卖局",
    "住房公积金管理中心",
]
INSTITUTIONS = [
    "疾病预防控制中心",
    "人民医院",
    "中医院",
    "妇幼保健院",
    "图书馆",
    "文化馆",
    "博物馆",
    "体育中心",
    "职业技术学校",
    "第一中学",
    "第二中学",
    "实验小学",
    "公共资源交易中心",
    "政务服务中心",
    "社会福利院",
    "殡仪馆",
    "不动产登记中心",
    "农业技术推广中心",
    "水利工程管理站",
    "环境监测站",
    "城市建设投资集团有限公司",
    "交通投资集团有限公司",
    "文化旅游发展集团有限公司",
    "国有资本运营有限公司",
    "水务集团有限公司",
    "产业投资基金有限公司",
]
ZONES = (
    "经济开发区管理委员会",
    "高新技术产业园区管理委员会",
    "临港物流园区管理委员会",
    "文旅度假区管理委员会",
)
PLACE_A = "东西南北中新长青金银玉兴安和平宁江河湖山石桥云龙凤鹤松柏桃柳梅兰竹"
PLACE_B = "湖港桥塘湾城园坪林岗洲溪口门山庄田镇埠关岭坊阁滩浦泉"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌海波宁"
POSTS = (
    "区长",
    "常务副区长",
    "副区长（分管发展改革、财政）",
    "副区长（分管工业、科技）",
    "副区长（分管城乡建设、交通）",
    "副区长（分管教育、卫生健康）",
    "副区长（分管农业农村、水务）",
    "副区长（分管公安）",
    "副区长（分管商务、文旅）",
    "副区长（挂职）",
    "区政府党组成员（分管营商环境）",
    "区政府党组成员（分管生态环境）",
    "区政府秘书长",
    "区政府办公室主任",
    "区委常委、宣传部部长",
)

TOP_SECTIONS = (
    "着力稳增长扩内需，推动经济运行持续向好",
    "坚持创新驱动，加快发展新质生产力",
    "做强实体经济，构建现代化产业体系",
    "深化改革开放，持续优化营商环境",
    "推进城市更新，提升城市能级品质",
    "全面推进乡村振兴，促进城乡融合发展",
    "加强生态环境保护，建设美丽临江",
    "办好民生实事，增进人民群众福祉",
    "推进教育强区建设，办好人民满意的教育",
    "建设健康临江，提升医疗卫生服务水平",
    "繁荣文化事业，推动文旅深度融合",
    "统筹发展和安全，建设更高水平平安临江",
    "加强政府自身建设，提升依法行政能力",
    "强化要素保障，推进重大项目建设",
    "完善社会保障体系，兜牢民生底线",
)
SMALL_SECTIONS = ("民生实事项目", "重大项目建设")
SUB_TOPICS = (
    "扩大有效投资",
    "促进消费提质",
    "培育壮大市场主体",
    "强化科技支撑",
    "推进数字化转型",
    "加强基础设施建设",
    "提升公共服务",
    "深化重点领域改革",
)
VERBS = ("推进", "加快", "完成", "实施", "深化", "推动", "建成", "启动", "开展", "落实")
OBJECTS = (
    "老旧小区改造",
    "城市道路提升",
    "标准化厂房建设",
    "智慧社区建设",
    "农村供水保障",
    "义务教育学校新建扩建",
    "社区卫生服务中心提标",
    "养老服务设施建设",
    "污水管网改造",
    "5G基站建设",
    "口袋公园建设",
    "充电桩建设",
    "重点产业链招商",
    "营商环境改革试点",
    "高标准农田建设",
    "河道综合治理",
)
PHASES = ("完成前期手续", "完成招标", "开工建设", "主体完工", "竣工验收", "投入使用")
NUMERALS = "一二三四五六七八九十"

# (kind, comparator, unit, metric template, typical value range) of a generated target.
TARGET_SHAPES = (
    ("count", "at_least", "个", "{obj}项目", (5, 300)),
    ("level", "at_least", "亿元", "{obj}完成投资", (1, 80)),
    ("growth", "at_least", "%", "{obj}增长", (3, 12)),
    ("share", "at_least", "%", "{obj}覆盖率", (60, 99)),
    ("decrease", "at_most", "%", "{obj}能耗下降", (2, 8)),
    ("count", "about", "公里", "{obj}里程", (2, 60)),
)


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (enough for section headings)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def street_names(count: int, rng: random.Random) -> list[str]:
    """Distinct 街道办事处 / 镇人民政府 names, e.g. 青湖街道办事处."""
    pairs = [a + b for a in PLACE_A for b in PLACE_B]
    rng.shuffle(pairs)
    return [
        f"{DISTRICT}{pair}{'镇人民政府' if i % 5 == 4 else '街道办事处'}"
        for i, pair in enumerate(pairs[:count])
    ]


def unit_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct (name, kind) pairs: departments, institutions, zones, then streets."""
    fixed = [(f"区{d}", "department") for d in DEPARTMENTS]
    fixed += [(f"区{i}", "other") for i in INSTITUTIONS]
    fixed += [(f"{DISTRICT}{z}", "zone") for z in ZONES]
    streets = [(s, "street_office") for s in street_names(max(0, count - len(fixed)), rng)]
    return (fixed + streets)[:count]


def person_names(count: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def task_text(rng: random.Random, number: int, year: int) -> tuple[str, str]:
    """A task sentence and its 完成时限, e.g. 加快老旧小区改造，年底前完成120个。"""
    obj = rng.choice(OBJECTS)
    verb = rng.choice(VERBS)
    month = rng.choice((6, 9, 12, 12, 12))
    deadline = f"{year}年{month}月底前" if month != 12 else f"{year}年底前"
    detail = rng.choice(
        (
            f"{deadline}完成{rng.randint(3, 300)}个",
            f"全年完成投资{rng.randint(1, 80)}亿元",
            "建立健全长效工作机制",
            f"覆盖率达到{rng.randint(60, 99)}%以上",
        )
    )
    text = f"{verb}{obj}（第{number}项），{detail}，确保按期见效。"
    return text, deadline
