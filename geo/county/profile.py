"""The header facts of one county: where it is, its poverty-list entry, pairings, relocation sites.

Everything is derived from the curated tables (``geo.data``); missing facts read "暂无数据".
The profile itself holds data (Chinese names, codes); its texts (:func:`header_facts`,
:attr:`PairingLink.text`, the tables) are written in the current language when asked for,
with place names through :func:`geo.i18n.place`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.county.charts import label_column
from geo.facts import evidence_label
from geo.i18n import place, t, unit
from geo.pairing.endpoints import place_names
from geo.relocation.labels import people_label

MUNICIPALITIES = {"11", "12", "31", "50"}
NO_REGION = {"71", "81", "82"}  # 台湾、香港、澳门: no county facts in the data
# 国家统计局 东/中/西部 (the 832 list's ``region`` column agrees for every listed province).
REGIONS = {
    **dict.fromkeys(("11", "12", "13", "21", "31", "32", "33", "35", "37", "44", "46"), "东部"),  # i18n: data
    **dict.fromkeys(("14", "22", "23", "34", "36", "41", "42", "43"), "中部"),  # i18n: data
    **dict.fromkeys(("15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"), "西部"),  # i18n: data
}
#: Region (as the data writes it) → catalogue key of its label.
REGION_KEYS = {"东部": "overview.region_east", "中部": "overview.region_central", "西部": "overview.region_west"}
#: Which unit of the county a pair names → catalogue key (本县 / 所在地市 / 所在省份).
VIA_KEYS = {"county": "county.via_county", "prefecture": "county.via_prefecture", "province": "county.via_province"}
ROLE_KEYS = {"recipient": "county.role_recipient", "helper": "county.role_helper"}
KEY_COUNTY_KEYS = {"yes": "county.key_county_2012", "no": "county.not_key_county_2012"}
#: The header facts in order: id → catalogue key of the label.
FACT_KEYS = {
    "adcode": "table.adcode",
    "prefecture": "table.prefecture",
    "province": "table.province",
    "region": "overview.fact_region",
    "status": "county.fact_status",
    "exit_year": "table.exit_year",
    "area": "county.fact_area",
    "sanqu_sanzhou": "table.sanqu_sanzhou",
}


@dataclass(frozen=True)
class PairingLink:
    """One pairing that covers the county, seen from the county."""

    pair_id: str
    period: str
    role: str  # recipient | helper
    via: str  # county | prefecture | province: which unit of the county is named in the pair
    unit: str  # that unit's name
    partner: str  # the other side's full name (北京市朝阳区)
    source: str
    partner_parts: tuple[str, ...] = ()  # the parts of ``partner`` (province, city, county)

    @property
    def partner_label(self) -> str:
        """The other side as shown (pinyin added in English)."""
        return place_names(*self.partner_parts) if self.partner_parts else place(self.partner)

    @property
    def text(self) -> str:
        unit_label = place(self.unit)
        arrow = (
            f"{self.partner_label} → {unit_label}"
            if self.role == "recipient"
            else f"{unit_label} → {self.partner_label}"
        )
        return t(
            "county.pairing_link",
            period=self.period,
            role=t(ROLE_KEYS[self.role]),
            arrow=arrow,
            via=t(VIA_KEYS[self.via]),
        )


@dataclass(frozen=True)
class Site:
    name: str
    people: str  # the figure with what it is, in the language the profile was built in
    year: str
    source: str


@dataclass(frozen=True)
class CountyProfile:
    adcode: str
    name: str
    prefecture: str
    province: str
    region: str  # 东部 / 中部 / 西部 as the data writes it, "" when unknown
    poverty: bool
    listed_names: tuple[str, ...]  # the names in the 832 list when they differ (e.g. 冷湖行委)
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
            return place(self.prefecture)
        if self.adcode[:2] in MUNICIPALITIES:
            return t("county.municipality_district")
        return t("common.no_data") if self.adcode[:2] in NO_REGION else t("county.province_administered")


def region_of(adcode: str) -> str:
    """东部 / 中部 / 西部 (as the data writes regions) of a county code; "" when unknown."""
    return REGIONS.get(adcode[:2], "")


def region_label(region: str) -> str:
    """A region in the current language; "暂无数据" when unknown."""
    return t(REGION_KEYS[region]) if region in REGION_KEYS else t("common.no_data")


def _parts(*parts: str) -> tuple[str, ...]:
    """Place names without blanks and repeats (北京市 北京市 朝阳区 → 北京市, 朝阳区)."""
    return tuple(dict.fromkeys(p for p in parts if p))


def pairing_links(adcode: str, names: dict[str, str], pairings: pd.DataFrame) -> tuple[PairingLink, ...]:
    """Pairings naming the county, its prefecture or its province, as helper or recipient.

    ``names`` gives the county's units: ``{"county": …, "prefecture": …, "province": …}``.
    """
    units = {"county": adcode, "prefecture": adcode[:4] + "00", "province": adcode[:2] + "0000"}
    links = []
    for row in pairings.itertuples(index=False):
        for role, code, partner in (
            ("recipient", row.recipient_adcode, _parts(row.helper_province, row.helper_city, row.helper_county)),
            (
                "helper",
                row.helper_adcode,
                _parts(row.recipient_province, row.recipient_prefecture, row.recipient_county),
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
                            partner="".join(partner),
                            source=row.source,
                            partner_parts=partner,
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
    where = match.iloc[0]
    listed = poverty[poverty["polygon_adcode"] == adcode]
    own = listed[listed["adcode"] == adcode]
    row = (own if not own.empty else listed).iloc[0] if not listed.empty else None
    prefecture = where["prefecture"] or ""
    names = {"county": where["name"], "prefecture": prefecture or where["province"], "province": where["province"]}
    return CountyProfile(
        adcode=adcode,
        name=where["name"],
        prefecture=prefecture,
        province=where["province"],
        region=f"{row.region}部" if row is not None and row.region else region_of(adcode),  # i18n: data
        poverty=row is not None,
        listed_names=tuple(n for n in listed["name"] if n != where["name"]),
        exit_year=int(row.exit_year) if row is not None and pd.notna(row.exit_year) else None,
        contiguous_area=row.contiguous_area if row is not None else "",
        area_evidence=row.area_evidence if row is not None else "",
        sanqu_sanzhou=bool(row.sanqu_sanzhou) if row is not None else None,
        key_county_2012=row.key_county_2012 if row is not None else "",
        pairings=pairing_links(adcode, names, pairings),
        sites=relocation_sites_in(adcode, sites),
    )


def fact_values(profile: CountyProfile) -> dict[str, str]:
    """Fact id (:data:`FACT_KEYS`) → text in the current language, "暂无数据" where a fact is missing."""
    no_data = t("common.no_data")
    if profile.poverty:
        status = t("county.status_poverty")
        if profile.key_county_2012 in KEY_COUNTY_KEYS:
            status += t(KEY_COUNTY_KEYS[profile.key_county_2012])
        if profile.listed_names:
            names = t("common.list_separator").join(place(n) for n in profile.listed_names)
            status += t("county.listed_as", names=names)
        exit_text = t("common.year", year=profile.exit_year) if profile.exit_year else no_data
        if profile.contiguous_area:
            evidence = evidence_label(profile.area_evidence, no_data)
            area = t("county.area_with_evidence", area=place(profile.contiguous_area), evidence=evidence)
        else:
            area = t("overview.fact_no_area")
        sanqu = t("common.yes") if profile.sanqu_sanzhou else t("common.no")
    else:
        status = t("county.status_not_poverty")
        exit_text = t("county.not_applicable_not_poverty")
        area = t("county.not_applicable_not_poverty")
        sanqu = t("common.no")
    return {
        "adcode": profile.adcode,
        "prefecture": profile.prefecture_label,
        "province": place(profile.province),
        "region": region_label(profile.region),
        "status": status,
        "exit_year": exit_text,
        "area": area,
        "sanqu_sanzhou": sanqu,
    }


def header_facts(profile: CountyProfile) -> dict[str, str]:
    """Label → text of the header facts (current language), "暂无数据" where a fact is missing."""
    return {t(FACT_KEYS[fact]): value for fact, value in fact_values(profile).items()}


PAIRING_COLUMNS = ("pairing.period", "county.role", "county.via", "county.own_side", "county.partner", "table.source")


def pairings_table(profile: CountyProfile) -> pd.DataFrame:
    rows = [
        [
            t("common.year", year=p.period),
            t(ROLE_KEYS[p.role]),
            t(VIA_KEYS[p.via]),
            place(p.unit),
            p.partner_label,
            p.source,
        ]
        for p in profile.pairings
    ]
    return pd.DataFrame(rows, columns=[t(key) for key in PAIRING_COLUMNS])


SITE_COLUMNS = ("relocation.site", "relocation.people", "table.year", "table.source")


def sites_table(profile: CountyProfile) -> pd.DataFrame:
    rows = [[s.name, s.people, s.year or t("common.no_data"), s.source] for s in profile.sites]
    return pd.DataFrame(rows, columns=[t(key) for key in SITE_COLUMNS])


def long_table(adcode: str, stats: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The county's statistics as a long table, labels and headers in the current language (for download)."""
    rows = stats[stats["adcode"] == adcode].sort_values(["indicator", "year"])
    labels = indicators.set_index("indicator")[label_column()]
    out = pd.DataFrame(
        {
            t("table.adcode"): rows["adcode"],
            t("table.year"): rows["year"],
            t("table.indicator"): rows["indicator"].map(labels).fillna(rows["indicator"]),
            t("county.indicator_code"): rows["indicator"],
            t("table.value"): rows["value"],
            t("table.unit"): rows["unit"].map(unit),
            t("table.source"): rows["source"],
        }
    )
    return out.reset_index(drop=True)
