import { Tag } from 'antd';
import { type EnumName, enumLabel, useT } from '../i18n';

/** Tag colours per enum value; values not listed use the neutral tag. */
const colors: Partial<Record<EnumName, Record<string, string>>> = {
  category: { key_account: 'gold', business: 'blue', public: 'default' },
  customerStatus: { prospect: 'purple', active: 'green', suspended: 'orange', churned: 'default' },
  decisionRole: {
    decision_maker: 'red',
    technical_lead: 'geekblue',
    finance: 'gold',
    procurement: 'cyan',
    user: 'default',
    influencer: 'purple',
  },
  attitude: { supporter: 'green', neutral: 'blue', opponent: 'red', unknown: 'default' },
  accountStatus: { active: 'green', suspended: 'orange', closed: 'default' },
  productStatus: { pending: 'processing', active: 'green', suspended: 'orange', terminated: 'default' },
  contractStatus: { draft: 'default', active: 'green', expired: 'orange', terminated: 'default' },
  industry: {},
  organizationType: { government: 'red', public_security: 'red', fortune500: 'gold', education: 'cyan' },
  role: { admin: 'red', manager: 'purple', account_manager: 'blue' },
};

export function EnumTag({ name, value }: { name: EnumName; value: string | null | undefined }) {
  const t = useT();
  if (!value) return null;
  return (
    <Tag color={colors[name]?.[value] ?? 'default'} style={{ marginInlineEnd: 4 }}>
      {enumLabel(t, name, value)}
    </Tag>
  );
}
