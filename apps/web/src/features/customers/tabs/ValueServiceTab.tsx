import type { CustomerCategory } from '@crm/contracts';
import { Col, Row } from 'antd';
import { CustomerGradingCard } from '../../grading/CustomerGradingCard';
import { CustomerAccountTeamCard, CustomerEntitlementsCard } from '../../ka/CustomerCards';

/** Value grading (tier, stars, ABC, how it was computed) and, for key accounts, entitlements and the account team. */
export function ValueServiceTab({ customerId, category }: { customerId: number; category: CustomerCategory }) {
  const isKeyAccount = category === 'key_account';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={isKeyAccount ? 12 : 24}>
        <CustomerGradingCard customerId={customerId} />
      </Col>
      {isKeyAccount && (
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <CustomerAccountTeamCard customerId={customerId} />
            </Col>
            <Col span={24}>
              <CustomerEntitlementsCard customerId={customerId} />
            </Col>
          </Row>
        </Col>
      )}
    </Row>
  );
}
