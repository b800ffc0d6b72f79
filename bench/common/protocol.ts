// The measuring protocol of issue 16, shared by the bench scripts: a run swings with the machine, so each ratio is
// the median of alternating rounds (product, reference, product, ...) printed with its spread, beside the load
// average and the PostgreSQL planner settings the run saw, and the server's peak resident memory.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `median (min-max)` of a list, with `digits` decimals. */
export const withSpread = (xs: number[], digits = 2): string =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;

export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Resident memory of a process in MB (Linux /proc), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 200 ms until `stop()`, which answers the peak in MB. */
export function watchRss(pid: number) {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) ?? 0);
    },
  };
}

const PLANNER_SETTINGS = [
  'max_parallel_workers_per_gather',
  'jit',
  'work_mem',
  'shared_buffers',
  'effective_cache_size',
  'random_page_cost',
  'synchronous_commit',
];

/** The PostgreSQL settings that change plans and timings, as one line. */
export async function plannerSettings(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      'select name, setting, unit from pg_settings where name = any($1) order by name',
      [PLANNER_SETTINGS],
    );
    return rows.map((r) => `${r.name}=${r.setting}${r.unit && r.unit !== '' ? r.unit : ''}`).join(' ');
  } finally {
    await c.end();
  }
}
