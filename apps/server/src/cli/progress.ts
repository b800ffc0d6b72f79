// Terminal progress bars of the CLI (cli-progress; drawn only on a TTY, silent when the output is piped).
import cliProgress from 'cli-progress';

export type ProgressBar = {
  /** Reports `done` of `total` rows; without a total (an .xlsx file is read without counting) only rows are shown. */
  progress: (done: number, total?: number) => Promise<void>;
  /** Shows the final count (`done` of `done` when given) and stops the bar. */
  stop: (done?: number) => void;
};

export function progressBar(label: string): ProgressBar {
  const head = label.padEnd(10);
  const tail = '{value} rows | {rate} rows/s | {duration_formatted}';
  let bar: cliProgress.SingleBar | null = null;
  let counted = false;
  const started = Date.now();
  const rateOf = (done: number) => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  const create = (withTotal: boolean) => {
    counted = withTotal;
    bar = new cliProgress.SingleBar(
      {
        format: withTotal
          ? `${head} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | {duration_formatted}`
          : `${head} ${tail}`,
      },
      cliProgress.Presets.shades_classic,
    );
    return bar;
  };
  return {
    progress: async (done, total) => {
      const rate = rateOf(done);
      if (!bar) {
        create(total !== undefined).start(total ?? Math.max(done, 1), done, { rate });
        return;
      }
      // A bar started without a total keeps counting rows (no percentage) even when the total turns up at the end.
      bar.setTotal(counted && total !== undefined ? total : Math.max(done, 1));
      bar.update(done, { rate });
    },
    stop: (done) => {
      if (!bar) return;
      if (done !== undefined) {
        bar.setTotal(Math.max(done, 1));
        bar.update(done, { rate: rateOf(done) });
      }
      bar.stop();
    },
  };
}
