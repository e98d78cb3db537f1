"""The first version of the prohibited-goods catalogue: what may not be traded here, and why.

Loaded by migration 0004 into `ProhibitedItem`; platform staff edit it later as data. Terms are separated
by spaces here (one per line in the database); “a|b” means either, “a&b” means both. The first line of
the legal basis is shown to the seller with the reason.
"""

E_COMMERCE = "《电子商务法》第十三条（不得销售法律、行政法规禁止交易的商品）"


def entry(code, name, name_en, legal_basis, keywords, *, outcome="block", family="prohibited", **extra):
    return {
        "code": code,
        "name": name,
        "name_en": name_en,
        "family": family,
        "outcome": outcome,
        "legal_basis": legal_basis + "\n" + E_COMMERCE,
        "keywords": keywords,
        **extra,
    }


PROHIBITED = [
    entry(
        "identity-documents",
        "身份证件",
        "Identity documents",
        "《刑法》第二百八十条（买卖身份证件罪）；《居民身份证法》",
        "身份证 二代证 护照 户口本 户口簿 驾驶证|驾照&出售|转让|出借|借用|收购|原件 学生证 军官证 士兵证"
        " 港澳通行证 社保卡 医保卡 居住证 残疾证 营业执照&出售|转让|出租|出借|借用",
        exceptions="身份证套 身份证卡套 身份证件套 身份证夹 身份证包 身份证保护套 身份证阅读器 身份证读卡器"
        " 放身份证 装身份证 护照夹 护照包 护照套 护照保护套 驾驶证套 驾驶证皮套 驾照套 社保卡套 医保卡套",
        notes="证件套、卡包、阅读器是普通商品；证件本身、复印件和借用都不行。",
    ),
    entry(
        "bank-accounts",
        "银行卡与支付账户",
        "Bank cards and payment accounts",
        "《反电信网络诈骗法》第三十一条；《刑法》第一百七十七条之一（妨害信用卡管理罪）",
        "银行卡 一类卡 二类卡 储蓄卡&出售|转让|收 信用卡&出售|转让|收购|代办|套现 u盾 对公账户 对公户 卡农"
        " 四件套&银行|u盾|身份证 支付宝|微信|财付通&账号|账户|号&出售|转让|出租|实名 跑分 洗钱",
        exceptions="银行卡包 银行卡套 银行卡夹 银行卡位 放银行卡 装银行卡 转银行卡 银行卡转账 打到银行卡"
        " 银行卡支付 银行卡付款 银行卡号",
        notes="卡包、卡套是普通商品。要求转账到银行卡的由“站外付款”规则处理。",
    ),
    entry(
        "telecom-accounts",
        "电话卡与网络账号",
        "Phone cards and internet accounts",
        "《反电信网络诈骗法》第三十一条（不得非法买卖、出租、出借电话卡、物联网卡、互联网账号）",
        "手机卡 电话卡 实名卡 物联网卡 流量卡 上网卡 靓号 接码 代实名 代认证 过人脸 账号出租 账号出售"
        " 微信号|qq号|抖音号|快手号|微博号|老号&出售|转让|实名|改绑",
        exceptions="手机卡托 手机卡槽 手机卡针 取卡针 老电话卡 ic电话卡 磁卡电话卡 电话卡收藏 收藏电话卡",
        notes="收藏的旧IC电话卡（已用完的空卡）是藏品，不在此列。",
    ),
    entry(
        "personal-data",
        "公民个人信息",
        "Personal data",
        "《刑法》第二百五十三条之一（侵犯公民个人信息罪）；《个人信息保护法》",
        "个人信息&出售|买卖|名单|数据 公民信息 业主名单 业主信息 业主电话 车主信息 车主名单 学生信息 家长信息"
        " 客户资料 客户名单 身份证号 开房记录 社工库 户籍查询 通话记录 手机号定位 实名数据 空包",
    ),
    entry(
        "live-animals",
        "活体动物",
        "Live animals",
        "平台规则：活体动物不在平台交易；《动物防疫法》（检疫）；《野生动物保护法》",
        "活体 幼犬 幼猫 奶猫 奶狗 狗崽 猫崽 送养 领养 种猫 种犬 配种 猫舍 犬舍 血统证书 疫苗&驱虫"
        " 宠物猫|宠物狗|宠物兔&出售|转让|送|找",
        notes="宠物用品（猫砂、狗粮、笼子、鱼缸）是普通商品。",
    ),
    entry(
        "live-animals-named",
        "活体动物（按名称）",
        "Live animals (by name)",
        "平台规则：活体动物不在平台交易；《动物防疫法》（检疫）；《野生动物保护法》",
        "仓鼠 金丝熊 鹦鹉 乌龟 巴西龟 草龟 陆龟 锦鲤 金鱼 热带鱼 观赏鱼 孔雀鱼 龙鱼 守宫 蜥蜴 角蛙 刺猬"
        " 宠物蛇 玉米蛇 球蟒 鸡苗 鸭苗 垂耳兔 侏儒兔",
        title_only=True,
        exceptions="仓鼠笼 仓鼠粮 仓鼠窝 仓鼠屋 仓鼠跑轮 仓鼠用品 鹦鹉笼 鹦鹉架 鹦鹉粮 乌龟缸 龟缸 乌龟饲料"
        " 金鱼缸 金鱼摆件 金鱼灯 鱼缸 刺猬玩偶",
        notes="只看标题：描述里说“适合巴西龟”的龟缸是用品。",
    ),
    entry(
        "protected-wildlife",
        "保护野生动物及其制品",
        "Protected wildlife and its products",
        "《刑法》第三百四十一条；《野生动物保护法》第二十八条、第三十三条（禁止网络平台为其提供交易服务）",
        "象牙 犀牛角 犀角 穿山甲 玳瑁 红珊瑚 阿卡红 阿卡珊瑚 砗磲 虎骨 熊胆 熊掌 天然麝香 麝香仁"
        " 羚羊角 鹤顶红 盔犀鸟"
        " 保护动物 野生动物",
        exceptions="象牙白 象牙色 象牙塔 象牙果 仿象牙 猛犸象牙 野生动物园",
    ),
    entry(
        "firearms",
        "枪支弹药及仿真枪",
        "Firearms, ammunition and replica guns",
        "《枪支管理法》第二十二条（禁止制造、销售仿制式枪支）；《刑法》第一百二十五条；公安部《仿真枪认定标准》",
        "枪支 手枪 步枪 猎枪 气枪 气步枪 气狗 钢珠枪 火药枪 土铳 鸟铳 枪管 枪&消音器 子弹 弹药 霰弹 铅弹"
        " 仿真枪 仿真&枪 枪模&金属|1:1 狙击枪",
        exceptions="充气枪 吹气枪 喷气枪 打气枪 手枪钻 子弹笔记 子弹头 弹药箱",
        notes="玩具水枪、泡泡枪、声光玩具枪和软弹玩具是普通商品；仿真枪（外形、结构逼真）禁售。",
    ),
    entry(
        "gel-blasters",
        "水弹枪",
        "Gel-ball blasters",
        "平台规则：外形逼真的水弹枪按仿真枪处理，人工审核；《枪支管理法》第二十二条",
        "水弹枪 凝胶弹 水弹发射器",
        outcome="hold",
        notes="人工看图：外形逼真的按仿真枪下架，明显的儿童玩具放行。",
    ),
    entry(
        "controlled-weapons",
        "管制刀具与防身器械",
        "Controlled knives and weapons",
        "公安部《管制刀具认定标准》；《治安管理处罚法》；公安部等《关于对弩实行管制的通知》",
        "管制刀具 匕首 三棱刀 三棱刮刀 弹簧刀 跳刀 蝴蝶刀 开刃&剑|武士刀|唐刀|苗刀|刺刀|军刀 刺刀 军刺 甩棍"
        " 伸缩棍 伸缩警棍 电击器 电击棍 电警棍 电棍 防狼喷雾 辣椒水&喷雾|防身 催泪喷雾 催泪瓦斯 弩"
        " 指虎 手刺 防身&刀|棍|喷雾",
        notes="菜刀、水果刀、剪刀、美工刀、瑞士军刀这类日用刀具是普通商品。",
    ),
    entry(
        "police-uniforms",
        "警用、军用制式服装与装备",
        "Police and military uniforms and equipment",
        "《人民警察法》；《军服管理条例》（禁止买卖现役军服）",
        "警服 警用装备 警用器材 警用器械 警徽 警衔 警号 军衔 现役军服 武警服 制式服装",
        notes="户外迷彩服不在此列。",
    ),
    entry(
        "explosives-fireworks",
        "爆炸物与烟花爆竹",
        "Explosives and fireworks",
        "《刑法》第一百二十五条；《民用爆炸物品安全管理条例》；《烟花爆竹安全管理条例》（零售须许可）",
        "炸药 雷管 导火索 导爆索 爆炸物 黑火药 火药 烟花 爆竹 鞭炮 礼花 摔炮 擦炮 二踢脚 窜天猴 冷烟花",
        exceptions="电子烟花 烟花灯 电子鞭炮 电子爆竹 礼花筒",
        notes="电子鞭炮、LED烟花灯是普通装饰。",
    ),
    entry(
        "narcotics",
        "毒品与易成瘾物质",
        "Narcotics",
        "《刑法》第三百四十七条；《禁毒法》",
        "毒品 大麻 冰毒 麻古 摇头丸 k粉 氯胺酮 海洛因 可卡因 鸦片 罂粟 笑气 神仙水 听话水 迷药 致幻 依托咪酯"
        " 上头烟",
    ),
    entry(
        "medicines",
        "药品",
        "Medicines",
        "《药品管理法》第六十一条（个人不得网络销售药品，特殊管理药品不得网络销售）；《药品网络销售监督管理办法》",
        "处方药 药品 药物 药片 胶囊 片剂 注射液 针剂 口服液 冲剂 混悬液 软膏 眼药水 滴眼液 安眠药"
        " 消炎药 感冒药"
        " 退烧药 止痛药 降压药 降糖药 抗生素 避孕药 中成药 西药 布洛芬 对乙酰氨基酚 阿莫西林 头孢"
        " 阿奇霉素 胰岛素"
        " 硝苯地平 二甲双胍 阿司匹林 奥司他韦 连花清瘟 艾司唑仑 阿普唑仑 地西泮 曲马多 右美沙芬"
        " 西布曲明 减肥药"
        " 壮阳药 春药 催情 伟哥 西地那非 狂犬疫苗 hpv疫苗",
        exceptions="咖啡胶囊 胶囊咖啡 胶囊机 胶囊旅馆 胶囊衣橱",
        not_when="药箱 药盒 分药盒 药品收纳",
        notes="个人闲置药品也不能转卖。空药箱、分药盒是普通商品。",
    ),
    entry(
        "medical-devices",
        "须注册的医疗器械",
        "Medical devices that need registration",
        "《医疗器械监督管理条例》（第三类医疗器械经营须许可）；《医疗器械网络销售监督管理办法》",
        "隐形眼镜 美瞳 角膜塑形镜 ok镜 玻尿酸注射 注射用玻尿酸 水光针 肉毒素 瘦脸针 溶脂针 童颜针",
        exceptions="隐形眼镜盒 隐形眼镜伴侣盒 美瞳盒 美瞳伴侣盒",
        notes="血压计、体温计、轮椅、雾化器这类家用器械的闲置转让不在此列。",
    ),
    entry(
        "tobacco",
        "烟草制品与电子烟",
        "Tobacco and e-cigarettes",
        "《烟草专卖法》（烟草制品零售须取得烟草专卖零售许可证）；《电子烟管理办法》（禁止通过信息网络销售电子烟）",
        "香烟 卷烟 烟草 烟丝 烟叶 雪茄 电子烟 烟弹 雾化弹 雾化杆 条烟 中华烟 软中华 硬中华 芙蓉王"
        " 万宝路 爱喜 悦刻 relx 尼古丁 烟油",
        exceptions="电子烟花 雪茄盒 雪茄剪 雪茄柜 雪茄刀",
        notes="烟灰缸、打火机、烟斗是普通商品。",
    ),
    entry(
        "counterfeit-currency",
        "假币与仿制人民币",
        "Counterfeit currency",
        "《刑法》第一百七十一条（出售、购买假币罪）；《人民币管理条例》",
        "假币 假钞 假钱 伪钞 高仿币 仿真币 仿真钱 道具币 道具钱 练功券 练功钞",
    ),
    entry(
        "surveillance-devices",
        "窃听窃照与跟踪设备",
        "Covert surveillance and tracking devices",
        "《刑法》第二百八十三条、第二百八十四条（窃听、窃照专用器材）",
        "针孔 隐蔽摄像 隐形摄像 偷拍 偷窥 伪装摄像 摄像头&伪装|隐蔽|纽扣 窃听 监听器 窃听器 跟踪器 查岗"
        " 定位&查岗|跟踪|强磁|免安装|隐蔽|出轨|老公|老婆",
        exceptions="婴儿监听 宝宝监听 监听耳机 监听音箱",
        notes="家用摄像头、儿童定位手表、自家车辆的防盗定位器是普通商品。",
    ),
    entry(
        "jammers-fake-base-stations",
        "信号屏蔽器与伪基站",
        "Signal jammers and fake base stations",
        "《刑法》第二百八十八条（扰乱无线电通讯管理秩序罪）；《无线电管理条例》",
        "屏蔽器 信号屏蔽 干扰器 信号干扰 伪基站 短信群发器 群发设备 黑广播",
    ),
    entry(
        "exam-cheating",
        "考试作弊器材与答案",
        "Exam cheating devices and answers",
        "《刑法》第二百八十四条之一（组织考试作弊罪；为他人提供作弊器材）",
        "作弊 考试答案 答案包过 考试包过 包过&考试|考证|驾考|证书 替考 代考 考试耳机 隐形耳机&考试",
    ),
    entry(
        "fraud-services",
        "刷单、刷评等欺诈服务",
        "Fake reviews and other paid fraud services",
        "《电子商务法》第十七条；《反不正当竞争法》第八条；《刑法》第二百八十七条之二",
        "刷单 刷好评 刷评 刷销量 刷信誉 刷量 刷粉 涨粉 买粉 代刷 刷赞 水军 代扣分 驾照分 销分&驾|扣分"
        " 征信修复 征信洗白"
        " 套现 解封&账号|微信|qq 外挂&游戏|辅助|透视 自瞄",
    ),
    entry(
        "forged-documents-invoices",
        "假证、发票与印章",
        "Forged certificates, invoices and seals",
        "《刑法》第二百八十条、第二百零五条至第二百零九条（虚开、出售发票）",
        "代开发票 发票代开 出售发票 发票出售 虚开 假发票 办证 代办证 假证 假文凭 假学历"
        " 毕业证|学位证|学历|文凭"
        "&代办|可查|可验|出售 刻章 私刻 公章&刻|出售 证书挂靠",
    ),
    entry(
        "lottery",
        "彩票",
        "Lottery tickets",
        "《彩票管理条例》（彩票只由发行、销售机构及其代销者销售；未经批准不得网络销售）",
        "彩票 刮刮乐 双色球 大乐透 体彩 福彩 七星彩 排列三",
    ),
    entry(
        "gambling-devices",
        "赌博与出千器材",
        "Gambling and cheating devices",
        "《刑法》第三百零三条；《治安管理处罚法》",
        "赌博 赌具 老虎机 赌博机 透视扑克 作弊扑克 扑克&透视|作弊|分析仪 麻将&作弊|遥控|透视 千术 出千",
        notes="普通扑克、麻将和麻将机是普通商品。",
    ),
    entry(
        "hazardous-chemicals",
        "剧毒与危险化学品",
        "Toxic and hazardous chemicals",
        "《危险化学品安全管理条例》；《易制毒化学品管理条例》",
        "氰化物 氰化钠 氰化钾 砒霜 百草枯 毒鼠强 剧毒 易制毒 硝酸铵 危险化学品 麻黄碱",
    ),
    entry(
        "obscene-material",
        "淫秽物品",
        "Obscene material",
        "《刑法》第三百六十三条；《治安管理处罚法》",
        "色情 黄片 成人视频 av资源 裸照 淫秽 迷奸",
    ),
    entry(
        "recalled-goods",
        "召回产品",
        "Recalled products",
        "《消费品召回管理暂行规定》；《产品质量法》",
        "召回 召回批次 已召回",
        outcome="hold",
        notes="人工核实是否已按召回方案处理。",
    ),
]
