// Shared table-column helpers: dates, date-times and people's names never wrap (a wrapped "2026-12-07" reads as
// "20 / 26- / 12- / 07", a wrapped "许国宁" as "许国 / 宁"). Spread them into antd or ProTable columns:
//   columns={[nameColumn(title, 'ownerName'), dateTimeColumn(title, 'createdAt')]}
import type { CSSProperties, ReactNode } from 'react';
import { EMPTY, formatDate, formatDateTime } from '../format';

export const nowrapStyle: CSSProperties = { whiteSpace: 'nowrap' };
const nowrapCell = () => ({ style: nowrapStyle });

/** Cell and header props keeping a column on one line; spread into any column. */
export const noWrap = { onCell: nowrapCell, onHeaderCell: nowrapCell } as const;

/** Widths that fit the formatted value on one line (Noto Sans CJK, antd small tables). */
export const columnWidths = { date: 110, dateTime: 150, name: 96 } as const;

type Row = Record<string, unknown>;
const fieldOf = (r: unknown, key: string) => (r as Row)?.[key];

type Extra = { width?: number; hideInSearch?: boolean; sorter?: boolean };

function column(title: ReactNode, dataIndex: string, width: number, show: (v: unknown) => ReactNode, extra: Extra) {
  return {
    title,
    dataIndex,
    width: extra.width ?? width,
    ...noWrap,
    ...(extra.hideInSearch === false ? {} : { hideInSearch: true as const }),
    ...(extra.sorter ? { sorter: true } : {}),
    // The row is `any` so the helpers never narrow the record type antd infers from the table's dataSource.
    // biome-ignore lint/suspicious/noExplicitAny: see above
    render: (_: unknown, r: any) => show(fieldOf(r, dataIndex)),
  };
}

/** A calendar date or a timestamp's Asia/Shanghai date: "2026-12-07", one line. */
export const dateColumn = (title: ReactNode, dataIndex: string, extra: Extra = {}) =>
  column(title, dataIndex, columnWidths.date, (v) => formatDate(v as string | null), extra);

/** A timestamp in Asia/Shanghai: "2026-12-07 14:05", one line. */
export const dateTimeColumn = (title: ReactNode, dataIndex: string, extra: Extra = {}) =>
  column(title, dataIndex, columnWidths.dateTime, (v) => formatDateTime(v as string | null), extra);

/** A person's display name, one line (an empty value shows "—"). */
export const nameColumn = (title: ReactNode, dataIndex: string, extra: Extra = {}) =>
  column(
    title,
    dataIndex,
    columnWidths.name,
    (v) => (v === null || v === undefined || v === '' ? EMPTY : String(v)),
    extra,
  );

/** Inline wrapper for one-line text inside a custom render. */
export function NoWrap({ children }: { children: ReactNode }) {
  return <span style={nowrapStyle}>{children}</span>;
}
