"""Whose figure is it: places (province, district, the country) and parts of industry
(sub-sectors, components, handicraft) named by a document, and the project's province.

Administrative units. The 34 provinces since the merger of 1 July 2025 are those of the
``vietnam-provinces`` package; the 63 provinces before it, each with the unit it belongs to
since, and the districts the project needs are in ``admin_units.yaml`` beside this module.
Names are recognised as written, without diacritics and in capitals (the header of an
official document: "ỦY BAN NHÂN DÂN HUYỆN BÁT XÁT"). A region is written as its official
name: a province by its name ("Lào Cai", "Yên Bái"), a centrally-run city with its prefix ("Thành phố Hà Nội"), a district with its prefix
("Huyện Bảo Thắng", "Thị xã Sa Pa", "Thành phố Lào Cai": the city is not the province), the
country as "Việt Nam", and ``unknown`` when the text does not tell.

The project's province is set in ``project.yaml`` at the repository root (name, GSO code,
aliases); :func:`load_project` reads it.

Scopes
------
``total``; ``subsector:mining`` (khai khoáng, mining), ``subsector:manufacturing`` (chế
biến, chế tạo, processing and manufacturing), ``subsector:electricity`` (sản xuất và phân
phối điện, ngành điện, electricity), ``subsector:water`` (cung cấp nước, xử lý rác thải,
water supply); ``component:central`` (công nghiệp trung ương, khu vực kinh tế nhà nước trung ương: the
state sector named with its level is that level, not ``state``; centrally-managed),
``component:local`` (công nghiệp địa phương, local enterprises), ``component:fdi`` (khu vực
có vốn đầu tư nước ngoài, FDI, foreign-invested), ``component:state`` / ``component:non_state``
(khu vực nhà nước / ngoài nhà nước), ``component:domestic`` (khu vực kinh tế trong nước, the
domestic sector: state and non-state together, beside FDI); ``handicraft`` (the handicraft indicator); ``unknown``
for a part that has no name here (enterprises, plants, industrial parks).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from helpers.common import paths
from helpers.common.errors import UsageError, yaml_problem

from .index import scan_many

UNKNOWN = "unknown"
COUNTRY = "Việt Nam"
PROJECT_YAML = "project.yaml"
_DATA = Path(__file__).with_name("admin_units.yaml")


def strip_accents(text: str) -> str:
    """``text`` without Vietnamese diacritics ("Lào Cai" -> "Lao Cai", "Đắk" -> "Dak")."""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def _key(name: str) -> str:
    return re.sub(r"[\s\-'’]+", "", strip_accents(name).lower())


# =========================================================================== units
@dataclass(frozen=True)
class Unit:
    """An administrative unit: ``level`` is ``country``, ``province`` or ``district``;
    ``province`` is the province a district belongs to (its own name for a province);
    ``after_2025`` the province it belongs to since the merger of 1 July 2025."""

    name: str
    kind: str
    level: str
    province: str
    after_2025: str

    @property
    def official(self) -> str:
        """The region as written in the output ("Lào Cai", "Huyện Bảo Thắng", "Thành phố Hà Nội")."""
        if self.level == "country":
            return COUNTRY
        if self.level == "province":
            return self.name if self.kind == "tỉnh" else f"Thành phố {self.name}"
        return f"{self.kind[0].upper()}{self.kind[1:]} {self.name}"


@dataclass(frozen=True)
class Gazetteer:
    """The units known to the extractor."""

    provinces: tuple[Unit, ...]
    districts: tuple[Unit, ...]
    after_2025: tuple[str, ...]

    def province(self, name: str) -> Unit | None:
        """The province of a name written in any usual way ("Lào Cai", "lao cai",
        "tỉnh Lào Cai", "Lao Cai province"), else None."""
        k = _key(re.sub(r"(?i)^\s*(?:tỉnh|tinh|thành\s+phố|thanh\s+pho|tp\.?)\s+|\s+province\s*$", "", name))
        for u in self.provinces:
            if _key(u.name) == k:
                return u
        return None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The provinces before and after 2025 and the listed districts.

    The names of the 34 provinces since 2025 come from ``vietnam-provinces``; every
    ``after_2025`` of ``admin_units.yaml`` must be one of them.
    """
    from vietnam_provinces import Province

    after = tuple(sorted(p.name for p in Province.iter_all()))
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    provinces = []
    for p in data["provinces"]:
        if p["after_2025"] not in after:
            raise ValueError(f"{_DATA}: {p['name']}: {p['after_2025']!r} is not a province since 2025")
        provinces.append(Unit(p["name"], p["kind"], "province", p["name"], p["after_2025"]))
    known = {_key(u.name) for u in provinces}
    for p in Province.iter_all():  # a unit named only since 2025 ("Thành phố Huế")
        bare = re.sub(r"^Thành phố\s+", "", p.name)
        if _key(bare) not in known:
            kind = "thành phố" if bare != p.name else "tỉnh"
            provinces.append(Unit(bare, kind, "province", bare, p.name))
    by_name = {u.name: u for u in provinces}
    districts = []
    for prov, items in (data.get("districts") or {}).items():
        for d in items:
            districts.append(Unit(d["name"], d["kind"], "district", prov, by_name[prov].after_2025))
    return Gazetteer(tuple(provinces), tuple(districts), after)


# =========================================================================== project
@dataclass(frozen=True)
class Project:
    """The project's settings (``project.yaml``): its province and the other names of it."""

    province: str
    code: int | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def is_province(self, region: str) -> bool:
        """True when ``region`` is the project's province (not one of its districts)."""
        return _key(region) in {_key(self.province), *(_key(a) for a in self.aliases)}


def load_project(path: str | Path | None = None, region: str | None = None) -> Project:
    """Read the project's settings; ``region`` (``laocai extract --region``) overrides the
    province.

    Raises
    ------
    UsageError
        When the file is malformed or the province is not a known Vietnamese province.
    """
    path = Path(path) if path is not None else paths.ROOT / PROJECT_YAML
    data: dict = {}
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise UsageError(yaml_problem(path, exc)) from None
    prov = data.get("province") or {}
    if not isinstance(prov, dict):
        raise UsageError(f"{path}: 'province' must be a mapping with name, code and aliases")
    name = region if region is not None else prov.get("name")
    if not name:
        raise UsageError(f"{path}: no province name; set province.name (e.g. 'Lào Cai')")
    unit = gazetteer().province(str(name))
    if unit is None:
        where = "--region" if region is not None else f"{path}: province.name"
        raise UsageError(f"{where}: {name!r} is not a Vietnamese province; use its official name, e.g. 'Lào Cai'")
    aliases = tuple(str(a) for a in (prov.get("aliases") or [])) if region is None else ()
    aliases += (strip_accents(unit.name),)
    code = (
        prov.get("code")
        if region is None
        else next(
            (
                p.get("code")
                for p in yaml.safe_load(_DATA.read_text(encoding="utf-8"))["provinces"]
                if p["name"] == unit.name
            ),
            None,
        )
    )
    return Project(unit.name, int(code) if code is not None else None, aliases)


# =========================================================================== places in a text
@dataclass(frozen=True)
class Place:
    """A place named in a text: ``unit`` None for a reference ("toàn tỉnh" -> ``kind``
    ``province_ref``, "huyện" alone -> ``district_ref``) or a district not in the list
    (``name`` holds it then)."""

    start: int
    end: int
    kind: str  # unit, province_ref, district_ref, other_district
    unit: Unit | None = None
    name: str = ""


def _name_alt(name: str) -> str:
    # as written, without diacritics, and in the capitals of a document header ("HUYỆN BÁT XÁT")
    forms = {name, strip_accents(name), name.upper(), strip_accents(name).upper()}
    if " " in name:
        forms |= {strip_accents(name).replace(" ", "")}  # "Sapa", "Laocai"
    return "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms), key=len, reverse=True))


_NOT_AFTER = r"(?!\w)"
_UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_DISTRICT_PREFIX = r"(?i:huyện|thị\s+xã|thành\s+phố|tp\.?|quận|thị\s+trấn)"


@functools.lru_cache(maxsize=4)
def _place_rules(project: Project | None) -> list[tuple[re.Pattern, str, object]]:
    g = gazetteer()
    rules: list[tuple[re.Pattern, str, object]] = []
    # the country
    rules.append(
        (
            re.compile(
                r"(?i:cả\s+nước|toàn\s+quốc|nationwide|the\s+(?:whole\s+)?country(?:['’]s)?|vi[eệ]t\s*nam['’]s)"
                + _NOT_AFTER
            ),
            "unit",
            Unit("Việt Nam", "", "country", "", ""),
        )
    )
    # districts with their prefix ("huyện Bảo Thắng", "Bao Thang district", "Lao Cai city")
    for d in g.districts:
        alt = _name_alt(d.name)
        en = {"huyện": "district", "thị xã": "town", "thành phố": "city"}[d.kind]
        kind_vi = d.kind.replace(" ", r"\s+") if d.kind != "thành phố" else r"thành\s+phố|TP\.?"
        rules.append((re.compile(rf"(?i:{kind_vi})\s+(?:{alt}){_NOT_AFTER}"), "unit", d))
        if d.kind == "thành phố":  # "TP.Thái Nguyên", the abbreviation's dot without a space
            rules.append((re.compile(rf"(?i:TP)\.(?:{alt}){_NOT_AFTER}"), "unit", d))
        rules.append((re.compile(rf"(?:{alt})\s+(?i:{en}|township){_NOT_AFTER}"), "unit", d))
    # provinces with or without their prefix
    for p in g.provinces:
        alt = _name_alt(p.name)
        rules.append((re.compile(rf"(?i:tỉnh|province\s+of)\s+(?:{alt}){_NOT_AFTER}"), "unit", p))
        rules.append((re.compile(rf"(?:{alt})(?:\s+(?i:province))?(?:['’]s)?{_NOT_AFTER}"), "unit", p))
    if project is not None:
        unit = g.province(project.province)
        for alias in project.aliases:
            rules.append((re.compile(rf"{re.escape(alias)}(?:['’]s)?{_NOT_AFTER}"), "unit", unit))
    # districts of the project's province named bare ("Bảo Thắng dẫn đầu")
    own = g.province(project.province).name if project is not None else None
    provinces = {_key(p.name) for p in g.provinces}
    for d in g.districts:
        if d.province == own and _key(d.name) not in provinces:
            rules.append((re.compile(rf"(?:{_name_alt(d.name)}){_NOT_AFTER}"), "unit", d))
    # a district not listed ("huyện Mường Tè", "TP.Thái Nguyên")
    rules.append(
        (
            re.compile(
                rf"(?P<pre>{_DISTRICT_PREFIX})(?:[ \t]+|(?<=\.))(?P<name>{_UPPER}\w*(?:[ \t]+{_UPPER}\w*){{0,2}})"
            ),
            "other_district",
            None,
        )
    )
    # references to the document's province or district
    rules.append(
        (
            re.compile(
                r"(?i:toàn\s+tỉnh|cả\s+tỉnh|(?:trên\s+)?địa\s+bàn\s+tỉnh|của\s+tỉnh|tỉnh\s+(?:đã|đặt|phấn|tiếp|có)"
                r"|the\s+province(?:['’]s)?|provincial|whole\s+province)" + _NOT_AFTER
            ),
            "province_ref",
            None,
        )
    )
    rules.append((re.compile(r"(?i:(?<!\w)huyện|the\s+district(?:['’]s)?)" + _NOT_AFTER), "district_ref", None))
    return rules


def find_places(text: str, project: Project | None = None) -> list[Place]:
    """Every place named in ``text``, in text order, longest first where two overlap."""
    found: list[tuple[int, int, int, Place]] = []
    rules = _place_rules(project)
    for order, ((_, kind, unit), matches) in enumerate(zip(rules, scan_many([r[0] for r in rules], text))):
        for m in matches:
            if m.start() > 0 and (text[m.start() - 1].isalnum()):
                continue
            if kind == "other_district":
                pre = m.group("pre").lower()
                pre = "thành phố" if pre.startswith("tp") else re.sub(r"\s+", " ", pre)
                bare = m.group("name")
                bare = bare.title() if bare.isupper() else bare  # "HUYỆN MƯỜNG TÈ" in a header
                name = f"{pre[0].upper()}{pre[1:]} {bare}"
                place = Place(m.start(), m.end(), kind, None, name)
            else:
                place = Place(m.start(), m.end(), kind, unit)
            found.append((m.start(), -(m.end() - m.start()), kind == "other_district", order, place))
    found.sort(key=lambda t: t[:4])
    out: list[Place] = []
    last_end = -1
    for s, _, _, _, p in found:
        if s >= last_end:
            out.append(p)
            last_end = p.end
    return out


# =========================================================================== scopes
_SCOPE_RULES: list[tuple[str, str]] = [
    (
        "subsector:water",
        r"cung\s+cấp\s+nước|phân\s+phối\s+nước|xử\s+lý\s+rác\s+thải|nước\s+thải|water\s+(?:exploitation\s+and\s+)?supply"
        r"|waste\s+(?:treatment|management)",
    ),
    (
        "subsector:electricity",
        r"(?:sản\s+xuất\s+(?:và\s+|,\s*)?)?(?:truyền\s+tải\s+(?:và\s+)?)?phân\s+phối\s+điện|ngành\s+điện|sản\s+xuất\s+điện"
        r"|th[uủ][ỷy]\s+điện|electricity(?:\s+(?:production|generation))?|hydropower"
        r"|power\s+(?:generation|sector|production(?:\s+and\s+distribution)?)",
    ),
    (
        "subsector:mining",
        r"khai\s+khoáng|khai\s+thác\s+(?:mỏ|khoáng\s+sản)|công\s+nghiệp\s+khai\s+thác(?!\s+(?:du\s+lịch|thị\s+trường))"
        r"|mining(?:\s+(?:and\s+quarrying|sector))?|(?:mineral\s+)?exploitation\s+industr(?:y|ies)"
        r"|extractive\s+(?:industr(?:y|ies)|sector)",
    ),
    (
        "subsector:manufacturing",
        r"chế\s+biến\s*(?:,|và)?\s*chế\s+tạo|công\s+nghiệp\s+chế\s+biến|chế\s+tạo"
        r"|(?:processing\s+and\s+)?manufacturing|processing\s+industr(?:y|ies)",
    ),
    (
        "component:fdi",
        r"(?:(?:khu\s+vực|doanh\s+nghiệp)\s+(?:kinh\s+tế\s+)?)?(?:\bFDI\b|(?:có\s+)?vốn\s+đầu\s+tư\s+(?:trực\s+tiếp\s+)?nước\s+ngoài|foreign[-\s]invested|foreign\s+direct\s+investment)"
        r"(?:\s+(?:enterprises|firms|companies|sector))?",
    ),
    (
        "component:central",
        r"(?:(?:khu\s+vực\s+)?(?:kinh\s+tế\s+)?nhà\s+nước|công\s+nghiệp|doanh\s+nghiệp|khu\s+vực|sản\s+xuất|\bTTCN|\bCN)"
        r"\s+trung\s+ương"
        r"|trung\s+ương\s+quản\s+lý"
        r"|central(?:ly)?[-\s]+(?:managed|run|owned)|central\s+(?:state|government|industr(?:y|ies))",
    ),
    (
        "component:local",
        r"(?:(?:khu\s+vực\s+)?(?:kinh\s+tế\s+)?nhà\s+nước|công\s+nghiệp|doanh\s+nghiệp|khu\s+vực|\bTTCN|\bCN)\s+địa\s+phương"
        r"|địa\s+phương\s+quản\s+lý"
        r"|local(?:ly)?[-\s]+(?:managed|run|owned)|local\s+(?:enterprises|industry|firms|state)",
    ),
    (
        "component:non_state",
        r"(?:khu\s+vực\s+)?ngoài\s+(?:nhà\s+nước|quốc\s+doanh)|non[-\s]state(?:[-\s]owned)?(?:\s+(?:economic\s+)?(?:sector|enterprises|businesses))?"
        r"|private\s+(?:economic\s+)?sector",
    ),
    (
        "component:domestic",
        # not the domestic market ("tiêu thụ ở khu vực trong nước", "bán ra khu vực trong nước")
        r"(?<!ở\s)(?<!tại\s)(?<!cho\s)(?<!vào\s)(?<!ra\s)(?<!thụ\s)khu\s+vực\s+(?:kinh\s+tế\s+)?trong\s+nước"
        r"|domestic(?:ally[-\s]owned|[-\s]invested)?(?:\s+economic)?\s+sector",
    ),
    (
        "component:state",
        r"khu\s+vực\s+(?:kinh\s+tế\s+)?nhà\s+nước(?!\s+(?:trung\s+ương|địa\s+phương))|state\s+(?:economic\s+)?sector|state[-\s]owned(?:\s+(?:economic\s+)?(?:sector|enterprises|businesses))?"
        r"|(?<!ngoài\s)(?:công\s+nghiệp|khu\s+vực|kinh\s+tế|doanh\s+nghiệp)\s+quốc\s+doanh",
    ),
    (
        UNKNOWN,
        r"doanh\s+nghiệp|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|khu\s+kinh\s+tế|làng\s+nghề|\b(?-i:KCN|CCN|KKT)\b"
        r"|\benterprises?\b|\bfirms?\b|industrial\s+(?:parks?|zones?|clusters?)",
    ),
]
#: The scopes a figure may have (the module's docstring): what a cited figure may be given.
SCOPES: tuple[str, ...] = ("total", *(k for k, _ in _SCOPE_RULES if k != UNKNOWN), "handicraft")
SCOPE_RE = re.compile("|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(_SCOPE_RULES)), re.I)

# an aside inside the subject ("Lai Châu, với thế mạnh thủy điện, đạt ..."): its words name
# no part of the figure
_ASIDE = re.compile(
    r"^\s*(?:với|nhờ|do|dù|mặc\s+dù|bất\s+chấp|chủ\s+yếu|home\s+to|with|thanks\s+to|despite|although|mostly|mainly)"
    r"(?!\w)",
    re.I,
)


def scope_in(text: str, lo: int, hi: int) -> tuple[str, int] | None:
    """The last part of industry named in ``text[lo:hi]`` outside closed parentheses and asides,
    as (scope, position); a named part (sub-sector, component) wins over an unnamed one
    (enterprises, plants). A bracket that opens before ``hi`` and is not closed holds the
    figure itself ("(trong đó, công nghiệp địa phương đạt 12,3 nghìn tỷ đồng"): its words count."""
    piece = text[lo:hi]
    blanks = [False] * len(piece)
    for m in re.finditer(r"\([^()]*\)", piece):  # a bracket still open at ``hi`` holds the figure: its words count
        for i in range(m.start(), m.end()):
            blanks[i] = True
    pos = 0
    for part in re.split(r"([,;])", piece):
        if part not in (",", ";") and _ASIDE.match(part) and pos > 0:
            for i in range(pos, pos + len(part)):
                blanks[i] = True
        pos += len(part)
    named, unnamed = None, None
    for m in SCOPE_RE.finditer(piece):
        if any(blanks[m.start() : m.end()]):
            continue
        scope = _SCOPE_RULES[int(m.lastgroup[1:])][0]
        if scope == UNKNOWN:
            unnamed = (scope, lo + m.start())
        else:
            named = (scope, lo + m.start())
    return named or unnamed


def region_of(place: Place, doc_subject: Unit | None, doc_district: Unit | None) -> Unit | str | None:
    """The unit a place stands for: references resolve to the document's province or
    district; a district not listed gives its name."""
    if place.kind == "unit":
        return place.unit
    if place.kind == "other_district":
        return place.name
    if place.kind == "province_ref":
        if doc_subject is None:
            return None
        if doc_subject.level == "district":
            return gazetteer().province(doc_subject.province)
        return doc_subject if doc_subject.level == "province" else None
    if place.kind == "district_ref":
        return doc_district
    return None
