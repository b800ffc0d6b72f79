import type { CustomerSummary } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { listCustomers } from './api';

type Props = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The current customer (cannot be its own parent / referrer). */
  excludeId?: number;
  /** Display text of the initial value before any search ran. */
  initialLabel?: string;
};

/** Searches customers by name, number or phone (server-side) and picks one by id. */
export function CustomerSelect({ value, onChange, excludeId, initialLabel }: Props) {
  const t = useT();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);

  const { data, isFetching } = useQuery({
    queryKey: ['customers', 'list', { search, limit: 20, picker: true }],
    queryFn: () => listCustomers({ search, limit: 20 }),
    enabled: search.length > 0,
  });
  const items: CustomerSummary[] = (data?.items ?? []).filter((c) => c.id !== excludeId);
  const options = items.map((c) => ({ value: c.id, label: `${c.name} (${c.customerNo})` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });

  return (
    <Select<number>
      allowClear
      showSearch
      filterOption={false}
      value={value ?? undefined}
      onSearch={setInput}
      onChange={(v) => onChange?.(v ?? null)}
      loading={isFetching}
      options={options}
      placeholder={t('customers.picker.placeholder')}
      notFoundContent={search ? t('common.noData') : t('customers.picker.typeToSearch')}
    />
  );
}
