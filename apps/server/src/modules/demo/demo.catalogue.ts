// The product catalogue (TMF620 ProductOffering) of the demo operator.

export type OfferingDef = {
  code: string;
  nameZh: string;
  nameEn: string;
  family: 'voice' | 'data' | 'mobile' | 'dedicated_line' | 'idc_cloud' | 'value_added';
  monthlyYuan: number;
};

/** The product catalogue (TMF620 ProductOffering) of the demo operator. */
export const offeringDefs: OfferingDef[] = [
  { code: 'FIXED_LINE', nameZh: '固定电话', nameEn: 'Fixed telephone line', family: 'voice', monthlyYuan: 25 },
  { code: 'FIXED_BIZ', nameZh: '商务固话', nameEn: 'Business telephone line', family: 'voice', monthlyYuan: 40 },
  { code: 'CENTREX', nameZh: '汇线通（Centrex）', nameEn: 'Centrex group', family: 'voice', monthlyYuan: 400 },
  { code: 'CENTREX_CONSOLE', nameZh: '汇线通话务台', nameEn: 'Centrex console', family: 'voice', monthlyYuan: 200 },
  { code: 'ANALOG_TRUNK', nameZh: '模拟中继线', nameEn: 'Analogue trunk line', family: 'voice', monthlyYuan: 150 },
  { code: 'ISDN_PRI', nameZh: 'ISDN数字中继（30B+D）', nameEn: 'ISDN PRI trunk', family: 'voice', monthlyYuan: 1200 },
  { code: 'BB_HOME', nameZh: '家庭宽带', nameEn: 'Home broadband', family: 'data', monthlyYuan: 100 },
  {
    code: 'BB_BIZ_140',
    nameZh: '商务宽带（140元/月+4元/小时）',
    nameEn: 'Business broadband (140 yuan/month + 4 yuan/hour)',
    family: 'data',
    monthlyYuan: 140,
  },
  {
    code: 'BB_BIZ_UNL',
    nameZh: '商务宽带包月不限时',
    nameEn: 'Business broadband unlimited',
    family: 'data',
    monthlyYuan: 600,
  },
  { code: 'MOBILE', nameZh: '移动电话套餐', nameEn: 'Mobile plan', family: 'mobile', monthlyYuan: 59 },
  { code: 'PHS', nameZh: '小灵通', nameEn: 'PHS handset line', family: 'mobile', monthlyYuan: 20 },
  {
    code: 'PHS_GROUP',
    nameZh: '小灵通集团群内通话包',
    nameEn: 'PHS in-group calling bundle',
    family: 'value_added',
    monthlyYuan: 6,
  },
  {
    code: 'DIGITAL_CIRCUIT',
    nameZh: '数字电路',
    nameEn: 'Digital circuit (E1)',
    family: 'dedicated_line',
    monthlyYuan: 2550,
  },
  {
    code: 'METRO_ETH',
    nameZh: '城域网专线',
    nameEn: 'Metro Ethernet dedicated line',
    family: 'dedicated_line',
    monthlyYuan: 8000,
  },
  {
    code: 'INTERNET_DL',
    nameZh: '互联网专线',
    nameEn: 'Dedicated Internet access',
    family: 'dedicated_line',
    monthlyYuan: 5000,
  },
  { code: 'DDN', nameZh: 'DDN专线', nameEn: 'DDN leased line', family: 'dedicated_line', monthlyYuan: 1800 },
  { code: 'SDH', nameZh: 'SDH专线', nameEn: 'SDH leased line', family: 'dedicated_line', monthlyYuan: 15000 },
  { code: 'IDC_RACK', nameZh: 'IDC机柜租用', nameEn: 'IDC rack rental', family: 'idc_cloud', monthlyYuan: 5000 },
  { code: 'IDC_BW', nameZh: 'IDC出口带宽', nameEn: 'IDC bandwidth', family: 'idc_cloud', monthlyYuan: 3000 },
  { code: 'CLOUD_VM', nameZh: '云主机', nameEn: 'Cloud server', family: 'idc_cloud', monthlyYuan: 800 },
  { code: 'HOTLINE_400', nameZh: '400电话', nameEn: '400 service number', family: 'value_added', monthlyYuan: 300 },
  { code: 'SMS_BULK', nameZh: '集团短信', nameEn: 'Bulk SMS', family: 'value_added', monthlyYuan: 200 },
  {
    code: 'INTL_VIP',
    nameZh: '国际长途VIP套餐',
    nameEn: 'International long-distance VIP plan',
    family: 'value_added',
    monthlyYuan: 100,
  },
  { code: 'CONFERENCE', nameZh: '会议电话', nameEn: 'Conference calling', family: 'value_added', monthlyYuan: 50 },
  { code: 'IPTV', nameZh: 'IPTV电视', nameEn: 'IPTV', family: 'value_added', monthlyYuan: 15 },
];

export type OfferingCode = (typeof offeringDefs)[number]['code'];
