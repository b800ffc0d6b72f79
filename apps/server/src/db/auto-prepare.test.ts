import { describe, expect, it } from 'vitest';
import { createStatementNamer } from './auto-prepare';

describe('automatic prepared statements', () => {
  it('names a parameterised statement from its second run on, with a name derived from its text', () => {
    const nameFor = createStatementNamer();
    const text = 'select * from tickets where customer_id = $1';
    expect(nameFor(text)).toBeUndefined();
    const name = nameFor(text);
    expect(name).toMatch(/^a_[0-9a-f]{24}$/);
    expect(nameFor(text)).toBe(name);
    expect(createStatementNamer()(text) ?? createStatementNamer({ minUses: 1 })(text)).toBe(name);
  });
  it('never prepares statements without parameters (DDL, maintenance, constant queries)', () => {
    const nameFor = createStatementNamer({ minUses: 1 });
    expect(nameFor('select 1')).toBeUndefined();
    expect(nameFor('vacuum analyze bills')).toBeUndefined();
  });
  it('stops preparing new texts beyond the bound, so dynamic SQL cannot pile up statements on a connection', () => {
    const nameFor = createStatementNamer({ minUses: 1, maxStatements: 2 });
    expect(nameFor('select $1::int as a')).toBeDefined();
    expect(nameFor('select $1::int as b')).toBeDefined();
    expect(nameFor('select $1::int as c')).toBeUndefined();
    expect(nameFor('select $1::int as a')).toBeDefined();
  });
});
