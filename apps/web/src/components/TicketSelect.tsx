import type { TicketSummary, TicketType } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useT } from '../i18n';

type Props = {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** Only tickets of this type (e.g. complaints for a responsibility record). */
  type?: TicketType;
  placeholder?: string;
  'data-testid'?: string;
};

export const ticketOptionLabel = (t: Pick<TicketSummary, 'ticketNo' | 'title'>) => `${t.ticketNo} ${t.title}`;

/**
 * An optional ticket picker searching the visible tickets (the service-desk list) by number or title as one
 * types; shows "number title". Works as a Form.Item control (value = ticket id).
 */
export function TicketSelect({ value, onChange, type, placeholder, ...rest }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [picked, setPicked] = useState<{ value: number; label: string }>();
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useQuery({
    queryKey: ['tickets', 'pick', type, debounced],
    queryFn: () =>
      api.get<{ items: TicketSummary[] }>('/api/service-desk/tickets', {
        limit: 20,
        ...(type ? { type } : {}),
        ...(debounced ? { search: debounced } : {}),
      }),
    select: (page) => page.items.map((i) => ({ value: i.id, label: ticketOptionLabel(i) })),
    staleTime: 30_000,
  });
  const options = [...(found.data ?? [])];
  if (value && picked?.value === value && !options.some((o) => o.value === value)) options.unshift(picked);
  return (
    <Select<number>
      {...rest}
      allowClear
      showSearch
      filterOption={false}
      value={value}
      placeholder={placeholder ?? t('ticketSelect.placeholder')}
      notFoundContent={found.isFetching ? t('ticketSelect.searching') : t('ticketSelect.none')}
      loading={found.isFetching}
      options={options}
      onSearch={setSearch}
      onChange={(id) => {
        setPicked(options.find((o) => o.value === id));
        onChange?.(id ?? undefined);
      }}
    />
  );
}
