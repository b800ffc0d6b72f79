import { describe, expect, it } from 'vitest';
import { workerBeatHealth } from './jobs.models';

describe('job worker liveness', () => {
  it('is alive while its timer beat within 30 seconds', () => {
    expect(workerBeatHealth({ intervalMs: 1_000, lastBeatAt: 100_000 }, 129_000)).toEqual({
      alive: true,
      lastBeatMsAgo: 29_000,
    });
  });

  it('is dead when the timer has not beaten for longer than 30 seconds and three intervals', () => {
    expect(workerBeatHealth({ intervalMs: 1_000, lastBeatAt: 100_000 }, 131_000).alive).toBe(false);
    expect(workerBeatHealth({ intervalMs: 20_000, lastBeatAt: 100_000 }, 159_000).alive).toBe(true);
  });
});
