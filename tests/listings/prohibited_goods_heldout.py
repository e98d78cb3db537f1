"""Held-out listings: written with the others before the catalogue's keywords were chosen, and never used
to tune them. Their pass rates are reported as measured; a failure here is not fixed by adding the
listing's own words to the catalogue."""

from .prohibited_goods_cases import Case

ORDINARY = [
    Case("裁缝剪刀 大号", "做衣服用的剪刀，很锋利，自提。"),
    Case("儿童玩具水枪 两把", "夏天玩水用的塑料水枪，孩子大了用不上。", category="baby", price="15"),
    Case("猫爬架 大号", "家里猫咪用过的猫爬架，剑麻柱有点抓痕，不影响使用。", price="120"),
    Case(
        "1.2米鱼缸 带过滤", "超白玻璃鱼缸，带底柜和过滤泵，鱼已经送人了。", category="furniture", price="300"
    ),
    Case("一周分药盒", "七天分装药盒，老人吃药方便，全新。", price="8"),
    Case("真皮银行卡包", "小牛皮卡包，可以放十几张银行卡和身份证。", price="60"),
    Case(
        "民用对讲机 一对",
        "摩托罗拉民用对讲机一对，带充电座，户外爬山用过两次。",
        category="electronics",
        price="200",
    ),
    Case("茅台空酒瓶 收藏", "飞天茅台空瓶两个，带盒子，做摆件。", price="30"),
    Case("手搓麻将 一副", "家里的麻将牌，42号大小，缺一张白板自己补了。", price="50"),
    Case("雀巢胶囊咖啡 一盒", "Nespresso咖啡胶囊，机器坏了用不上，口味：浓烈。", price="40"),
    Case("超大泰迪熊玩偶 1米", "超大泰迪熊毛绒玩具，女儿不玩了。", category="baby", price="60"),
    Case("五粮液 第八代 500ml", "单位发的五粮液，不喝酒，原价出。", price="950"),
    Case("全棉四件套 1.8米床", "纯棉床上用品四件套，洗过一次，颜色是浅灰。", price="90"),
    Case("宠物航空箱 中号", "带猫咪坐过一次飞机的航空箱，有托运标签。", price="50"),
    Case("烟雾报警器 3个", "独立式烟雾报警器，装修剩下的。", price="45"),
    Case("莆田桂圆干 2斤", "老家莆田寄来的桂圆干，自己吃不完。", price="40"),
    Case("LED电子烟花灯", "过年挂阳台的电子烟花灯，会闪，不是真烟花。", price="30"),
    Case("汽车 GPS 导航仪", "老款车载导航仪，现在都用手机导航了。", category="electronics", price="50"),
    Case("轮胎充气枪 带气压表", "汽车轮胎充气枪，接气泵用，带气压表。", price="35"),
    Case(
        "京东买的空气炸锅 有发票",
        "美的空气炸锅，京东购买，有发票，用过几次。",
        category="appliances",
        price="150",
    ),
    Case("陶瓷金鱼摆件", "景德镇陶瓷金鱼摆件一对，放客厅招财。", price="80"),
    Case("石楠木烟斗", "朋友送的石楠木烟斗，没用过，带盒子。", price="150"),
    Case("美工刀 一盒", "办公用美工刀十把，全新。", price="20"),
    Case("隐形眼镜盒 伴侣盒", "隐形眼镜的伴侣盒，全新五个，不含镜片。", price="10"),
]

FORBIDDEN = [
    Case("护照 出售 带签证页", "旧护照一本，带美国签证页。", expect="block", entry="identity-documents"),
    Case("收银行卡 高价回收", "长期收各行一类卡，日结。", expect="block", entry="bank-accounts"),
    Case("实名手机卡 出售 未注销", "移动实名卡，可接收验证码。", expect="block", entry="telecom-accounts"),
    Case(
        "英短蓝猫 幼猫 出售",
        "两个月大，已驱虫打疫苗，公母都有。",
        expect="block",
        entry="live-animals",
        price="1500",
    ),
    Case(
        "虎皮鹦鹉 一对 带笼子", "自己繁殖的鹦鹉，会说话，连笼子一起。", expect="block", entry="live-animals"
    ),
    Case("金丝熊仓鼠 一对", "金丝熊仓鼠一公一母，送笼子。", expect="block", entry="live-animals"),
    Case("穿山甲片 药用", "野生穿山甲甲片，中药材。", expect="block", entry="protected-wildlife"),
    Case("气枪 打鸟用", "PCP气枪，带瞄准镜，精度高。", expect="block", entry="firearms", price="3000"),
    Case("猎枪子弹 12号 一盒", "老家打猎剩下的子弹，一盒25发。", expect="block", entry="firearms"),
    Case("吃鸡 98K 仿真软弹枪", "1:1 仿真 98K，抛壳软弹，金属件多。", expect="block", entry="firearms"),
    Case("蝴蝶刀 开刃", "钢材好，甩起来很顺。", expect="block", entry="controlled-weapons"),
    Case("电击器 防身 高压", "大功率电击棍，女士防身。", expect="block", entry="controlled-weapons"),
    Case(
        "过年剩下的烟花 一箱",
        "春节没放完的烟花，组合礼花，自提。",
        expect="block",
        entry="explosives-fireworks",
    ),
    Case(
        "阿莫西林胶囊 没吃完",
        "孩子吃剩的阿莫西林，还有两板，保质期到明年。",
        expect="block",
        entry="medicines",
    ),
    Case("进口减肥药 西布曲明", "效果很猛，一个月瘦十斤。", expect="block", entry="medicines"),
    Case("布洛芬混悬液 儿童", "孩子退烧剩下的，开过一瓶。", expect="block", entry="medicines"),
    Case("水光针 玻尿酸注射", "韩国水光针，自己在家就能打。", expect="block", entry="medical-devices"),
    Case("古巴雪茄 一盒", "朋友从古巴带的雪茄，25支。", expect="block", entry="tobacco", price="1200"),
    Case("影视道具币 一沓", "拍视频用的道具钱，跟真的一样。", expect="block", entry="counterfeit-currency"),
    Case("窃听器 远程监听", "放在车里或办公室，远程听声音。", expect="block", entry="surveillance-devices"),
    Case("伪基站 设备", "群发短信设备，一天几万条。", expect="block", entry="jammers-fake-base-stations"),
    Case("代刷好评 抖音涨粉", "真人点赞评论，量大优惠。", expect="block", entry="fraud-services"),
    Case("小区业主名单", "本市各小区业主电话名单，按条卖。", expect="block", entry="personal-data"),
    Case("刮刮乐彩票 一本", "体彩刮刮乐，没刮过的一整本。", expect="block", entry="lottery"),
    Case("警服 全套 带警衔", "正品警服，春秋款。", expect="block", entry="police-uniforms"),
    Case(
        "AJ1 莆田 纯原",
        "莆田纯原，细节到位。",
        expect="block",
        entry="counterfeit-slang",
        category="clothing",
        price="300",
    ),
    Case(
        "超A 精仿 巴黎世家",
        "超A货，走线整齐。",
        expect="block",
        entry="counterfeit-slang",
        category="clothing",
        price="350",
    ),
    Case(
        "飞天茅台 53度 500ml",
        "单位发的飞天，不喝酒，便宜出。",
        expect="hold",
        entry="famous-liquor",
        price="800",
    ),
    Case(
        "劳力士 日志型 男表",
        "自戴，走时准，无盒。",
        expect="hold",
        entry="luxury-watches",
        category="luxury",
        price="3000",
    ),
    Case(
        "爱马仕 Birkin 30",
        "金扣，自用。",
        expect="hold",
        entry="luxury-bags",
        category="luxury",
        price="2000",
    ),
]
