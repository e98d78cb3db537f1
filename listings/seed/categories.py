"""The category tree, after the second-hand goods classes of GB/T 30342-2013, with each class's
details (attributes) and the price above which an item counts as high-value."""

BRAND_MODEL = [
    {"key": "brand", "label": "品牌", "label_en": "Brand", "kind": "text", "required": False},
    {"key": "model", "label": "型号", "label_en": "Model", "kind": "text", "required": False},
    {
        "key": "purchase_year",
        "label": "购买年份",
        "label_en": "Year bought",
        "kind": "year",
        "required": False,
    },
]

# (slug, parent slug, name, English name, attributes, high-value threshold)
CATEGORIES = [
    ("electronics", None, "手机数码", "Phones and electronics", BRAND_MODEL, 3000),
    (
        "phones",
        "electronics",
        "手机",
        "Mobile phones",
        [
            {"key": "storage", "label": "存储容量", "label_en": "Storage", "kind": "text", "required": False},
            {"key": "imei", "label": "IMEI", "label_en": "IMEI", "kind": "imei", "required": True},
            {
                "key": "battery_health",
                "label": "电池健康度(%)",
                "label_en": "Battery health (%)",
                "kind": "integer",
                "required": False,
            },
        ],
        3000,
    ),
    ("tablets", "electronics", "平板电脑", "Tablets", [], 3000),
    ("cameras", "electronics", "相机", "Cameras", [], 3000),
    (
        "computers",
        None,
        "电脑办公",
        "Computers",
        BRAND_MODEL
        + [
            {"key": "mac", "label": "MAC地址", "label_en": "MAC address", "kind": "mac", "required": False},
        ],
        4000,
    ),
    ("appliances", None, "家用电器", "Home appliances", BRAND_MODEL, 3000),
    ("furniture", None, "家具家居", "Furniture", [], 3000),
    (
        "clothing",
        None,
        "服装鞋帽",
        "Clothing and shoes",
        [
            {"key": "brand", "label": "品牌", "label_en": "Brand", "kind": "text", "required": False},
            {"key": "size", "label": "尺码", "label_en": "Size", "kind": "text", "required": False},
        ],
        2000,
    ),
    (
        "books",
        None,
        "图书",
        "Books",
        [
            {"key": "isbn", "label": "ISBN", "label_en": "ISBN", "kind": "text", "required": False},
        ],
        1000,
    ),
    ("baby", None, "母婴童用品", "Baby and children", [], 2000),
    ("bicycles", None, "自行车电动车", "Bicycles and e-bikes", BRAND_MODEL, 2000),
    (
        "ebikes",
        "bicycles",
        "电动自行车",
        "E-bikes",
        [
            {
                "key": "certificate",
                "label": "合格证编号",
                "label_en": "Certificate number",
                "kind": "text",
                "required": False,
            },
        ],
        2000,
    ),
    ("sports", None, "运动户外", "Sports and outdoors", [], 2000),
    (
        "luxury",
        None,
        "奢侈品",
        "Luxury bags and watches",
        BRAND_MODEL
        + [
            {
                "key": "serial",
                "label": "序列号",
                "label_en": "Serial number",
                "kind": "text",
                "required": False,
            },
        ],
        5000,
    ),
    (
        "vehicles",
        None,
        "二手车",
        "Vehicles",
        BRAND_MODEL
        + [
            {"key": "vin", "label": "车辆识别代号(VIN)", "label_en": "VIN", "kind": "vin", "required": True},
            {
                "key": "plate",
                "label": "号牌号码",
                "label_en": "Plate number",
                "kind": "text",
                "required": True,
            },
            {
                "key": "mileage_km",
                "label": "行驶里程(公里)",
                "label_en": "Mileage (km)",
                "kind": "integer",
                "required": False,
            },
        ],
        50000,
    ),
    ("other", None, "其他闲置", "Other", [], 3000),
]
