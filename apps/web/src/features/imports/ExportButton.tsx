import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Dropdown } from 'antd';
import { buildUrl } from '../../api/client';
import { useAuth } from '../../auth';
import { useLocale, useT } from '../../i18n';

export type ExportButtonProps = {
  entity: 'customers' | 'bills';
  /** The list view's current filters (the same query parameters as its list API, without paging). */
  filters?: Record<string, unknown>;
};

/**
 * Downloads the list as .xlsx or .csv (streamed by GET /api/<entity>/export with the same filters, in the user's data
 * scope, PII masked for roles without pii.read). Hidden without the `data.export` permission.
 */
export function ExportButton({ entity, filters = {} }: ExportButtonProps) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  if (!can('data.export')) return null;
  const { limit: _limit, offset: _offset, current: _current, pageSize: _pageSize, ...rest } = filters;
  const url = (format: 'xlsx' | 'csv') =>
    buildUrl(`/api/${entity}/export`, { ...rest, format, lang: locale === 'en' ? 'en' : 'zh' });
  const download = (format: 'xlsx' | 'csv') => {
    const a = document.createElement('a');
    a.href = url(format);
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  return (
    <Dropdown.Button
      icon={<DownOutlined />}
      onClick={() => download('xlsx')}
      menu={{
        items: [
          { key: 'xlsx', label: t('exports.xlsx') },
          { key: 'csv', label: t('exports.csv') },
        ],
        onClick: ({ key }) => download(key as 'xlsx' | 'csv'),
      }}
    >
      <DownloadOutlined /> {t('exports.button')}
    </Dropdown.Button>
  );
}
