"""Listings a resident would write, for measuring the prohibited-goods catalogue.

Written from the user's side before the catalogue's keywords were chosen. Two thirds are here and were
used to tune the keywords; the other third is in `prohibited_goods_heldout.py` and was not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    title: str
    description: str
    expect: str = "allow"  # allow, hold or block
    entry: str = ""  # the catalogue entry expected to decide it
    category: str = "other"
    price: str = "80"
    quantity: int = 1
    trade_mode: str = "sell"


# Ordinary listings: every one must be published.
ORDINARY = [
    Case("张小泉菜刀 九成新", "搬家用不上了，张小泉不锈钢菜刀一把，切菜很快。"),
    Case("水果刀套装 三把", "带刀套的水果刀，全新没用过，宿舍用。"),
    Case("双立人刀具套装", "双立人厨房刀具五件套，带刀座，送人的礼品没拆。", price="450"),
    Case("维氏瑞士军刀 小号", "钥匙扣大小的多功能小刀，带剪刀和指甲锉。"),
    Case("电动泡泡枪", "宝宝的泡泡机，送两瓶泡泡水。", category="baby", price="20"),
    Case("儿童声光玩具枪", "按一下会响会亮的塑料玩具枪，三岁以上，电池另配。", category="baby", price="18"),
    Case("豆腐猫砂 未开封 三袋", "买多了，猫砂三袋，原味，附近自提。", price="45"),
    Case("折叠狗笼 中型犬", "折叠狗笼，适合柯基大小的狗狗，狗狗已经不用了。", price="60"),
    Case("乌龟缸 带晒台", "塑料乌龟缸，带晒台和过滤，适合小巴西龟。", price="35"),
    Case("家用药箱 空的", "三层塑料药箱，空箱子，可以放药品和创可贴。", price="25"),
    Case("水晶烟灰缸", "水晶玻璃烟灰缸，很沉，摆件也好看。", price="40"),
    Case("身份证卡套 10个", "透明身份证卡套，防消磁，买多了。", price="5"),
    Case(
        "小天才电话手表 Z6",
        "孩子换新的了，小天才电话手表，功能正常，需要自己插卡。",
        category="electronics",
        price="350",
    ),
    Case(
        "小米智能摄像头 云台版",
        "家里看宠物用的摄像头，360度，支持手机查看。",
        category="electronics",
        price="90",
    ),
    Case("安溪铁观音 两盒", "朋友送的铁观音，喝不完，保质期到明年。", price="100"),
    Case("恒温红酒柜 12瓶", "压缩机恒温酒柜，能放12瓶红酒，制冷正常。", category="appliances", price="500"),
    Case("LED电子鞭炮 春节装饰", "LED电子鞭炮，插电就响，不用火，安全环保。", price="35"),
    Case(
        "方太抽油烟机", "换了新的，方太侧吸油烟机，拆下来的，能正常用。", category="appliances", price="400"
    ),
    Case("欧姆龙电子血压计", "老人用的血压计，换新了，这个很准。", price="80"),
    Case("折叠轮椅", "老人出院后用过一个月的折叠轮椅，轻便。", price="200"),
    Case("皇家狗粮 成犬粮 8公斤", "狗狗换粮了，未开封的成犬粮。", price="180"),
    Case("竹制鸟笼", "老人养鸟用的竹鸟笼，手工的，鸟已经放生了。", price="70"),
    Case("LV 防尘袋 包装盒", "买包送的防尘袋和盒子，正品配件，不含包。", category="luxury", price="80"),
    Case("迪奥999口红", "迪奥口红只试色一次，专柜购买有小票。", price="150"),
    Case("iPhone 13 128G 自用", "自用一年半，电池健康88%，无拆修。", category="phones", price="2300"),
    Case(
        "旧手机 三部打包",
        "家里淘汰的三部旧安卓手机，能开机，给老人当备用机。",
        category="phones",
        price="150",
        quantity=3,
    ),
    Case("过期杂志 国家地理 30本", "2015-2018年的国家地理杂志，按本卖也可以。", category="books", price="60"),
    Case("仓鼠笼 带跑轮", "仓鼠笼子，带跑轮、水壶和食盆，仓鼠寿终正寝了。", price="30"),
    Case("儿童雾化器", "医生让孩子做雾化买的雾化器，用了两周，已消毒。", price="100"),
    Case("Zippo 打火机 收藏", "Zippo煤油打火机，没加过油，收藏品。", price="120"),
    Case("玻尿酸补水面膜 一盒", "买多了，玻尿酸面膜十片装，保质期到2026年。", price="35"),
    Case("1:18 合金车模 保时捷", "1:18 比例的合金车模，门能开，带底座和罩子。", price="260"),
    Case("泰迪犬衣服 S码", "给泰迪穿的小衣服，三件，洗干净了。", price="20"),
    Case("90年代老电话卡 收藏 50张", "集邮时候攒的IC电话卡，都是用过的空卡，纯收藏。", price="100"),
    Case("《枪炮、病菌与钢铁》", "贾雷德·戴蒙德的书，中信版，读过一遍。", category="books", price="25"),
    Case("迷彩服 户外登山", "户外迷彩外套，登山露营穿的，L码。", category="clothing", price="60"),
    Case(
        "儿童定位手表",
        "带定位的儿童手表，可以在手机上看孩子在哪，换新了。",
        category="electronics",
        price="120",
    ),
    Case("防狼报警器 钥匙扣", "拉一下就响的随身报警器，女生夜跑用，没用过。", price="15"),
    Case("热熔胶枪 送胶棒", "做手工用的热熔胶枪，送二十根胶棒。", price="15"),
    Case("高压水枪 洗车", "家用高压洗车水枪，带水管和泡沫壶。", price="120"),
    Case("考研英语真题 黄皮书", "2024考研英语一真题，带答案解析，没怎么写。", category="books", price="20"),
    Case("子弹笔记本 手账", "子弹笔记点阵本，A5，写了两页，送贴纸。", category="books", price="12"),
    Case("仿真绿植 龟背竹", "1.2米仿真龟背竹，不用浇水，搬家不带了。", category="furniture", price="70"),
    Case(
        "iPhone 15 手机壳 全新 三个",
        "买错型号了，全新手机壳三个，透明款。",
        category="phones",
        price="20",
        quantity=3,
    ),
    Case("全自动麻将机", "四口机全自动麻将机，带桌腿，静音。", category="furniture", price="900"),
    Case(
        "家用监控 4个摄像头 带录像机",
        "店铺关了拆下来的监控，4路录像机加1T硬盘。",
        category="electronics",
        price="400",
    ),
    Case("刑法学 第六版 张明楷", "法考用书，有笔记。", category="books", price="40"),
    Case("NERF 软弹发射器 儿童", "孩子的NERF软弹玩具，送二十发泡沫弹。", category="baby", price="50"),
    Case(
        "电动车防盗定位器",
        "装在自己电动车上的防盗定位器，车卖了，定位器单出。",
        category="bicycles",
        price="60",
    ),
]

# Forbidden, counterfeit and suspicious listings: blocked or held as the catalogue says.
FORBIDDEN = [
    Case("二代身份证 原件 出售", "收来的身份证，可用于注册。", expect="block", entry="identity-documents"),
    Case("出售本人身份证", "急用钱，身份证借用一次200。", expect="block", entry="identity-documents"),
    Case("驾照分 出售 12分", "代销分，驾驶证扣分可以找我。", expect="block", entry="fraud-services"),
    Case(
        "出售银行卡 一类卡 带U盾",
        "全套四件套，身份证复印件、银行卡、U盾、手机卡。",
        expect="block",
        entry="bank-accounts",
    ),
    Case("对公账户 转让 带执照", "公司对公账户出售，手续齐全。", expect="block", entry="bank-accounts"),
    Case("实名支付宝账号出售", "已实名认证的支付宝号，可过人脸。", expect="block", entry="bank-accounts"),
    Case("物联网卡 流量卡 批发", "无限流量物联网卡，不用实名。", expect="block", entry="telecom-accounts"),
    Case("出售老微信号 已实名", "满三年的老号，可改绑。", expect="block", entry="telecom-accounts"),
    Case(
        "柯基幼犬 纯种",
        "三个月大的柯基，疫苗齐全，带血统证书。",
        expect="block",
        entry="live-animals",
        price="2000",
    ),
    Case(
        "小奶猫 免费送养",
        "家里母猫生了四只，找有爱心的人领养。",
        expect="block",
        entry="live-animals",
        trade_mode="give",
    ),
    Case("巴西龟 两只", "养了三年的巴西龟，巴掌大小，连缸一起出。", expect="block", entry="live-animals"),
    Case("自家养的锦鲤 十条", "自己养的锦鲤，十条，每条15公分。", expect="block", entry="live-animals"),
    Case("象牙手镯 老货", "祖传象牙手镯，包老。", expect="block", entry="protected-wildlife", price="3000"),
    Case("犀牛角 酒杯", "老物件犀角杯，品相好。", expect="block", entry="protected-wildlife", price="8000"),
    Case(
        "阿卡红珊瑚 手串", "天然红珊瑚手串，8毫米。", expect="block", entry="protected-wildlife", price="2000"
    ),
    Case("玳瑁 眼镜框 老物件", "真玳瑁镜框，老上海的。", expect="block", entry="protected-wildlife"),
    Case("全金属仿真枪 格洛克", "全金属仿真手枪，可以发射软弹。", expect="block", entry="firearms"),
    Case("钢珠枪 打猎", "射程远，送两百发钢珠。", expect="block", entry="firearms"),
    Case("老式火药枪 土铳", "农村老物件，火药枪，能打响。", expect="block", entry="firearms"),
    Case("水弹枪 M416 电动连发", "孩子玩的水弹枪，电动连发，送水弹。", expect="hold", entry="gel-blasters"),
    Case("管制刀具 开刃匕首", "户外开刃匕首，带刀鞘。", expect="block", entry="controlled-weapons"),
    Case("弹簧刀 自动弹出", "进口弹簧刀，一按就弹出。", expect="block", entry="controlled-weapons"),
    Case("龙泉宝剑 开刃 可砍", "纯手工锻打，已开刃，锋利。", expect="block", entry="controlled-weapons"),
    Case("伸缩甩棍 防身", "三节伸缩甩棍，防身用，钢材硬。", expect="block", entry="controlled-weapons"),
    Case("防狼喷雾 辣椒水", "随身防狼喷雾，两瓶。", expect="block", entry="controlled-weapons"),
    Case("复合弩 狩猎", "狩猎弩，配三支弩箭。", expect="block", entry="controlled-weapons", price="900"),
    Case("鞭炮 一万响", "结婚剩下的鞭炮，一万响两盘。", expect="block", entry="explosives-fireworks"),
    Case("雷管 炸药 开山用", "矿上带出来的，量大。", expect="block", entry="explosives-fireworks"),
    Case("艾司唑仑片 安眠药", "睡不着可以试试，医院开的。", expect="block", entry="medicines"),
    Case("笑气 一罐 派对用", "大罐笑气，带气球。", expect="block", entry="narcotics"),
    Case("降压药 硝苯地平 没吃完", "老人换药了，剩三盒。", expect="block", entry="medicines"),
    Case("胰岛素 诺和锐 笔芯", "家人用剩的胰岛素，冷藏保存。", expect="block", entry="medicines"),
    Case("美瞳 年抛 全新未拆", "买错度数了，全新美瞳一副。", expect="block", entry="medical-devices"),
    Case("隐形眼镜 月抛 300度", "强生月抛，剩四片。", expect="block", entry="medical-devices"),
    Case(
        "软中华 香烟 两条", "过年别人送的中华烟，两条，真烟。", expect="block", entry="tobacco", price="900"
    ),
    Case("电子烟 悦刻 烟弹", "悦刻一代杆子加三盒烟弹。", expect="block", entry="tobacco"),
    Case("手卷烟丝 两包", "进口烟丝，自己卷着抽。", expect="block", entry="tobacco"),
    Case("假币 100元 高仿", "仿真度高，验钞机都过。", expect="block", entry="counterfeit-currency"),
    Case(
        "针孔摄像头 无线 隐蔽", "纽扣大小，手机远程看，续航长。", expect="block", entry="surveillance-devices"
    ),
    Case(
        "充电器摄像头 伪装", "插在插座上看不出来，手机远程看。", expect="block", entry="surveillance-devices"
    ),
    Case(
        "GPS定位器 强磁 免安装 查岗",
        "吸在车底，老公去哪一清二楚。",
        expect="block",
        entry="surveillance-devices",
    ),
    Case(
        "手机信号屏蔽器 考场",
        "大功率屏蔽器，覆盖三十米。",
        expect="block",
        entry="jammers-fake-base-stations",
    ),
    Case("考试作弊耳机 隐形", "驾照考试、四六级都能用。", expect="block", entry="exam-cheating"),
    Case("淘宝刷单 日结 兼职", "在家就能做，一单一结。", expect="block", entry="fraud-services"),
    Case("代开发票 增值税", "各类发票都能开，点数低。", expect="block", entry="forged-documents-invoices"),
    Case("办证 毕业证 学位证", "可查可验，包过。", expect="block", entry="forged-documents-invoices"),
    Case("公民信息 身份证号 数据", "实名数据，带手机号，量大从优。", expect="block", entry="personal-data"),
    Case("双色球 彩票 代购", "每期帮你买，中奖包兑。", expect="block", entry="lottery"),
    Case("透视扑克 麻将作弊器", "隐形眼镜看牌，百分百赢。", expect="block", entry="gambling-devices"),
    Case(
        "儿童安全座椅 召回批次",
        "厂家召回的那批，没去换，还能用。",
        expect="hold",
        entry="recalled-goods",
        category="baby",
    ),
    Case(
        "高仿LV老花包",
        "做工细致，和专柜一样。",
        expect="block",
        entry="counterfeit-slang",
        category="luxury",
        price="400",
    ),
    Case(
        "复刻劳力士 绿水鬼",
        "顶级复刻，走时准。",
        expect="block",
        entry="counterfeit-slang",
        category="luxury",
        price="1500",
    ),
    Case(
        "原单 Gucci 卫衣",
        "外贸原单，尺码齐。",
        expect="block",
        entry="counterfeit-slang",
        category="clothing",
        price="200",
    ),
    Case(
        "一比一 香奈儿 CF",
        "一比一还原，五金精致。",
        expect="block",
        entry="counterfeit-slang",
        category="luxury",
        price="800",
    ),
    Case(
        "A货 蔻驰 托特包",
        "A货，皮质不错。",
        expect="block",
        entry="counterfeit-slang",
        category="luxury",
        price="200",
    ),
    Case(
        "Dior 马鞍包 1:1",
        "1:1 开模，logo清晰。",
        expect="block",
        entry="counterfeit-slang",
        category="luxury",
        price="500",
    ),
    Case(
        "五粮液 普五 整箱",
        "整箱六瓶，便宜处理。",
        expect="hold",
        entry="famous-liquor",
        price="300",
        quantity=6,
    ),
    Case(
        "LV Neverfull 中号 正品",
        "自用两年，边角有磨损。",
        expect="hold",
        entry="luxury-bags",
        category="luxury",
        price="600",
    ),
    Case(
        "iPhone 15 Pro 全新未拆封 5台",
        "国行全新未拆封，一共五台。",
        expect="hold",
        entry="new-phones-bulk",
        category="phones",
        price="6000",
        quantity=5,
    ),
    Case(
        "华为Mate60 全新未激活 10台",
        "渠道货，全新未激活，十台一起。",
        expect="hold",
        entry="new-phones-bulk",
        category="phones",
        price="5000",
        quantity=10,
    ),
    Case(
        "欧米茄 海马 300",
        "机械表，有划痕。",
        expect="hold",
        entry="luxury-watches",
        category="luxury",
        price="800",
    ),
]
