// Pieces shared by the satisfaction dashboard's tabs: number formats, segment values in words, the wave picker.
import { Select } from 'antd';
import { useState } from 'react';
import type { useT } from '../../../i18n';
import { type Segment, segments, useWaveSummaries } from '../analytics-api';

export const nowrap = { whiteSpace: 'nowrap' as const };
export const fixed = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));

export function labelOr(t: ReturnType<typeof useT>, key: string, fallback: string) {
  const v = t(key);
  return v === key ? fallback : v;
}
const segmentKey: Partial<Record<Segment, string>> = {
  tier: 'ka.tier',
  category: 'enum.category',
  industry: 'enum.industry',
  channel: 'surveys.channel',
  ticket_type: 'sd.type',
};
/** A segment value in words (tiers, categories, industries, channels, ticket types), else as given. */
export const segLabel = (t: ReturnType<typeof useT>, segment: Segment, key: string) =>
  segmentKey[segment] ? labelOr(t, `${segmentKey[segment]}.${key}`, t('surveys.unknownValue')) : key;

/** A segment row's name: unclassified, the server's label (org units, managers) or the value in words. */
export const segmentText = (t: ReturnType<typeof useT>, segment: Segment, key: string | null, label?: string | null) =>
  key === null || key === ''
    ? t('surveys.sat.segmentNone')
    : segment === 'org_unit' || segment === 'account_manager'
      ? (label ?? key)
      : segLabel(t, segment, key);

/** The segment dimension to break the figures down by. */
export function SegmentPicker({
  t,
  value,
  onChange,
}: {
  t: ReturnType<typeof useT>;
  value: Segment;
  onChange: (s: Segment) => void;
}) {
  return (
    <Select
      size="small"
      style={{ width: 140 }}
      value={value}
      onChange={onChange}
      options={segments.map((v) => ({ value: v, label: t(`surveys.sat.segment.${v}`) }))}
    />
  );
}

/** The waves with more than two answers, to analyse. */
export function WavePicker({ value, onChange }: { value?: number; onChange: (id: number) => void }) {
  const waves = useWaveSummaries();
  return (
    <Select
      size="small"
      style={{ width: 240 }}
      value={value}
      loading={waves.isLoading}
      onChange={onChange}
      options={(waves.data ?? []).filter((w) => w.answered > 2).map((w) => ({ value: w.id, label: w.name }))}
    />
  );
}

/** The picked wave, else the latest one with answers. */
export function useDefaultWave() {
  const waves = useWaveSummaries();
  const [picked, setPicked] = useState<number>();
  const latest = (waves.data ?? []).filter((w) => w.answered > 2).at(-1)?.id;
  return [picked ?? latest, setPicked] as const;
}
