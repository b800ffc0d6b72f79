import { DownloadOutlined, StarFilled } from '@ant-design/icons';
import { Button, DatePicker, Tag } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n';

/** Colours of the pyramid layers, top (diamond) to base (public). */
export const layerColors: Record<string, string> = {
  diamond: '#5b8ff9',
  jade: '#36b37e',
  platinum: '#8c8c8c',
  gem: '#c41d7f',
  gold: '#faad14',
  crystal: '#69c0ff',
  business: '#95a5c6',
  public: '#c9d3e6',
  none: '#e8e8e8',
};
const tagColors: Record<string, string> = {
  diamond: 'geekblue',
  jade: 'green',
  platinum: 'default',
  gem: 'magenta',
  gold: 'gold',
  crystal: 'cyan',
  business: 'blue',
  public: 'default',
  none: 'default',
};

export function useLayerLabel() {
  const t = useT();
  return (layer: string | null | undefined) => t(`grading.layer.${layer ?? 'none'}`);
}

export function LayerTag({ layer }: { layer: string | null | undefined }) {
  const label = useLayerLabel();
  return <Tag color={tagColors[layer ?? 'none']}>{label(layer)}</Tag>;
}

export function Stars({ stars }: { stars: number | null | undefined }) {
  const t = useT();
  if (stars === null || stars === undefined) return null;
  if (stars === 0) return <span style={{ color: '#8c8c8c' }}>{t('grading.noStars')}</span>;
  return (
    <span title={t('grading.starsValue', { stars })} style={{ color: '#faad14', whiteSpace: 'nowrap' }}>
      {['s1', 's2', 's3', 's4', 's5'].slice(0, stars).map((k) => (
        <StarFilled key={k} />
      ))}
    </span>
  );
}

/** A month picker bound to a 'YYYY-MM' period. */
export function PeriodPicker(props: {
  value?: string;
  onChange: (period: string | undefined) => void;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      picker="month"
      allowClear={props.allowClear ?? false}
      value={props.value ? dayjs(`${props.value}-01`) : undefined}
      onChange={(d) => props.onChange(d ? d.format('YYYY-MM') : undefined)}
      style={{ width: 130 }}
    />
  );
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Downloads rows as a CSV file (UTF-8 with BOM, so spreadsheet programs read Chinese text). */
export function downloadCsv(filename: string, header: string[], rows: unknown[][]) {
  const text = `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CsvButton(props: { onClick: () => void; href?: undefined } | { href: string; onClick?: undefined }) {
  const t = useT();
  return (
    <Button size="small" icon={<DownloadOutlined />} href={props.href} onClick={props.onClick}>
      {t('grading.exportCsv')}
    </Button>
  );
}

/** Fen as a yuan number for charts. */
export const yuan = (fen: number) => Math.round(fen) / 100;
/** Compact money for axes: 12,345,678 fen -> '12.3万' / '123.5K'. */
export function compactYuan(v: number, locale: string): string {
  if (locale === 'zh-CN') {
    if (Math.abs(v) >= 1e8) return `${(v / 1e8).toFixed(1)}亿`;
    if (Math.abs(v) >= 1e4) return `${(v / 1e4).toFixed(1)}万`;
    return String(Math.round(v));
  }
  if (Math.abs(v) >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (Math.abs(v) >= 1e3) return `${(v / 1e3).toFixed(1)}K`;
  return String(Math.round(v));
}
