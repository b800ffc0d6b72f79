// Dictionaries for people and places of the demo operator. Characters carry their pinyin ("王wang") so that
// e-mail addresses can be derived from names.

/** Parses "王wang 李li" into [["王", "wang"], ["李", "li"]]. */
function withPinyin(list: string): ReadonlyArray<readonly [string, string]> {
  return list
    .trim()
    .split(/\s+/)
    .map((token) => {
      const m = /^([^a-z]+)([a-z]+)$/.exec(token);
      if (!m) throw new Error(`bad dictionary entry ${token}`);
      return [m[1], m[2]] as const;
    });
}

/** The most frequent surnames, most frequent first (weights fall off with rank), plus a few compound ones. */
export const surnames = withPinyin(`
王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao
林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong
袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui
钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin
邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao
万wan 钱qian 严yan 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 欧阳ouyang 司马sima 上官shangguan 诸葛zhuge
`);

export const maleGivenChars = withPinyin(`
伟wei 强qiang 磊lei 军jun 勇yong 杰jie 涛tao 斌bin 超chao 明ming 刚gang 平ping 辉hui 鹏peng 华hua 飞fei 鑫xin
波bo 宇yu 浩hao 凯kai 健jian 俊jun 帆fan 旭xu 宁ning 龙long 林lin 阳yang 建jian 国guo 峰feng 亮liang 成cheng
志zhi 东dong 文wen 海hai 晨chen 博bo 毅yi 锋feng 振zhen 永yong 德de 立li 江jiang 卫wei 天tian 子zi 轩xuan 睿rui
`);

export const femaleGivenChars = withPinyin(`
芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 霞xia 燕yan 玲ling 婷ting 雪xue 琳lin 颖ying 倩qian 洁jie 慧hui 萍ping
红hong 月yue 晶jing 莉li 丹dan 欣xin 怡yi 佳jia 梦meng 悦yue 蕾lei 璐lu 雯wen 茜qian 露lu 瑶yao 婧jing 秀xiu 兰lan
凤feng 梅mei 琴qin 云yun 诗shi 雨yu 涵han 萱xuan 思si 晓xiao 亚ya 春chun 美mei
`);

/** Road names shared by all demo cities. */
export const roads =
  `中山路 中山北路 解放路 人民路 建设路 长江路 北京东路 汉中路 珠江路 和平路 新华路 胜利路 文化路 学府路
黄河路 延安路 湖滨路 青年路 东风路 工业大道 科技大道 创业路 金融街 滨江大道 环城东路 环城西路 健康路 振兴路 友谊路 光明路
朝阳路 太平路 复兴路 迎宾大道 新城大道 园区大道 星湖街 运河路 东方大道 世纪大道`
    .split(/\s+/)
    .filter(Boolean);

/** Residential compounds (小区) for public customers' addresses. */
export const compounds =
  `阳光花园 翠苑 金色家园 碧水湾 锦绣华庭 东方明珠苑 万科城 绿地新都会 名都花园 幸福里 南湖新村 梅园新村 凤凰城
香榭丽都 紫荆苑 颐和家园 滨江壹号 书香门第 银杏苑 花语城 恒大名都 龙湖春江 保利香槟 融创玖樟 世茂滨江 和平新村 工人新村
学府雅苑 丽景湾 天地新城`
    .split(/\s+/)
    .filter(Boolean);

/** Office buildings for organisations' addresses. */
export const buildings =
  `金鼎大厦 国贸中心 环球中心 世纪广场 华润大厦 汇金大厦 财富中心 科技园A座 创新大厦 金融中心 新城大厦 商务中心
星光大厦 东方大厦 中天大厦 万达广场 天安数码城 软件园B座 德基广场 时代广场`
    .split(/\s+/)
    .filter(Boolean);

export const occupations = [
  '企业职员',
  '公务员',
  '教师',
  '医生',
  '护士',
  '工程师',
  'IT从业者',
  '金融从业者',
  '销售人员',
  '个体经营者',
  '工人',
  '司机',
  '自由职业者',
  '学生',
  '退休人员',
  '农民',
] as const;

export const ageBands = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const incomeBands = ['<3000', '3000-5999', '6000-9999', '10000-19999', '20000+'] as const;

export const interests =
  `高尔夫 网球 羽毛球 钓鱼 摄影 登山 书法 茶艺 围棋 收藏 旅游 读书 红酒 太极 跑步 游泳 音乐 京剧 篮球 足球`
    .split(/\s+/)
    .filter(Boolean);

/** E-mail providers individuals use. */
export const mailProviders = ['163.com', 'qq.com', '126.com', 'sina.com', 'foxmail.com', 'aliyun.com'] as const;

/** Mobile prefixes: the operator's own (for its subscribers' numbers) and other operators' (for contacts). */
export const ownMobilePrefixes = ['133', '153', '173', '177', '180', '181', '189', '191', '199'] as const;
export const otherMobilePrefixes = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '185',
  '186',
  '187',
  '188',
] as const;

/** Resident ID region codes of people born outside the two demo provinces (migrants). */
export const migrantRegionCodes = [
  '340104',
  '340302',
  '410105',
  '411302',
  '510107',
  '110105',
  '310115',
  '360102',
  '370102',
  '420106',
  '430104',
  '320382',
  '321002',
  '330782',
] as const;
