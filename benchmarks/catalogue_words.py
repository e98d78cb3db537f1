"""Words the generated catalogues are made of, shared by the search benchmark and the load generator."""

WORDS = {
    "phones": [
        "iPhone 13 手机",
        "华为 Mate 40 手机",
        "小米 12S",
        "OPPO Reno8 手机",
        "荣耀 X40",
        "vivo X80 手机",
    ],
    "computers": ["ThinkPad X1", "MacBook Air", "戴尔显示器", "机械键盘", "联想小新"],
    "appliances": ["美的空调", "海尔冰箱", "小天鹅洗衣机", "格兰仕微波炉", "九阳豆浆机"],
    "furniture": ["实木书桌", "布艺沙发", "宜家书架", "折叠餐桌", "儿童学习椅"],
    "clothing": ["羽绒服", "男士西装", "运动鞋", "毛呢大衣", "连衣裙"],
    "books": ["考研数学", "儿童绘本", "金庸全集", "英语教辅", "编程入门"],
    "bicycles": ["山地车", "折叠自行车", "儿童自行车", "公路车"],
    "sports": ["瑜伽垫", "羽毛球拍", "哑铃", "帐篷"],
}
ADJECTIVES = ["九成新", "自用", "闲置", "搬家出", "几乎全新", "便宜出", "可小刀", "送配件"]
