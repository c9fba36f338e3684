"""The long-running pairs the seed texts describe (闽宁, 沪滇, 苏陕, 青岛–安顺): notes, short names, a table.

Each note is a Chinese paraphrase of the seed text with an English translation of that
paraphrase beside it (``name_en``, ``text_en``: the same facts and figures, 万 and 亿 written
out); :attr:`PairNote.name` and :attr:`PairNote.text` pick the current language.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.i18n import current_language, t


@dataclass(frozen=True)
class PairNote:
    """A long-running pair described in the seed texts (paraphrased, with line citations)."""

    name_zh: str
    helper_prefix: str  # code prefix of the helper side (province "35", city "3702")
    recipient_prefix: str
    text_zh: str
    citation: str
    name_en: str
    text_en: str

    @property
    def name(self) -> str:
        """``闽宁（福建 → 宁夏）`` / ``Min–Ning (Fujian → Ningxia)``."""
        return self.name_zh if current_language() == "zh" else self.name_en

    @property
    def short_name(self) -> str:
        """The name without the direction: ``闽宁`` / ``Min–Ning``."""
        return self.name_zh.split("（")[0] if current_language() == "zh" else self.name_en.split(" (")[0]

    @property
    def text(self) -> str:
        return self.text_zh if current_language() == "zh" else self.text_en

    @property
    def citation_text(self) -> str:
        """The line citation as shown (``；`` between documents becomes ``; `` in English)."""
        return self.citation if current_language() == "zh" else self.citation.replace("；", "; ")


NOTABLE_PAIRS: tuple[PairNote, ...] = (
    PairNote(
        "闽宁（福建 → 宁夏）",
        "35",
        "64",
        "1996年中央确定福建对口帮扶宁夏；同年10月成立以习近平为组长的福建省对口帮扶宁夏领导小组，"
        "福建沿海8个县（市、区）结对宁夏8个贫困县，并建设闽宁村。后来福建6个市的9个县（市）对口宁夏8个贫困县"
        "和红寺堡区，64个乡镇、34个村及80多个部门和单位结对；4万多福建人在宁夏创业，4万多宁夏贫困人口在福建稳定就业；"
        "联席会议每年召开，形成“联席推进、结对帮扶、产业带动、互学互助、社会参与”的机制。"
        "闽宁镇（永宁县，西海固移民开发区）人口由初期8000多人增至6万多人，人均纯收入由500元增至2015年底的10300元以上。",
        "004:L1248–1252；003:L1223–1236",
        "Min–Ning (Fujian → Ningxia)",
        "In 1996 the central government assigned Fujian to assist Ningxia; in October that year Fujian set up a "
        "leading group for its assistance to Ningxia, headed by Xi Jinping, paired 8 coastal counties (cities, "
        "districts) of Fujian with 8 poor counties of Ningxia and built Minning Village. Later 9 counties "
        "(cities) in 6 cities of Fujian were paired with 8 poor counties of Ningxia and Hongsibu District, and 64"
        " townships, 34 villages and more than 80 departments and organisations formed pairs; more than 40,000 "
        "people from Fujian started businesses in Ningxia, and more than 40,000 poor people from Ningxia found "
        "stable jobs in Fujian; a joint conference meets every year, forming a mechanism of “joint-conference "
        "steering, paired assistance, industry-led growth, mutual learning and help, and social participation”. "
        "The population of Minning Town (Yongning County, the Xihaigu resettlement development zone) grew from "
        "just over 8,000 at the start to more than 60,000, and per-capita net income from 500 yuan to over 10,300"
        " yuan by the end of 2015.",
    ),
    PairNote(
        "沪滇（上海 → 云南）",
        "31",
        "53",
        "1996年起上海对口帮扶云南，重点援助文山、红河、普洱、迪庆4个州市，上海14个区结对云南26个重点县。"
        "到2016年累计投入援助资金38.1亿元、实施帮扶项目近8000项，九成资金投向县以下；派出1300多名教师支教，"
        "培训当地教师10万多人次；上海28家三甲医院与云南28家州市、县级医院共建；沪滇经济合作项目近2000个、"
        "到位资金646亿元；在沪设立“云品中心”，对接采购商近500家、云南企业和合作社近千家。",
        "004:L1271–1278",
        "Hu–Dian (Shanghai → Yunnan)",
        "From 1996 Shanghai assisted Yunnan, focusing on four prefectures and cities: Wenshan, Honghe, Pu'er and "
        "Diqing; 14 districts of Shanghai were paired with 26 key counties of Yunnan. By 2016 Shanghai had put in"
        " 3.81 billion yuan of assistance and carried out nearly 8,000 projects, nine-tenths of the funds going "
        "below county level; it sent more than 1,300 teachers and trained local teachers more than 100,000 times "
        "(person-times); 28 top-grade (grade 3A) hospitals in Shanghai partnered with 28 prefecture, city and "
        "county hospitals in Yunnan; Shanghai–Yunnan economic cooperation counted nearly 2,000 projects with 64.6"
        " billion yuan invested; a “Yunnan Products Centre” set up in Shanghai connected nearly 500 buyers with "
        "nearly a thousand Yunnan companies and cooperatives.",
    ),
    PairNote(
        "苏陕（江苏 → 陕西）",
        "32",
        "61",
        "1996年中央确定江苏与陕西开展对口扶贫协作；经多次调整，江苏10个设区市的51个县（市、区）与陕西9个设区市的"
        "56个县（区）结对。资金由省、市、县三级统筹：省财政每年1000万元，市、县每年分别100万元和30万元；"
        "截至2015年底无偿援助资金64415万元、社会捐赠7756.4万元、捐赠物资折价34402.35万元，项目3082个。"
        "无锡帮助延安万花山乡尚和年村发展大棚、援建子长县蚕桑基地；苏州、无锡、南通开展教育帮扶；1997年起连年参加“西洽会”。",
        "004:L1258–1267",
        "Su–Shaan (Jiangsu → Shaanxi)",
        "In 1996 the central government assigned Jiangsu and Shaanxi to poverty-relief cooperation; after several"
        " adjustments, 51 counties (cities, districts) of 10 Jiangsu cities were paired with 56 counties "
        "(districts) of 9 Shaanxi cities. Funds are pooled at three levels: 10 million yuan a year from the "
        "provincial budget, and 1 million and 300,000 yuan a year from each city and each county respectively; by"
        " the end of 2015 there had been 644.15 million yuan of grant aid, 77.564 million yuan of social "
        "donations and donated goods worth 344.0235 million yuan, in 3,082 projects. Wuxi helped Shanghenian "
        "Village in Wanhuashan Township, Yan'an, develop greenhouses and built a sericulture base in Zichang "
        "County; Suzhou, Wuxi and Nantong gave education assistance; from 1997 Jiangsu took part every year in "
        "the Western China International Fair for Investment and Trade.",
    ),
    PairNote(
        "青岛–安顺（青岛 → 安顺）",
        "3702",
        "5204",
        "1996年中央确定青岛对口帮扶贵州安顺市和铜仁地区，2013年新一轮对口帮扶改为青岛一对一帮扶安顺，"
        "青岛各区市结对安顺区县。2013年以来安排帮扶资金1.2亿元、募集社会资金物资4500余万元，"
        "结对16个贫困村（贫困人口6566人、受益3.03万人）；在平坝、关岭、西秀等地引进农业项目，援建学校和职业教育；"
        "青岛出资5亿元共建产业园（7万余平方米，7家企业入驻、签约3.55亿元）；互派干部81名，派出支教教师300名。",
        "004:L1883–1895",
        "Qingdao–Anshun (Qingdao → Anshun)",
        "In 1996 the central government assigned Qingdao to assist Anshun City and Tongren Prefecture in Guizhou;"
        " in the new round of 2013 this became one-to-one assistance from Qingdao to Anshun, with Qingdao's "
        "districts and cities paired with Anshun's districts and counties. Since 2013 Qingdao has allocated 120 "
        "million yuan of assistance and raised more than 45 million yuan in social funds and goods, and paired "
        "with 16 poor villages (6,566 poor people; 30,300 beneficiaries); it brought agricultural projects to "
        "Pingba, Guanling, Xixiu and other places and helped build schools and vocational education; Qingdao put "
        "500 million yuan into a jointly built industrial park (more than 70,000 m², 7 companies settled, 355 "
        "million yuan in signed contracts); the two sides exchanged 81 officials, and Qingdao sent 300 teachers.",
    ),
)


def notes_for(helper_adcode: str, recipient_adcode: str) -> tuple[PairNote, ...]:
    """The notable-pair notes that apply to a helper/recipient pair (by code prefix)."""
    return tuple(
        n
        for n in NOTABLE_PAIRS
        if helper_adcode.startswith(n.helper_prefix) and recipient_adcode.startswith(n.recipient_prefix)
    )


def notable_name(helper_adcode: str, recipient_adcode: str) -> str:
    """Short name(s) of the notable pairs a pair belongs to, '' when none."""
    return t("common.list_separator").join(n.short_name for n in notes_for(helper_adcode, recipient_adcode))


def notes_table() -> pd.DataFrame:
    """The notable pairs as a small table (名称, 说明, 出处)."""
    return pd.DataFrame(
        {
            t("pairing.notes_name"): [n.name for n in NOTABLE_PAIRS],
            t("pairing.notes_text"): [n.text for n in NOTABLE_PAIRS],
            t("pairing.notes_citation"): [n.citation_text for n in NOTABLE_PAIRS],
        }
    )
