import { describe, expect, it } from 'vitest';
import { likePatternOf, searchTermsOf, segmentsOf, suggestionTermsOf } from './kb.models';

describe('knowledge-base search terms', () => {
  it('splits a query on spaces and Chinese punctuation into terms that must all match', () => {
    expect(searchTermsOf('宽带 包月')).toEqual(['包月', '宽带']);
    expect(searchTermsOf('数字电路，故障')).toEqual(['数字电路', '故障']);
    expect(searchTermsOf('  ')).toEqual([]);
    expect(searchTermsOf(undefined)).toEqual([]);
  });
  it('drops repeated terms and terms inside a longer one', () => {
    expect(searchTermsOf('宽带 宽带包月 包月 ADSL adsl')).toEqual(['adsl', '宽带包月']);
  });
  it('keeps at most eight terms', () => {
    expect(searchTermsOf('a1 b2 c3 d4 e5 f6 g7 h8 i9 j10')).toHaveLength(8);
  });
  it('escapes LIKE wildcards', () => {
    expect(likePatternOf('100%_达标')).toBe('%100\\%\\_达标%');
  });
});

describe('knowledge-base Chinese segmentation', () => {
  it('cuts a run-together Chinese query into words', () => {
    expect(segmentsOf('数字电路故障')).toEqual(['数字', '电路', '故障']);
    expect(segmentsOf('宽带包月')).toEqual(['宽带', '包月']);
  });
  it('keeps short terms and Latin terms whole', () => {
    expect(segmentsOf('宽带')).toEqual(['宽带']);
    expect(segmentsOf('adsl')).toEqual(['adsl']);
  });
  it('pairs an odd last character with the one before it', () => {
    expect(segmentsOf('宽带包')).toEqual(['宽带', '带包']);
  });
});

describe('words of a ticket for knowledge-base suggestions', () => {
  it('cuts the ticket text into subject words, dropping stop words, single characters and numbers', () => {
    expect(suggestionTermsOf('客户反映宽带改为包月后账单仍按小时计费，要求核查')).toEqual(
      expect.arrayContaining(['宽带', '包月', '账单', '小时', '计费', '核查']),
    );
    const words = suggestionTermsOf('客户反映宽带改为包月后账单仍按小时计费，要求核查 2000');
    for (const w of ['客户', '反映', '要求', '2000']) expect(words).not.toContain(w);
    expect(suggestionTermsOf('专线中断。专线中断')).toEqual(['专线', '中断']);
    expect(suggestionTermsOf('ADSL line down')).toEqual(['adsl', 'line', 'down']);
    expect(suggestionTermsOf('')).toEqual([]);
  });
  it('keeps at most twelve words', () => {
    expect(
      suggestionTermsOf('alpha beta gamma delta epsilon zeta theta iota kappa lambda sigma omega rho'),
    ).toHaveLength(12);
  });
});
