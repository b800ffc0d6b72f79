import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useT } from '../../i18n';

/** A link to the customer's 360 page, named by the customer (the follow-up carries only the id). */
export function CustomerLink({ customerId }: { customerId: number }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['surveys', 'customer-name', customerId],
    queryFn: () => api.get<{ customer: { name: string } }>(`/api/customers/${customerId}`),
    staleTime: 5 * 60_000,
    select: (d) => d.customer.name,
  });
  return <Link to={`/customers/${customerId}`}>{data ?? t('surveys.fu.customerNo', { id: customerId })}</Link>;
}
