"""Reference geography for Nankai District (admin code 120104), shared by the migration and tests."""

NANKAI = ("120104", "南开区")

# The twelve streets (街道) in code order, 120104001–120104012.
STREETS = [
    "长虹街道",
    "鼓楼街道",
    "兴南街道",
    "广开街道",
    "万兴街道",
    "学府街道",
    "向阳路街道",
    "嘉陵道街道",
    "王顶堤街道",
    "水上公园街道",
    "体育中心街道",
    "华苑街道",
]

# Communities confirmed for their street; (street name, community name, latitude, longitude).
CONFIRMED_COMMUNITIES = [
    ("向阳路街道", "官易里社区", "39.126100", "117.143600"),
    ("向阳路街道", "跃升里社区", "39.124300", "117.139800"),
    ("鼓楼街道", "春畅里社区", "39.142500", "117.171300"),
]


def street_rows():
    return [(f"{NANKAI[0]}{index:03d}", name) for index, name in enumerate(STREETS, start=1)]
