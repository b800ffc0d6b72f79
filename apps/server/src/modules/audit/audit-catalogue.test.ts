import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditActions, auditEntities, auditJobActors, auditUserIdFields } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { ledgerKinds } from '../loyalty/loyalty.models';

// Every audit record the code writes must be one the web can label: its action, entity and (for jobs) actor name are
// in the catalogue of @crm/contracts (audit-catalogue.ts), and every column holding a user id is shown as a name.

const src = join(__dirname, '..', '..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}
const files = sourceFiles(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));

/** The text between the parenthesis opening at `start` and its match. */
function argsAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(start + 1, i);
  }
  return text.slice(start + 1);
}

/** The expression of property `name` in an object literal's text (up to the next top-level comma). */
function property(args: string, name: string): string | null {
  const m = new RegExp(`(?:^|[\\s{,])${name}:\\s*`).exec(args);
  if (!m) return null;
  let depth = 0;
  let i = m.index + m[0].length;
  const from = i;
  for (; i < args.length; i++) {
    const c = args[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) break;
  }
  return args.slice(from, i).trim();
}

/** Non-literal action and entity expressions of the code, with the values they can take. */
const knownExpressions: Record<string, readonly string[]> = {
  // commitments.service: the commitment workflow actions (commitments.models CommitmentAction)
  'input.action': ['approve', 'reject', 'fulfil', 'cancel'],
  // loyalty.service: one ledger movement
  'm.kind': ledgerKinds,
  // discounts.service: a discount request decision
  'input.decision': ['approve', 'reject'],
  // investments.service: the evaluation workflow (investments.models WorkflowAction), written as shorthand `action,`
  'action (investments)': ['submit', 'forward', 'return', 'approve', 'reject'],
};

type Write = { file: string; action: string[]; entity: string[]; unknown: string[] };
function auditWrites(): Write[] {
  const out: Write[] = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(/\b(recordAudit|recordPiiRead|recordExport)\(/g)) {
      if (text.slice(Math.max(0, m.index - 16), m.index).includes('function')) continue;
      const args = argsAt(text, m.index + m[0].length - 1);
      const write: Write = { file: path, action: [], entity: [], unknown: [] };
      if (m[1] === 'recordPiiRead') write.action.push('read_pii');
      if (m[1] === 'recordExport') write.action.push('export');
      for (const key of ['action', 'entity'] as const) {
        if (key === 'action' && m[1] !== 'recordAudit') continue;
        const shorthand = new RegExp(`[\\s{,]${key},`).test(args);
        const expr = property(args, key) ?? (shorthand ? `${key} (${path.split('/')[1]})` : null);
        if (expr === null) {
          write.unknown.push(`${key} (not an object literal property)`);
          continue;
        }
        // string literals, except those compared against in a condition (`to === 'closed' ? 'close' : ...`)
        const literals = [...expr.matchAll(/(===?\s*|!==?\s*)?'([^']+)'/g)].filter((l) => !l[1]).map((l) => l[2]);
        const values = expr in knownExpressions ? knownExpressions[expr] : literals;
        if (values.length === 0) write.unknown.push(`${key}: ${expr}`);
        write[key].push(...values);
      }
      out.push(write);
    }
  }
  return out;
}

describe('audit catalogue', () => {
  const writes = auditWrites();

  it('finds the audit writes of the code', () => {
    expect(writes.length).toBeGreaterThan(150);
  });

  it('knows every action and entity the code writes, so the web can label them', () => {
    const actions = new Set<string>(auditActions);
    const entities = new Set<string>(auditEntities);
    const missing = writes.flatMap((w) => [
      ...w.action.filter((a) => !actions.has(a)).map((a) => `${w.file}: action '${a}'`),
      ...w.entity.filter((e) => !entities.has(e)).map((e) => `${w.file}: entity '${e}'`),
      ...w.unknown.map((u) => `${w.file}: ${u} (add it to knownExpressions)`),
    ]);
    expect(missing).toEqual([]);
  });

  it('knows every job that writes audit records without a user', () => {
    const jobs = new Set<string>(auditJobActors);
    const named = files.flatMap(({ path, text }) =>
      [...text.matchAll(/systemActor\('([^']+)'\)|userId: null, name: '([^']+)'/g)].map((m) => ({
        path,
        name: m[1] ?? m[2],
      })),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !jobs.has(n.name)).map((n) => `${n.path}: ${n.name}`)).toEqual([]);
  });

  it('shows every column referencing users.id as a person', () => {
    const fields = new Set<string>(auditUserIdFields);
    const columns = files
      .filter((f) => f.path.endsWith('.table.ts'))
      .flatMap(({ text }) =>
        [...text.matchAll(/(\w+): (?:integer|bigint)\('\w+'[^)]*\)([\s\S]*?)(?=\n\s+\w+: |\n\s*\}|$)/g)]
          .filter((m) => m[2].includes('users.id'))
          .map((m) => m[1]),
      );
    expect(columns.length).toBeGreaterThan(20);
    expect([...new Set(columns)].filter((c) => !fields.has(c))).toEqual([]);
  });

  it('lists each action, entity and job once', () => {
    for (const list of [auditActions, auditEntities, auditJobActors, auditUserIdFields]) {
      expect(new Set<string>(list).size).toBe(list.length);
    }
  });
});
