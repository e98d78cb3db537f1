"""Emission factors for reuse, first version (China Circular Economy Association method, 2023).

(category slug, kg CO2e of a new item, typical kg, replacement rate, low, high, source)
Categories without a sourced factor get none: their items are counted but add no CO2e figure.
"""

METHOD = "中国循环经济协会（2023）闲置物品交易碳减排核算方法：避免排放 = 新品生产排放 × 新品替代率 − 配送包装"
FACTORS = [
    (
        "electronics",
        "55",
        "0.2",
        "0.57",
        "0.25",
        "0.75",
        METHOD
        + "；智能手机生产排放 30–80 kg CO2e/台，九成新 iPhone 14 Pro Max 案例约 51.9 kg；电子产品替代率 0.57",
    ),
    ("computers", "170", "2.0", "0.57", "0.25", "0.75", METHOD + "；笔记本电脑 156–182 kg CO2e/台"),
    (
        "appliances",
        "98",
        "12",
        "0.41",
        "0.25",
        "0.75",
        METHOD + "；微波炉 98 kg CO2e/台（冰箱 257、洗衣机 341）",
    ),
    (
        "furniture",
        "50",
        "15",
        "0.41",
        "0.25",
        "0.75",
        METHOD + "；椅子 19–34、桌子 60–80、沙发 180–200 kg CO2e/件；家居替代率 0.41",
    ),
    (
        "clothing",
        "15",
        "0.5",
        "0.49",
        "0.25",
        "0.75",
        METHOD + "；T恤 5、牛仔裤 23、外套 20–86 kg CO2e/件；服饰替代率 0.49",
    ),
    ("books", "1.9", "0.5", "0.08", "0.05", "0.25", METHOD + "；图书 1.1–2.7 kg CO2e/本，替代率低至 0.08"),
    ("bicycles", "96", "15", "0.5", "0.25", "0.75", METHOD + "；自行车 96、电动自行车 261 kg CO2e/辆"),
]
