export const roles = [
  'admin',
  'manager',
  'account_manager',
  'agent',
  'back_office',
  'quality',
  'marketing',
  'finance',
] as const;
export type Role = (typeof roles)[number];

export const orgLevels = ['group', 'province', 'city', 'district'] as const;
export const customerCategories = ['key_account', 'business', 'public'] as const;
export type CustomerCategory = (typeof customerCategories)[number];
export const publicSubtypes = ['residential', 'mobile'] as const;
export const customerStatuses = ['prospect', 'active', 'suspended', 'churned'] as const;
export const partyTypes = ['organization', 'individual'] as const;
export const coverageLevels = ['national', 'provincial', 'local'] as const;
export const organizationTypes = [
  'government',
  'public_security',
  'fortune500',
  'education',
  'enterprise',
  'sme',
  'other',
] as const;
/** The 12 KA industry categories of the domain brief. */
export const industries = [
  'finance',
  'tourism_hotel',
  'government_military',
  'retail_catering',
  'real_estate',
  'transport_logistics',
  'telecom_operator',
  'electronics_it',
  'manufacturing_mining',
  'public_services',
  'education_health',
  'other',
] as const;
export const decisionRoles = [
  'decision_maker',
  'technical_lead',
  'finance',
  'procurement',
  'user',
  'influencer',
] as const;
export const attitudes = ['supporter', 'neutral', 'opponent', 'unknown'] as const;
export const interactionChannels = ['phone', 'visit', 'counter', 'email', 'sms', 'wechat', 'web', 'other'] as const;
export const interactionDirections = ['inbound', 'outbound'] as const;
export const paymentMethods = ['cash', 'bank_debit', 'transfer', 'prepaid'] as const;
export const accountStatuses = ['active', 'suspended', 'closed'] as const;
export const productFamilies = ['voice', 'data', 'mobile', 'dedicated_line', 'idc_cloud', 'value_added'] as const;
export const productStatuses = ['pending', 'active', 'suspended', 'terminated'] as const;
export const contractStatuses = ['draft', 'active', 'expired', 'terminated'] as const;
