import {
  accountStatuses,
  attitudes,
  contractStatuses,
  coverageLevels,
  customerCategories,
  customerStatuses,
  decisionRoles,
  industries,
  interactionChannels,
  interactionDirections,
  organizationTypes,
  orgLevels,
  partyTypes,
  paymentMethods,
  productFamilies,
  productStatuses,
  publicSubtypes,
  roles,
} from '@crm/contracts';

/**
 * Every enum of @crm/contracts by its message namespace: the label of a value is `t('enum.<name>.<value>')`,
 * e.g. `t('enum.category.key_account')` -> '大客户'. The labels live in messages/enums.ts.
 */
export const enumValues = {
  role: roles,
  orgLevel: orgLevels,
  category: customerCategories,
  publicSubtype: publicSubtypes,
  customerStatus: customerStatuses,
  partyType: partyTypes,
  coverageLevel: coverageLevels,
  organizationType: organizationTypes,
  industry: industries,
  decisionRole: decisionRoles,
  attitude: attitudes,
  channel: interactionChannels,
  direction: interactionDirections,
  paymentMethod: paymentMethods,
  accountStatus: accountStatuses,
  productFamily: productFamilies,
  productStatus: productStatuses,
  contractStatus: contractStatuses,
} as const;

export type EnumName = keyof typeof enumValues;
export type EnumValue<N extends EnumName> = (typeof enumValues)[N][number];

export const enumKey = (name: EnumName, value: string) => `enum.${name}.${value}`;
