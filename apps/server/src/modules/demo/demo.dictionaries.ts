// Organisation structure, company-name parts, the product catalogue and text templates of the demo operator.
import type { industries } from '@crm/contracts';

export type Industry = (typeof industries)[number];

export type DistrictDef = { code: string; name: string; nameEn: string };
export type CityDef = {
  code: string;
  name: string;
  nameEn: string;
  /** Short name used in company names ("南京"). */
  short: string;
  area: string;
  /** Share of the customer base. */
  weight: number;
  /** Resident-ID / credit-code region codes of the city's districts, with their names. */
  regions: ReadonlyArray<readonly [string, string]>;
  /** District branches (org units) of the city. */
  districts: DistrictDef[];
};
export type ProvinceDef = { code: string; name: string; nameEn: string; short: string; cities: CityDef[] };

export const groupUnit = { code: 'HQ', name: '集团公司', nameEn: 'Group headquarters' } as const;

export const provinceDefs: ProvinceDef[] = [
  {
    code: 'JS',
    name: '江苏省',
    nameEn: 'Jiangsu',
    short: '江苏',
    cities: [
      {
        code: 'NJ',
        name: '南京市',
        nameEn: 'Nanjing',
        short: '南京',
        area: '025',
        weight: 0.2,
        regions: [
          ['320102', '玄武区'],
          ['320104', '秦淮区'],
          ['320105', '建邺区'],
          ['320106', '鼓楼区'],
          ['320111', '浦口区'],
          ['320113', '栖霞区'],
          ['320114', '雨花台区'],
          ['320115', '江宁区'],
        ],
        districts: [
          { code: 'NJ-GL', name: '鼓楼区分公司', nameEn: 'Gulou branch' },
          { code: 'NJ-JN', name: '江宁区分公司', nameEn: 'Jiangning branch' },
        ],
      },
      {
        code: 'SZ',
        name: '苏州市',
        nameEn: 'Suzhou',
        short: '苏州',
        area: '0512',
        weight: 0.2,
        regions: [
          ['320508', '姑苏区'],
          ['320506', '吴中区'],
          ['320507', '相城区'],
          ['320509', '吴江区'],
          ['320583', '昆山市'],
        ],
        districts: [{ code: 'SZ-YQ', name: '工业园区分公司', nameEn: 'Industrial Park branch' }],
      },
      {
        code: 'WX',
        name: '无锡市',
        nameEn: 'Wuxi',
        short: '无锡',
        area: '0510',
        weight: 0.12,
        regions: [
          ['320213', '梁溪区'],
          ['320211', '滨湖区'],
          ['320214', '新吴区'],
          ['320281', '江阴市'],
        ],
        districts: [],
      },
      {
        code: 'CZ',
        name: '常州市',
        nameEn: 'Changzhou',
        short: '常州',
        area: '0519',
        weight: 0.08,
        regions: [
          ['320402', '天宁区'],
          ['320404', '钟楼区'],
          ['320411', '新北区'],
          ['320412', '武进区'],
        ],
        districts: [],
      },
    ],
  },
  {
    code: 'ZJ',
    name: '浙江省',
    nameEn: 'Zhejiang',
    short: '浙江',
    cities: [
      {
        code: 'HZ',
        name: '杭州市',
        nameEn: 'Hangzhou',
        short: '杭州',
        area: '0571',
        weight: 0.2,
        regions: [
          ['330102', '上城区'],
          ['330105', '拱墅区'],
          ['330106', '西湖区'],
          ['330108', '滨江区'],
          ['330109', '萧山区'],
          ['330110', '余杭区'],
        ],
        districts: [
          { code: 'HZ-XH', name: '西湖区分公司', nameEn: 'Xihu branch' },
          { code: 'HZ-BJ', name: '滨江区分公司', nameEn: 'Binjiang branch' },
        ],
      },
      {
        code: 'NB',
        name: '宁波市',
        nameEn: 'Ningbo',
        short: '宁波',
        area: '0574',
        weight: 0.12,
        regions: [
          ['330203', '海曙区'],
          ['330205', '江北区'],
          ['330206', '北仑区'],
          ['330212', '鄞州区'],
        ],
        districts: [{ code: 'NB-YZ', name: '鄞州区分公司', nameEn: 'Yinzhou branch' }],
      },
      {
        code: 'WZ',
        name: '温州市',
        nameEn: 'Wenzhou',
        short: '温州',
        area: '0577',
        weight: 0.08,
        regions: [
          ['330302', '鹿城区'],
          ['330303', '龙湾区'],
          ['330304', '瓯海区'],
          ['330382', '乐清市'],
        ],
        districts: [],
      },
    ],
  },
];

/** Characters for company brand names (字号), with pinyin for web domains. */
export const brandChars =
  '华hua 瑞rui 恒heng 达da 金jin 鼎ding 宏hong 远yuan 新xin 天tian 汇hui 通tong 盛sheng 泰tai 安an 和he 信xin 诚cheng 德de 海hai 博bo 创chuang 佳jia 顺shun 凯kai 鑫xin 隆long 兴xing 嘉jia 成cheng 永yong 昌chang 富fu 源yuan 中zhong 联lian 益yi 丰feng 润run 祥xiang 广guang 东dong 方fang 明ming 光guang 宇yu 立li 辉hui 耀yao 星xing 科ke 晟sheng 弘hong 卓zhuo 越yue 精jing 睿rui 智zhi 捷jie 讯xun'
    .split(' ')
    .map((t) => [t.replace(/[a-z]+$/, ''), t.replace(/^[^a-z]+/, '')] as const);

/** Business-line words (行业表述) of company names per industry, with pinyin. */
export const industryWords: Record<Industry, ReadonlyArray<readonly [string, string]>> = {
  finance: [
    ['投资', 'touzi'],
    ['融资担保', 'danbao'],
    ['证券咨询', 'zhengquan'],
    ['保险代理', 'baoxian'],
    ['资产管理', 'zichan'],
  ],
  tourism_hotel: [
    ['大酒店', 'hotel'],
    ['酒店管理', 'hotels'],
    ['国际旅行社', 'travel'],
    ['文化娱乐', 'yule'],
    ['度假村', 'resort'],
  ],
  government_military: [['后勤服务', 'houqin']],
  retail_catering: [
    ['商贸', 'shangmao'],
    ['超市连锁', 'chaoshi'],
    ['餐饮管理', 'canyin'],
    ['食品', 'food'],
    ['百货', 'baihuo'],
  ],
  real_estate: [
    ['置业', 'zhiye'],
    ['房地产开发', 'fdc'],
    ['物业管理', 'wuye'],
    ['建设发展', 'jianshe'],
  ],
  transport_logistics: [
    ['物流', 'logistics'],
    ['运输', 'yunshu'],
    ['快递', 'express'],
    ['供应链管理', 'scm'],
    ['仓储', 'cangchu'],
  ],
  telecom_operator: [
    ['通信技术', 'tongxin'],
    ['宽带网络', 'kuandai'],
    ['信息通信', 'ict'],
  ],
  electronics_it: [
    ['电子', 'dianzi'],
    ['软件', 'soft'],
    ['信息技术', 'it'],
    ['智能科技', 'tech'],
    ['数据科技', 'data'],
  ],
  manufacturing_mining: [
    ['机械', 'jixie'],
    ['化工', 'chem'],
    ['钢铁', 'steel'],
    ['纺织', 'fangzhi'],
    ['汽车零部件', 'auto'],
    ['新材料', 'material'],
    ['建材', 'jiancai'],
  ],
  public_services: [
    ['燃气', 'gas'],
    ['水务', 'water'],
    ['环保科技', 'huanbao'],
    ['公交', 'bus'],
  ],
  education_health: [
    ['医药', 'pharm'],
    ['医疗器械', 'medical'],
    ['教育科技', 'edu'],
    ['健康管理', 'health'],
  ],
  other: [
    ['咨询', 'consult'],
    ['广告', 'ad'],
    ['贸易', 'trade'],
    ['实业', 'shiye'],
    ['设计', 'design'],
  ],
};

/** Shop words of individually owned businesses (个体工商户). */
export const shopWords = [
  '餐馆',
  '便利店',
  '美发店',
  '汽车维修店',
  '水果店',
  '茶庄',
  '五金店',
  '服装店',
  '药房',
  '文印店',
  '面馆',
  '烟酒店',
];

export const governmentDepartments = [
  '人民政府办公室',
  '财政局',
  '交通运输局',
  '税务局',
  '人力资源和社会保障局',
  '住房和城乡建设局',
  '市场监督管理局',
  '卫生健康委员会',
  '教育局',
  '自然资源和规划局',
  '生态环境局',
  '统计局',
  '商务局',
  '文化和旅游局',
  '应急管理局',
  '水务局',
  '城市管理局',
];

export const publicSecurityUnits = ['交通警察支队', '出入境管理支队', '网络安全保卫支队', '刑事侦查支队', '指挥中心'];

export const universities = ['理工大学', '师范大学', '医科大学', '财经大学', '职业技术学院', '城市学院', '外国语学校'];

/** Fictional multinationals (Fortune-500-like): nationality, brand, business line, pinyin. */
export const multinationals: ReadonlyArray<readonly [string, string, string, string]> = [
  ['美商', '杜力', '化工', 'duli'],
  ['德商', '西蒙子', '电气', 'simonz'],
  ['德商', '博达世', '汽车零部件', 'bodashi'],
  ['荷商', '飞立浦', '电子', 'feilipu'],
  ['韩商', '三晟', '电子', 'samsheng'],
  ['日商', '丰通', '汽车', 'fengtong'],
  ['美商', '霍尼达', '自动化', 'honida'],
  ['德商', '拜安', '医药', 'baian'],
  ['瑞士', '雀宝', '食品', 'quebao'],
  ['美商', '沃尔达', '商业', 'woerda'],
  ['法商', '施耐尔', '电气', 'schneir'],
  ['美商', '英特达', '半导体', 'yinteda'],
  ['日商', '松本', '电器', 'songben'],
  ['英商', '汇丰达', '银行', 'huifengda'],
  ['美商', '通达物流', '物流', 'tongdawl'],
  ['德商', '巴斯夫特', '化学', 'basft'],
];

/** Contact titles per decision role (enterprise style; government/education variants in the second list). */
export const contactTitles: Record<string, readonly [readonly string[], readonly string[]]> = {
  decision_maker: [
    ['总经理', '副总经理', '董事长'],
    ['局长', '副局长', '院长', '主任'],
  ],
  technical_lead: [
    ['信息中心主任', 'IT经理', '网络部经理', 'CIO'],
    ['信息科科长', '信息中心主任', '网络管理员'],
  ],
  finance: [
    ['财务总监', '财务经理'],
    ['财务处处长', '计财科科长'],
  ],
  procurement: [
    ['采购经理', '采购部主管'],
    ['招标采购中心主任', '装备处处长'],
  ],
  user: [
    ['行政主管', '行政经理', '办公室主任'],
    ['办公室主任', '综合科科长'],
  ],
  influencer: [
    ['董事长助理', '总经理助理', '技术顾问'],
    ['办公室副主任', '副院长'],
  ],
};

export const visitTopics = [
  '专线扩容需求',
  '视频会议方案',
  '云业务上云迁移',
  '合同续签',
  '资费调整诉求',
  '新业务推介（5G专网）',
  '网络安全服务',
  '季度满意度回访',
  '故障处理后回访',
  '节日关怀',
  '分支机构组网',
  '话务台升级',
];

export const hotlineTopics = ['账单查询', '宽带故障报修', '套餐变更咨询', '停复机办理', '积分兑换', '号码过户咨询'];
