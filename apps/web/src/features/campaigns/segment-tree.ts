// The segment builder's model: a tree of and/or groups (up to three levels, as the server accepts) whose leaves are
// editable condition rows, turned into the contract's definition (incomplete rows left out) and back.
import type { SegmentCondition, SegmentDefinition } from '@crm/contracts';

export const MAX_DEPTH = 3;

export type Field =
  | 'category'
  | 'tier'
  | 'abc'
  | 'industry'
  | 'tenureMonths'
  | 'monthlySpend'
  | 'internationalSpend'
  | 'longDistanceSpend'
  | 'spendTrend'
  | 'holdsProduct'
  | 'groupOf'
  | 'occupation'
  | 'ageBand'
  | 'incomeBand'
  | 'churnRisk'
  | 'satisfaction';
export const fields: Field[] = [
  'category',
  'tier',
  'abc',
  'industry',
  'tenureMonths',
  'monthlySpend',
  'internationalSpend',
  'longDistanceSpend',
  'spendTrend',
  'holdsProduct',
  'groupOf',
  'churnRisk',
  'satisfaction',
  'occupation',
  'ageBand',
  'incomeBand',
];
export const listFields = new Set<Field>([
  'category',
  'tier',
  'abc',
  'industry',
  'occupation',
  'ageBand',
  'incomeBand',
]);
export const moneyFields = new Set<Field>(['monthlySpend', 'internationalSpend', 'longDistanceSpend']);
/** Fields compared with ≥ / ≤. */
export const comparedFields = new Set<Field>([
  'tenureMonths',
  'monthlySpend',
  'internationalSpend',
  'longDistanceSpend',
  'spendTrend',
  'churnRisk',
  'satisfaction',
]);

export type Row = {
  kind: 'row';
  key: string;
  field: Field;
  op: 'gte' | 'lte';
  text: string;
  num: number | null;
  holds: boolean;
  measure: 'csat' | 'nps';
};
export type Group = { kind: 'group'; key: string; op: 'and' | 'or'; children: Node[] };
export type Node = Row | Group;

let seq = 0;
const nextKey = () => `n${++seq}`;
export const newRow = (field: Field = 'category', text = ''): Row => ({
  kind: 'row',
  key: nextKey(),
  field,
  op: 'gte',
  text,
  num: null,
  holds: true,
  measure: 'csat',
});
export const newGroup = (op: 'and' | 'or' = 'and', children: Node[] = [newRow()]): Group => ({
  kind: 'group',
  key: nextKey(),
  op,
  children,
});

/** A row as a condition of the contract (null while incomplete). */
export function toCondition(r: Row): SegmentCondition | null {
  const values = r.text
    .split(/[,，\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
  if (listFields.has(r.field) || r.field === 'holdsProduct') {
    if (!values.length) return null;
    if (r.field === 'holdsProduct') return { field: 'holdsProduct', holds: r.holds, values };
    return { field: r.field, values } as SegmentCondition;
  }
  if (r.num === null || !Number.isFinite(r.num)) return null;
  const n = Math.round(r.num);
  if (moneyFields.has(r.field)) {
    return { field: r.field, op: r.op, valueFen: Math.round(r.num * 100), months: 3 } as SegmentCondition;
  }
  switch (r.field) {
    case 'spendTrend':
      return { field: 'spendTrend', op: r.op, pct: n, months: 3 };
    case 'groupOf':
      return { field: 'groupOf', customerId: n };
    case 'churnRisk':
      return { field: 'churnRisk', op: r.op, pct: Math.min(100, Math.max(0, n)) };
    case 'satisfaction':
      return {
        field: 'satisfaction',
        measure: r.measure,
        op: r.op,
        value: Math.min(r.measure === 'csat' ? 5 : 10, Math.max(0, n)),
        months: 12,
      };
    default:
      return { field: 'tenureMonths', op: r.op, value: n };
  }
}

type DefGroup = { op: 'and' | 'or'; children: (SegmentCondition | DefGroup)[] };

/** The tree as the contract's definition; incomplete rows and groups left empty by them are dropped. */
export function toDefinition(root: Group): SegmentDefinition {
  const walk = (g: Group): DefGroup => ({
    op: g.op,
    children: g.children.flatMap((c): (SegmentCondition | DefGroup)[] => {
      if (c.kind === 'row') {
        const cond = toCondition(c);
        return cond ? [cond] : [];
      }
      const sub = walk(c);
      return sub.children.length ? [sub] : [];
    }),
  });
  return walk(root) as SegmentDefinition;
}

/** A saved definition back into an editable tree. */
export function fromDefinition(def: SegmentDefinition): Group {
  const walk = (g: DefGroup): Group =>
    newGroup(
      g.op,
      g.children.map((c) => ('field' in c ? fromCondition(c) : walk(c))),
    );
  return walk(def as DefGroup);
}

function fromCondition(c: SegmentCondition): Row {
  const r = newRow(c.field as Field);
  if ('values' in c) r.text = c.values.join(', ');
  if ('holds' in c) r.holds = c.holds;
  if ('op' in c) r.op = c.op;
  if ('valueFen' in c) r.num = c.valueFen / 100;
  else if ('pct' in c) r.num = c.pct;
  else if ('value' in c) r.num = c.value;
  else if ('customerId' in c) r.num = c.customerId;
  if ('measure' in c) r.measure = c.measure;
  return r;
}

/** How deep the groups nest (the root is level 1). */
export const depthOf = (g: Group): number =>
  1 + Math.max(0, ...g.children.map((c) => (c.kind === 'group' ? depthOf(c) : 0)));

/** Whether a group at `level` (root = 1) may hold another group. */
export const canNest = (level: number) => level < MAX_DEPTH;

/** A copy of the tree with the node of `key` replaced by `f(node)` (or removed when `f` returns null). */
export function updateNode(root: Group, key: string, f: (n: Node) => Node | null): Group {
  const walk = (g: Group): Group => ({
    ...g,
    children: g.children.flatMap((c) => {
      if (c.key === key) {
        const next = f(c);
        return next ? [next] : [];
      }
      return c.kind === 'group' ? [walk(c)] : [c];
    }),
  });
  if (root.key === key) {
    const next = f(root);
    return next && next.kind === 'group' ? next : root;
  }
  return walk(root);
}
