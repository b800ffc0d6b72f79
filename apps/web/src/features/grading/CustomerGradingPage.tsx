import { PageContainer } from '@ant-design/pro-components';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../i18n';
import { CustomerGradingCard } from './CustomerGradingCard';

/** One customer's grading on its own page (drill-down target; the customer 360 page embeds the same card). */
export function CustomerGradingPage() {
  const t = useT();
  const id = Number(useParams().id);
  return (
    <PageContainer title={t('grading.card.title')} subTitle={<Link to={`/customers/${id}`}>#{id}</Link>}>
      <CustomerGradingCard customerId={id} />
    </PageContainer>
  );
}
