"""First versions of the inspection templates and the defect price schedule (loaded by a migration).

Items follow the standards named on each template; weights and bands are data that certified
appraisers revise through new template versions.
"""

PHONE_BANDS = [[98, "准新"], [95, "99新"], [90, "95新"], [80, "9成新"], [70, "8成新"], [0, "7成新及以下"]]

# item: (section, code, label, label_en, kind, weight, flags)
# flags ⊂ {accident, critical, authenticity, photo}
TEMPLATES = [
    {
        "code": "phone",
        "name": "手机/电子产品品质检测",
        "standard": "GB/T 45656-2025; T/TAF 173-2023",
        "category": "electronics",
        "rule": {"kind": "thresholds", "bands": PHONE_BANDS, "critical_grade": "7成新及以下"},
        "items": [
            ("功能", "power_on", "开机正常", "Boots normally", "pass_fail", 5, {"critical"}),
            ("功能", "touch", "触摸灵敏", "Touch works everywhere", "pass_fail", 5, set()),
            ("功能", "calls", "通话与信号", "Calls and signal", "pass_fail", 5, set()),
            ("功能", "cameras", "前后摄像头", "Front and rear cameras", "pass_fail", 5, set()),
            ("功能", "wireless", "Wi-Fi/蓝牙/GPS", "Wi-Fi, Bluetooth, GPS", "pass_fail", 5, set()),
            ("功能", "audio", "扬声器与麦克风", "Speaker and microphone", "pass_fail", 5, set()),
            ("功能", "charging", "充电", "Charging", "pass_fail", 5, set()),
            ("功能", "biometrics", "指纹/面容识别", "Fingerprint / face unlock", "pass_fail", 5, set()),
            ("功能", "buttons", "按键", "Buttons", "pass_fail", 3, set()),
            ("屏幕", "display", "显示（坏点、烧屏）", "Display (dead pixels, burn-in)", "score", 12, set()),
            ("屏幕", "screen_original", "原装屏幕", "Original screen", "pass_fail", 5, set()),
            ("机身", "body", "外观成色", "Body condition", "score", 20, {"photo"}),
            ("内部", "mainboard", "主板原装未维修", "Mainboard original, unrepaired", "pass_fail", 10, set()),
            ("内部", "battery", "电池健康度", "Battery health", "measurement", 0, set()),
            (
                "内部",
                "battery_ok",
                "电池健康度不低于80%",
                "Battery health at least 80%",
                "pass_fail",
                10,
                set(),
            ),
            ("安全", "water_damage", "无进水", "No water damage", "pass_fail", 0, {"critical"}),
            (
                "安全",
                "activation_lock",
                "无激活锁/账号锁",
                "No activation or account lock",
                "pass_fail",
                0,
                {"critical"},
            ),
            ("安全", "imei_clean", "IMEI 未列入黑名单", "IMEI not blacklisted", "pass_fail", 0, {"critical"}),
            ("安全", "data_wipe", "数据清除证明", "Data wipe certificate", "photo", 0, {"photo"}),
        ],
    },
    {
        "code": "vehicle",
        "name": "二手车鉴定评估",
        "standard": "GB/T 30323-2013",
        "category": "vehicles",
        "rule": {"kind": "vehicle_gbt30323"},
        "items": [
            ("车身检查", "body", "车身外观", "Body exterior", "score", 20, {"photo"}),
            ("发动机舱检查", "engine_bay", "发动机舱", "Engine bay", "score", 20, set()),
            ("驾驶舱检查", "cabin", "驾驶舱", "Cabin", "score", 10, set()),
            ("启动检查", "startup", "启动与怠速", "Start-up and idle", "score", 20, set()),
            ("路试检查", "road_test", "路试", "Road test", "score", 15, set()),
            ("底盘检查", "chassis", "底盘", "Chassis", "score", 15, set()),
            (
                "事故判定",
                "pillars",
                "A/B/C 柱无损伤",
                "A/B/C pillars undamaged",
                "pass_fail",
                0,
                {"accident"},
            ),
            ("事故判定", "rails", "纵梁无损伤", "Longitudinal rails undamaged", "pass_fail", 0, {"accident"}),
            ("事故判定", "firewall", "防火墙无损伤", "Firewall undamaged", "pass_fail", 0, {"accident"}),
            (
                "事故判定",
                "roof_rails",
                "车顶边梁无损伤",
                "Roof rails undamaged",
                "pass_fail",
                0,
                {"accident"},
            ),
            ("事故判定", "flood", "无泡水痕迹", "No flood damage", "pass_fail", 0, {"accident"}),
            ("手续", "odometer", "表显里程", "Odometer reading", "measurement", 0, set()),
        ],
    },
    {
        "code": "luxury",
        "name": "奢侈品真伪与成色鉴定",
        "standard": "GB/T 21667-2024 (通则)",
        "category": "luxury",
        "rule": {"kind": "authenticity"},
        "items": [
            ("真伪", "serial", "序列号/日期码", "Serial and date codes", "pass_fail", 1, {"authenticity"}),
            ("真伪", "stamps", "烫印与标识", "Heat stamps and marks", "pass_fail", 1, {"authenticity"}),
            ("真伪", "stitching", "走线工艺", "Stitching", "pass_fail", 1, {"authenticity"}),
            ("真伪", "hardware", "五金件", "Hardware", "pass_fail", 1, {"authenticity", "photo"}),
            ("真伪", "materials", "材质", "Materials", "pass_fail", 1, {"authenticity"}),
            ("凭证", "receipts", "购买凭证", "Receipts", "photo", 0, set()),
            ("成色", "condition", "外观成色", "Condition", "score", 5, set()),
        ],
    },
    {
        "code": "general",
        "name": "二手货品质鉴定（通则）",
        "standard": "GB/T 21667-2024",
        "category": None,
        "rule": {
            "kind": "thresholds",
            "bands": [[90, "A"], [75, "B"], [60, "C"], [0, "D"]],
            "critical_grade": "D",
        },
        "items": [
            ("外观", "appearance", "外观", "Appearance", "score", 30, {"photo"}),
            ("功能", "function", "功能完好", "Works as intended", "pass_fail", 30, set()),
            ("配件", "complete", "配件齐全", "Complete with accessories", "pass_fail", 15, set()),
            ("卫生", "hygiene", "清洁卫生", "Clean (textiles, bedding)", "pass_fail", 15, set()),
            ("安全", "safety", "无安全隐患、未被召回", "Safe, not recalled", "pass_fail", 10, {"critical"}),
        ],
    },
]

# (category slug, code, description, deduction %)
DEFECTS = [
    ("electronics", "P01", "屏幕划痕", 5),
    ("electronics", "P02", "屏幕非原装", 15),
    ("electronics", "P03", "电池健康度低于80%", 10),
    ("electronics", "P04", "外壳磕碰", 5),
    ("electronics", "P05", "主板维修过", 30),
    ("electronics", "P06", "功能故障", 20),
    ("vehicles", "V01", "车身划痕", 2),
    ("vehicles", "V02", "钣金修复", 5),
    ("vehicles", "V03", "结构件损伤（事故车）", 30),
    ("vehicles", "V04", "发动机渗油", 8),
    ("vehicles", "V05", "泡水痕迹", 40),
    ("luxury", "L01", "五金磨损", 10),
    ("luxury", "L02", "皮面磨损", 10),
    ("luxury", "L03", "缺少凭证", 15),
    ("other", "G01", "外观瑕疵", 5),
    ("other", "G02", "功能缺陷", 20),
    ("other", "G03", "配件缺失", 10),
]
