import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutraliseCell } from './exports.models';

describe('formula neutralisation of exported cells', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('prefixes a quote to the text %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('keeps ordinary text, empty cells and numbers (negative amounts stay numbers)', () => {
    expect(neutraliseCell('王小明')).toBe('王小明');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('')).toBe('');
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell(-12.5)).toBe(-12.5);
    expect(neutraliseCell(0)).toBe(0);
  });

  it('writes neutralised and quoted CSV cells', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', null, 1, '-x'])).toBe("a,,1,'-x");
  });
});
