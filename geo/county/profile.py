"""The header facts of one county: where it is, its poverty-list entry, pairings, relocation sites.

Everything is derived from the curated tables (``geo.data``); missing facts read "暂无数据".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.facts import EVIDENCE_LABELS
from geo.relocation.labels import people_label

NO_DATA = "暂无数据"
MUNICIPALITIES = {"11", "12", "31", "50"}
NO_REGION = {"71", "81", "82"}  # 台湾、香港、澳门: no county facts in the data
# 国家统计局 东/中/西部 (the 832 list's ``region`` column agrees for every listed province).
REGIONS = {
    **dict.fromkeys(("11", "12", "13", "21", "31", "32", "33", "35", "37", "44", "46"), "东部"),
    **dict.fromkeys(("14", "22", "23", "34", "36", "41", "42", "43"), "中部"),
    **dict.fromkeys(("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"), "西部"),
}
VIA_LABELS = {"county": "本县", "prefecture": "所在地市", "province": "所在省份"}
ROLE_LABELS = {"recipient": "受援", "helper": "帮扶"}
KEY_COUNTY_NOTES = {"yes": "（2012年国家扶贫开发工作重点县）", "no": "（非2012年重点县）"}


@dataclass(frozen=True)
class PairingLink:
    """One pairing that covers the county, seen from the county."""

    pair_id: str
    period: str
    role: str  # recipient | helper
    via: str  # county | prefecture | province: which unit of the county is named in the pair
    unit: str  # that unit's name
    partner: str
    source: str

    @property
    def text(self) -> str:
        arrow = f"{self.partner} → {self.unit}" if self.role == "recipient" else f"{self.unit} → {self.partner}"
        return f"{self.period}年 · {ROLE_LABELS[self.role]} · {arrow}（{VIA_LABELS[self.via]}结对）"


@dataclass(frozen=True)
class Site:
    name: str
    people: str
    year: str
    source: str


@dataclass(frozen=True)
class CountyProfile:
    adcode: str
    name: str
    prefecture: str
    province: str
    region: str
    poverty: bool
    listed_name: str  # the name in the 832 list when it differs (e.g. 冷湖行委), else ""
    exit_year: int | None
    contiguous_area: str
    area_evidence: str
    sanqu_sanzhou: bool | None
    key_county_2012: str
    pairings: tuple[PairingLink, ...]
    sites: tuple[Site, ...]

    @property
    def prefecture_label(self) -> str:
        if self.prefecture:
            return self.prefecture
        if self.adcode[:2] in MUNICIPALITIES:
            return "直辖市辖区（县）"
        return NO_DATA if self.adcode[:2] in NO_REGION else "省直辖"


def region_of(adcode: str) -> str:
    return REGIONS.get(adcode[:2], NO_DATA)


def _join(*parts: str) -> str:
    """Concatenate place names, dropping blanks and repeats (北京市 北京市 朝阳区 → 北京市朝阳区)."""
    return "".join(dict.fromkeys(p for p in parts if p))


def pairing_links(adcode: str, names: dict[str, str], pairings: pd.DataFrame) -> tuple[PairingLink, ...]:
    """Pairings naming the county, its prefecture or its province, as helper or recipient.

    ``names`` gives the county's units: ``{"county": …, "prefecture": …, "province": …}``.
    """
    units = {"county": adcode, "prefecture": adcode[:4] + "00", "province": adcode[:2] + "0000"}
    links = []
    for row in pairings.itertuples(index=False):
        for role, code, partner in (
            ("recipient", row.recipient_adcode, _join(row.helper_province, row.helper_city, row.helper_county)),
            (
                "helper",
                row.helper_adcode,
                _join(row.recipient_province, row.recipient_prefecture, row.recipient_county),
            ),
        ):
            for via, unit_code in units.items():
                if code == unit_code:
                    links.append(
                        PairingLink(
                            pair_id=row.pair_id,
                            period=str(row.period),
                            role=role,
                            via=via,
                            unit=names.get(via) or unit_code,
                            partner=partner,
                            source=row.source,
                        )
                    )
    order = {"county": 0, "prefecture": 1, "province": 2}
    return tuple(sorted(links, key=lambda link: (link.period, order[link.via], link.role, link.pair_id)))


def relocation_sites_in(adcode: str, sites: pd.DataFrame) -> tuple[Site, ...]:
    """Named relocation sites placed in the county (not those only known at prefecture level)."""
    rows = sites[sites["adcode"] == adcode]
    return tuple(
        Site(
            name=row.site_name,
            people=people_label(pd.to_numeric(row.people, errors="coerce"), row.people_qualifier),
            year=str(int(row.year)) if pd.notna(row.year) else "",
            source=row.source,
        )
        for row in rows.itertuples(index=False)
    )


def build_profile(
    adcode: str,
    polygons: pd.DataFrame,
    poverty: pd.DataFrame,
    pairings: pd.DataFrame,
    sites: pd.DataFrame,
) -> CountyProfile | None:
    """The profile of the county drawn by polygon ``adcode``; None for an unknown code."""
    match = polygons[polygons["adcode"] == adcode]
    if match.empty:
        return None
    place = match.iloc[0]
    listed = poverty[poverty["polygon_adcode"] == adcode]
    own = listed[listed["adcode"] == adcode]
    row = (own if not own.empty else listed).iloc[0] if not listed.empty else None
    prefecture = place["prefecture"] or ""
    names = {"county": place["name"], "prefecture": prefecture or place["province"], "province": place["province"]}
    return CountyProfile(
        adcode=adcode,
        name=place["name"],
        prefecture=prefecture,
        province=place["province"],
        region=f"{row.region}部" if row is not None and row.region else region_of(adcode),
        poverty=row is not None,
        listed_name="、".join(n for n in listed["name"] if n != place["name"]),
        exit_year=int(row.exit_year) if row is not None and pd.notna(row.exit_year) else None,
        contiguous_area=row.contiguous_area if row is not None else "",
        area_evidence=row.area_evidence if row is not None else "",
        sanqu_sanzhou=bool(row.sanqu_sanzhou) if row is not None else None,
        key_county_2012=row.key_county_2012 if row is not None else "",
        pairings=pairing_links(adcode, names, pairings),
        sites=relocation_sites_in(adcode, sites),
    )


def header_facts(profile: CountyProfile) -> dict[str, str]:
    """Label → text of the header facts, "暂无数据" where a fact is missing."""
    if profile.poverty:
        status = "国家贫困县" + KEY_COUNTY_NOTES.get(profile.key_county_2012, "")
        if profile.listed_name:
            status += f"；名单中为{profile.listed_name}"
        exit_text = f"{profile.exit_year}年" if profile.exit_year else NO_DATA
        if profile.contiguous_area:
            evidence = EVIDENCE_LABELS.get(profile.area_evidence, NO_DATA)
            area = f"{profile.contiguous_area}（归属依据：{evidence}）"
        else:
            area = "不属于14个片区"
        sanqu = "是" if profile.sanqu_sanzhou else "否"
    else:
        status = "非国家贫困县"
        exit_text = "不适用（非国家贫困县）"
        area = "不适用（非国家贫困县）"
        sanqu = "否"
    return {
        "区划代码": profile.adcode,
        "地市": profile.prefecture_label,
        "省份": profile.province,
        "地区": profile.region,
        "贫困县身份": status,
        "摘帽年份": exit_text,
        "集中连片特困地区": area,
        "三区三州": sanqu,
    }


def pairings_table(profile: CountyProfile) -> pd.DataFrame:
    columns = ["时期", "角色", "结对层级", "本方", "对方", "来源"]
    rows = [
        [f"{p.period}年", ROLE_LABELS[p.role], VIA_LABELS[p.via], p.unit, p.partner, p.source] for p in profile.pairings
    ]
    return pd.DataFrame(rows, columns=columns)


def sites_table(profile: CountyProfile) -> pd.DataFrame:
    rows = [[s.name, s.people, s.year or NO_DATA, s.source] for s in profile.sites]
    return pd.DataFrame(rows, columns=["安置点", "搬迁人数", "年份", "来源"])


def long_table(adcode: str, stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The county's statistics as a long table with Chinese labels (for CSV/XLSX download)."""
    rows = stats[stats["adcode"] == adcode]
    labels = indicators.set_index("indicator")["label_zh"]
    out = pd.DataFrame(
        {
            "区划代码": rows["adcode"],
            "年份": rows["year"],
            "指标": rows["indicator"].map(labels).fillna(rows["indicator"]),
            "指标代码": rows["indicator"],
            "数值": rows["value"],
            "单位": rows["unit"],
            "来源": rows["source"],
        }
    )
    return out.sort_values(["指标代码", "年份"]).reset_index(drop=True)
