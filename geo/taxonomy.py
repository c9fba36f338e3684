"""Programme types of 脱贫攻坚 as one catalogue (seeds_facts.md §3), and the counties tied to each.

Definitions are paraphrased from the §3 table; ``citation`` is that row's citation cell verbatim.
``definition_en`` translates ``definition_zh`` (no fact added); :func:`programme_name`,
:func:`definition` and :func:`group_name` pick the current language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from geo.i18n import current_language, label_of

GROUPS = ("五个一批", "专项", "帮扶主体")  # i18n: data (the records' group values; shown via group_name)
# Group → catalogue key of its name.
GROUP_KEYS = {
    "五个一批": "filter.group_five_batches",
    "专项": "filter.group_special",
    "帮扶主体": "filter.group_helpers",
}
CountyData = Literal["relocation_sites", "pairings"]


@dataclass(frozen=True)
class Programme:
    """One programme type; ``county_data`` names the table that ties counties to it (None: none does)."""

    id: str
    name_zh: str
    name_en: str
    group: str
    definition_zh: str
    citation: str
    county_data: CountyData | None = None
    definition_en: str = ""


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "industry",
        "发展生产脱贫（产业扶贫）",
        "Industry development",
        "五个一批",
        "扶持有劳动能力的贫困人口依托当地资源发展特色种养、加工和一二三产融合，就地脱贫。",
        "003:L885–889; 001:L160–184; 002:L259–261; 004:L827–855",
        definition_en=(
            "Helps poor people who are able to work to build on local resources — specialty crops and "
            "livestock, processing, and the integration of primary, secondary and tertiary industries — and "
            "so leave poverty where they live."
        ),
    ),
    Programme(
        "relocation",
        "易地扶贫搬迁",
        "Poverty-relief relocation",
        "五个一批",
        "把“一方水土养不起一方人”地方的贫困人口自愿搬迁到小城镇和产业园区附近，做到搬得出、稳得住、能致富。",
        "003:L889–893; 001:L210–236; 002:L269–271; 004:L857–894, L1055–1063",
        "relocation_sites",
        definition_en=(
            "Moves poor people, voluntarily, out of places where “the land cannot support its people” to "
            "small towns and near industrial parks, so that they can move out, stay settled and become better"
            " off."
        ),
    ),
    Programme(
        "ecology",
        "生态补偿脱贫",
        "Ecological compensation",
        "五个一批",
        "在贫困地区安排退耕还林等生态工程、加大生态功能区转移支付，让有劳动能力的贫困人口转为护林员等生态管护人员。",
        "003:L893–897; 001:L238–254; 002:L273–275; 004:L896–921",
        definition_en=(
            "Places ecological projects such as returning farmland to forest in poor areas and raises "
            "transfer payments to ecological function zones, so that poor people able to work become forest "
            "rangers and other ecological wardens."
        ),
    ),
    Programme(
        "education",
        "发展教育脱贫",
        "Education",
        "五个一批",
        "治贫先治愚、扶贫先扶智：教育投入向贫困地区倾斜，对建档立卡学生免除普通高中和中职学杂费。",
        "003:L897–905; 001:L256–286; 002:L277–281; 004:L923–966",
        definition_en=(
            "“To end poverty, first end ignorance; to help the poor, first help them learn”: education "
            "spending leans towards poor areas, and registered poor students pay no tuition or fees at "
            "general senior high schools and secondary vocational schools."
        ),
    ),
    Programme(
        "social_protection",
        "社会保障兜底",
        "Social-protection floor",
        "五个一批",
        "对完全或部分丧失劳动能力的贫困人口实行低保兜底，推动低保线与扶贫线“两线合一”。",
        "003:L905–909; 001:L326–344; 002:L291–293; 004:L968–998",
        definition_en=(
            "The minimum living allowance (dibao) is the floor for poor people who have fully or partly lost "
            "the ability to work, and the dibao line and the poverty line are merged into one."
        ),
    ),
    Programme(
        "health",
        "健康扶贫",
        "Health",
        "专项",
        "防止因病致贫返贫：资助参加新农合，大病保险倾斜，医疗救助全覆盖，先诊疗后付费。",
        "001:L288–324; 002:L283–285; 004:L1147",
        definition_en=(
            "Keeps illness from causing poverty or bringing it back: subsidised enrolment in the new rural "
            "cooperative medical scheme, serious-illness insurance that favours the poor, medical assistance "
            "for everyone, and treatment first, payment afterwards."
        ),
    ),
    Programme(
        "finance",
        "金融扶贫",
        "Finance",
        "专项",
        "扶贫再贷款、免抵押免担保并贴息的扶贫小额信贷、政策性银行扶贫金融事业部和风险补偿基金。",
        "001:L514–558; 002:L331–333; 004:L1045–1053",
        definition_en=(
            "Poverty-relief relending, interest-subsidised poverty-relief microcredit without collateral or "
            "guarantee, poverty-relief finance divisions in the policy banks, and risk compensation funds."
        ),
    ),
    Programme(
        "housing",
        "住房（农村危房改造）",
        "Rural housing renovation",
        "专项",
        "优先改造建档立卡贫困户的危房，提高补助标准并推广加固改造。",
        "001:L431–445; 002:L287–289; 004:L2223–2233",
        definition_en=(
            "Renovates the dilapidated houses of registered poor households first, raises the subsidy and "
            "promotes reinforcing houses in place."
        ),
    ),
    Programme(
        "infrastructure",
        "基础设施",
        "Infrastructure",
        "专项",
        "通村硬化路、安全饮水、农网改造和通电、宽带网络以及人居环境整治。",
        "001:L388–417; 002:L303–323",
        definition_en=(
            "Paved roads to villages, safe drinking water, rural grid upgrades and electricity, broadband "
            "networks, and the improvement of living environments."
        ),
    ),
    Programme(
        "east_west",
        "东西部扶贫协作",
        "East–west cooperation",
        "帮扶主体",
        "东部省市与西部省市结对，年度预算安排帮扶资金，开展产业、劳务和干部人才协作，县与县“携手奔小康”。",
        "001:L595–609; 002:L347–351; 004:L1148–1289, L2517–2569",
        "pairings",
        definition_en=(
            "Eastern provinces and cities are paired with western ones, set aside support funds in their "
            "yearly budgets and cooperate on industry, labour, and cadres and talent; counties pair with "
            "counties to “march towards moderate prosperity hand in hand”."
        ),
    ),
    Programme(
        "counterpart",
        "对口支援",
        "Counterpart support",
        "帮扶主体",
        "对西藏、新疆和四省藏区等长期对口支援，重心在基层和民生，八成以上资金用于县以下。",
        "002:L351; 004:L1164, L2547",
        definition_en=(
            "Long-term counterpart support for Tibet, Xinjiang, the Tibetan areas of four provinces and "
            "others, centred on the grassroots and people's livelihoods, with more than 80% of the funds "
            "spent below the county level."
        ),
    ),
    Programme(
        "designated",
        "定点扶贫",
        "Designated-unit support",
        "帮扶主体",
        "中央和国家机关、国有企业等单位各自定点帮扶贫困县，“不脱贫不脱钩”。",
        "001:L611–617; 002:L353–359; 004:L2732",
        definition_en=(
            "Central and state bodies, state-owned enterprises and other units each support designated poor "
            "counties, and “do not unhook until poverty is gone”."
        ),
    ),
    Programme(
        "social",
        "社会扶贫",
        "Social forces",
        "帮扶主体",
        "动员民营企业、社会组织和个人参与，开展“万企帮万村”结对和志愿服务，设立10月17日扶贫日。",
        "001:L619–644; 002:L361–371; 004:L1645–1695",
        definition_en=(
            "Mobilises private enterprises, social organisations and individuals: the “ten thousand "
            "enterprises help ten thousand villages” pairing, volunteer service, and 17 October as Poverty "
            "Relief Day."
        ),
    ),
)

BY_ID: dict[str, Programme] = {p.id: p for p in PROGRAMMES}


def programme_name(programme: Programme) -> str:
    """The programme's name in the current language."""
    return programme.name_en if current_language() == "en" else programme.name_zh


def definition(programme: Programme) -> str:
    """The programme's definition in the current language (the Chinese one if no English exists)."""
    return (
        programme.definition_en if current_language() == "en" and programme.definition_en else programme.definition_zh
    )


def group_name(group: str) -> str:
    """A group of :data:`GROUPS` as shown, in the current language."""
    return label_of(GROUP_KEYS, group)


def programme_counties(
    counties: pd.DataFrame,
    pairings: pd.DataFrame,
    relocation_sites: pd.DataFrame,
    period: int = 2016,
) -> dict[str, set[str]]:
    """Adcodes of ``counties`` tied to each programme that has county-level data.

    易地搬迁: counties with a named site (sites coded to a prefecture are not spread over it).
    东西部协作 (``period``): a recipient province or prefecture covers its counties, a county itself.
    """
    codes = set(counties["adcode"]) - {""}
    relocation = set(relocation_sites["adcode"]) & codes

    recipients = pairings.loc[pairings["period"].astype(str) == str(period), "recipient_adcode"]
    paired: set[str] = set()
    for code in recipients:
        if code.endswith("0000"):
            paired |= {c for c in codes if c[:2] == code[:2]}
        elif code.endswith("00"):
            paired |= {c for c in codes if c[:4] == code[:4]}
        elif code in codes:
            paired.add(code)

    by_table = {"relocation_sites": relocation, "pairings": paired}
    return {p.id: by_table[p.county_data] for p in PROGRAMMES if p.county_data}
