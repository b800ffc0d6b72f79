// Chinese and English labels of the enums that appear in import and export files (values may be given either as
// the code or as a label). Kept in step with the web catalog apps/web/src/i18n/messages/enums.ts.

export const enumLabels: Record<string, Record<string, { zh: string; en: string }>> = {
  partyType: {
    organization: { zh: '单位', en: 'Organisation' },
    individual: { zh: '个人', en: 'Individual' },
  },
  category: {
    key_account: { zh: '大客户', en: 'Key account' },
    business: { zh: '商业客户', en: 'Business' },
    public: { zh: '公众客户', en: 'Public' },
  },
  publicSubtype: {
    residential: { zh: '住宅客户', en: 'Residential' },
    mobile: { zh: '流动客户', en: 'Mobile' },
  },
  customerStatus: {
    prospect: { zh: '潜在', en: 'Prospect' },
    active: { zh: '在网', en: 'Active' },
    suspended: { zh: '暂停', en: 'Suspended' },
    churned: { zh: '离网', en: 'Churned' },
  },
  industry: {
    finance: { zh: '金融', en: 'Finance' },
    tourism_hotel: { zh: '旅游酒店娱乐', en: 'Tourism, hotels & entertainment' },
    government_military: { zh: '党政军', en: 'Party, government & military' },
    retail_catering: { zh: '批发零售餐饮', en: 'Wholesale, retail & catering' },
    real_estate: { zh: '房地产', en: 'Real estate' },
    transport_logistics: { zh: '交通物流仓储', en: 'Transport, logistics & warehousing' },
    telecom_operator: { zh: '电信运营商', en: 'Telecom operators' },
    electronics_it: { zh: '电子制造与IT服务', en: 'Electronics & IT services' },
    manufacturing_mining: { zh: '采矿与制造', en: 'Mining & manufacturing' },
    public_services: { zh: '公共事业', en: 'Public services' },
    education_health: { zh: '科教文卫', en: 'Science, education, culture & health' },
    other: { zh: '其他', en: 'Other' },
  },
  coverageLevel: {
    national: { zh: '全国性', en: 'National' },
    provincial: { zh: '省级', en: 'Provincial' },
    local: { zh: '本地', en: 'Local' },
  },
  organizationType: {
    government: { zh: '党政机关', en: 'Government' },
    public_security: { zh: '公检法', en: 'Public security' },
    fortune500: { zh: '世界500强', en: 'Fortune 500' },
    education: { zh: '教育机构', en: 'Education' },
    enterprise: { zh: '企业', en: 'Enterprise' },
    sme: { zh: '中小企业', en: 'SME' },
    other: { zh: '其他', en: 'Other' },
  },
  decisionRole: {
    decision_maker: { zh: '决策者', en: 'Decision maker' },
    technical_lead: { zh: '技术把关', en: 'Technical lead' },
    finance: { zh: '财务把关', en: 'Finance' },
    procurement: { zh: '采购', en: 'Procurement' },
    user: { zh: '使用者', en: 'User' },
    influencer: { zh: '影响者', en: 'Influencer' },
  },
  attitude: {
    supporter: { zh: '支持', en: 'Supporter' },
    neutral: { zh: '中立', en: 'Neutral' },
    opponent: { zh: '反对', en: 'Opponent' },
    unknown: { zh: '未知', en: 'Unknown' },
  },
  paymentMethod: {
    cash: { zh: '现金', en: 'Cash' },
    bank_debit: { zh: '银行托收', en: 'Bank debit' },
    transfer: { zh: '转账', en: 'Bank transfer' },
    prepaid: { zh: '预付费', en: 'Prepaid' },
  },
  accountStatus: {
    active: { zh: '正常', en: 'Active' },
    suspended: { zh: '暂停', en: 'Suspended' },
    closed: { zh: '已销户', en: 'Closed' },
  },
  productStatus: {
    pending: { zh: '待开通', en: 'Pending' },
    active: { zh: '在用', en: 'Active' },
    suspended: { zh: '暂停', en: 'Suspended' },
    terminated: { zh: '已拆机', en: 'Terminated' },
  },
};
