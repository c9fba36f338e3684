"""The long-running pairs the seed texts describe (闽宁, 沪滇, 苏陕, 青岛–安顺): notes, short names, a table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PairNote:
    """A long-running pair described in the seed texts (paraphrased, with line citations)."""

    name: str
    helper_prefix: str  # code prefix of the helper side (province "35", city "3702")
    recipient_prefix: str
    text: str
    citation: str


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
    return "、".join(n.name.split("（")[0] for n in notes_for(helper_adcode, recipient_adcode))


def notes_table() -> pd.DataFrame:
    """The notable pairs as a small table (名称, 说明, 出处)."""
    return pd.DataFrame(
        {
            "名称": [n.name for n in NOTABLE_PAIRS],
            "说明": [n.text for n in NOTABLE_PAIRS],
            "出处（种子文献）": [n.citation for n in NOTABLE_PAIRS],
        }
    )
