"""Counterfeit slang (blocked) and famous goods at a price or quantity no resident would have (held),
the first version of these catalogue entries; see `prohibited.py` for the format."""

from .prohibited import entry

TRADEMARK = "《商标法》第五十七条；《刑法》第二百一十四条（销售假冒注册商标的商品罪）"

# Accessories and packaging sold on their own are ordinary, whatever brand is printed on them.
PACKAGING = "空瓶 空酒瓶 酒瓶 酒盒 空盒 包装盒 盒子 手提袋 纸袋 购物袋 防尘袋 小样 酒杯 表盒 瓶盖"

COUNTERFEIT = [
    entry(
        "counterfeit-slang",
        "假货黑话",
        "Counterfeit slang",
        TRADEMARK,
        "高仿 复刻 a货 原单 一比一 1比1 1:1 超a 精仿 仿品 纯原 公司级"
        " 莆田&鞋|货|纯原|aj|耐克|nike|阿迪|椰子|版",
        family="counterfeit",
        notes="卖家自己用这些词，就是在说这是假货：直接拦截，卖家可申诉。“尾单”“跟单”等说法含糊，由风控规则"
        "“counterfeit-slang”送人工审核。",
    ),
]

LOW_PRICE = "平台规则：名贵商品价格远低于市场价，多为假货或来路不明，人工审核；" + TRADEMARK

FAMOUS_GOODS = [
    entry(
        "famous-liquor-moutai",
        "茅台酒（价格异常）",
        "Moutai at an unusual price",
        LOW_PRICE,
        "茅台 飞天茅台",
        family="price_anomaly",
        outcome="hold",
        exceptions="茅台镇",
        not_when=PACKAGING,
        price_below="1200",
        notes="飞天茅台市场价在两千元上下；空瓶、酒盒单独出售是普通商品。",
    ),
    entry(
        "famous-liquor",
        "名酒（价格异常）",
        "Famous liquor at an unusual price",
        LOW_PRICE,
        "五粮液 普五 国窖1573 青花郎 剑南春",
        family="price_anomaly",
        outcome="hold",
        not_when=PACKAGING,
        price_below="500",
    ),
    entry(
        "luxury-bags",
        "奢侈品包袋服饰（价格异常）",
        "Luxury bags and clothing at an unusual price",
        LOW_PRICE,
        "lv 路易威登 louisvuitton 爱马仕 hermes 香奈儿 chanel 古驰 gucci 迪奥 dior 普拉达 prada 巴黎世家"
        " balenciaga 葆蝶家 bottega 圣罗兰 ysl 芬迪 fendi 赛琳 celine 罗意威 loewe",
        family="price_anomaly",
        outcome="hold",
        not_when=PACKAGING + " 香水 口红 唇膏 粉底 面霜",
        categories=["luxury", "clothing"],
        price_below="1000",
    ),
    entry(
        "luxury-watches",
        "名表（价格异常）",
        "Top watch brands at an unusual price",
        LOW_PRICE,
        "劳力士 rolex 百达翡丽 patek 爱彼 audemars 江诗丹顿 vacheron 理查德米勒 宝玑 breguet 积家 朗格",
        family="price_anomaly",
        outcome="hold",
        not_when=PACKAGING + " 表带 表扣",
        price_below="10000",
    ),
    entry(
        "luxury-watches-mid",
        "奢侈腕表（价格异常）",
        "Luxury watches at an unusual price",
        LOW_PRICE,
        "欧米茄 omega 卡地亚 cartier 浪琴 longines 万国 iwc 沛纳海 panerai 帝舵 tudor 百年灵 breitling",
        family="price_anomaly",
        outcome="hold",
        not_when=PACKAGING + " 表带 表扣",
        price_below="2000",
    ),
    entry(
        "new-phones-bulk",
        "全新手机成批出售",
        "New phones in bulk",
        "平台规则：个人闲置不会有成批全新手机，多为来路不明或渠道套利，人工审核；《电子商务法》第十条",
        "iphone|苹果|华为|mate|荣耀|小米|oppo|vivo|三星|galaxy|手机&全新|未拆封|未拆|未激活|原封|新机",
        family="price_anomaly",
        outcome="hold",
        not_when=PACKAGING + " 手机壳 保护壳 钢化膜 手机膜 贴膜 充电器 充电头 数据线 耳机 支架 卡针",
        categories=["electronics"],
        quantity_at_least=3,
    ),
]
