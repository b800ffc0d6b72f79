import { Link } from 'react-router-dom';
import { useT } from '../../i18n';

/** A link to the customer's 360 page, named by the customer (the follow-up list carries the name). */
export function CustomerLink({ customerId, name }: { customerId: number; name: string | null }) {
  const t = useT();
  return <Link to={`/customers/${customerId}`}>{name ?? t('surveys.fu.customerNo', { id: customerId })}</Link>;
}
