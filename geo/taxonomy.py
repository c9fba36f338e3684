"""Programme types of 脱贫攻坚 as one catalogue (seeds_facts.md §3), and the counties tied to each.

Definitions are paraphrased from the §3 table; ``citation`` is that row's citation cell verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

GROUPS = ("五个一批", "专项", "帮扶主体")
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


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "industry",
        "发展生产脱贫（产业扶贫）",
        "Industry development",
        "五个一批",
        "扶持有劳动能力的贫困人口依托当地资源发展特色种养、加工和一二三产融合，就地脱贫。",
        "003:L885–889; 001:L160–184; 002:L259–261; 004:L827–855",
    ),
    Programme(
        "relocation",
        "易地扶贫搬迁",
        "Poverty-relief relocation",
        "五个一批",
        "把“一方水土养不起一方人”地方的贫困人口自愿搬迁到小城镇和产业园区附近，做到搬得出、稳得住、能致富。",
        "003:L889–893; 001:L210–236; 002:L269–271; 004:L857–894, L1055–1063",
        "relocation_sites",
    ),
    Programme(
        "ecology",
        "生态补偿脱贫",
        "Ecological compensation",
        "五个一批",
        "在贫困地区安排退耕还林等生态工程、加大生态功能区转移支付，让有劳动能力的贫困人口转为护林员等生态管护人员。",
        "003:L893–897; 001:L238–254; 002:L273–275; 004:L896–921",
    ),
    Programme(
        "education",
        "发展教育脱贫",
        "Education",
        "五个一批",
        "治贫先治愚、扶贫先扶智：教育投入向贫困地区倾斜，对建档立卡学生免除普通高中和中职学杂费。",
        "003:L897–905; 001:L256–286; 002:L277–281; 004:L923–966",
    ),
    Programme(
        "social_protection",
        "社会保障兜底",
        "Social-protection floor",
        "五个一批",
        "对完全或部分丧失劳动能力的贫困人口实行低保兜底，推动低保线与扶贫线“两线合一”。",
        "003:L905–909; 001:L326–344; 002:L291–293; 004:L968–998",
    ),
    Programme(
        "health",
        "健康扶贫",
        "Health",
        "专项",
        "防止因病致贫返贫：资助参加新农合，大病保险倾斜，医疗救助全覆盖，先诊疗后付费。",
        "001:L288–324; 002:L283–285; 004:L1147",
    ),
    Programme(
        "finance",
        "金融扶贫",
        "Finance",
        "专项",
        "扶贫再贷款、免抵押免担保并贴息的扶贫小额信贷、政策性银行扶贫金融事业部和风险补偿基金。",
        "001:L514–558; 002:L331–333; 004:L1045–1053",
    ),
    Programme(
        "housing",
        "住房（农村危房改造）",
        "Rural housing renovation",
        "专项",
        "优先改造建档立卡贫困户的危房，提高补助标准并推广加固改造。",
        "001:L431–445; 002:L287–289; 004:L2223–2233",
    ),
    Programme(
        "infrastructure",
        "基础设施",
        "Infrastructure",
        "专项",
        "通村硬化路、安全饮水、农网改造和通电、宽带网络以及人居环境整治。",
        "001:L388–417; 002:L303–323",
    ),
    Programme(
        "east_west",
        "东西部扶贫协作",
        "East–west cooperation",
        "帮扶主体",
        "东部省市与西部省市结对，年度预算安排帮扶资金，开展产业、劳务和干部人才协作，县与县“携手奔小康”。",
        "001:L595–609; 002:L347–351; 004:L1148–1289, L2517–2569",
        "pairings",
    ),
    Programme(
        "counterpart",
        "对口支援",
        "Counterpart support",
        "帮扶主体",
        "对西藏、新疆和四省藏区等长期对口支援，重心在基层和民生，八成以上资金用于县以下。",
        "002:L351; 004:L1164, L2547",
    ),
    Programme(
        "designated",
        "定点扶贫",
        "Designated-unit support",
        "帮扶主体",
        "中央和国家机关、国有企业等单位各自定点帮扶贫困县，“不脱贫不脱钩”。",
        "001:L611–617; 002:L353–359; 004:L2732",
    ),
    Programme(
        "social",
        "社会扶贫",
        "Social forces",
        "帮扶主体",
        "动员民营企业、社会组织和个人参与，开展“万企帮万村”结对和志愿服务，设立10月17日扶贫日。",
        "001:L619–644; 002:L361–371; 004:L1645–1695",
    ),
)

BY_ID: dict[str, Programme] = {p.id: p for p in PROGRAMMES}


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
