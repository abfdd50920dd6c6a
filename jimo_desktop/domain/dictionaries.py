"""Default dictionaries seeded on a new database; officers edit them in 设置 afterwards."""

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitSeed:
    name: str
    kind: str  # street, town or zone
    aliases: tuple[str, ...] = ()


DEFAULT_UNITS = (
    UnitSeed("通济街道", "street"),
    UnitSeed("环秀街道", "street"),
    UnitSeed("潮海街道", "street"),
    UnitSeed("北安街道", "street"),
    UnitSeed("龙山街道", "street"),
    UnitSeed("龙泉街道", "street"),
    UnitSeed("鳌山卫街道", "street", ("鳌山卫镇",)),
    UnitSeed("温泉街道", "street", ("温泉镇",)),
    UnitSeed("蓝村镇", "town"),
    UnitSeed("灵山镇", "town"),
    UnitSeed("段泊岚镇", "town"),
    UnitSeed("移风店镇", "town"),
    UnitSeed("大信镇", "town"),
    UnitSeed("田横镇", "town"),
    UnitSeed("金口镇", "town"),
    UnitSeed("青岛蓝谷", "zone", ("蓝谷", "蓝色硅谷", "青岛蓝色硅谷核心区")),
    UnitSeed("即墨经济开发区", "zone", ("经济开发区", "经开区", "开发区")),
    UnitSeed("青岛汽车产业新城", "zone", ("汽车产业新城", "汽车城")),
    UnitSeed("通济新经济区", "zone", ("新经济区",)),
    UnitSeed("青岛国际陆港", "zone", ("国际陆港", "陆港")),
    UnitSeed("鳌山湾未来城", "zone", ("未来城",)),
    UnitSeed("田横岛旅游度假区", "zone", ("田横岛度假区", "度假区")),
    UnitSeed("马山生态区", "zone", ("马山",)),
)

DEFAULT_INDUSTRIES = (
    "现代海洋",
    "新材料",
    "大健康",
    "微电子",
    "交通",
    "水利",
    "城建",
    "科技创新",
    "社会民生",
    "现代服务业",
    "工业技改",
    "其他",
)

ALIAS_SEPARATOR = "、"
