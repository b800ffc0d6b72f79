import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { buildApp } from './app';
import { loadConfig } from './config';
import { backgroundHandle } from './db/background';
import { openDatabase } from './db/client';
import { migrateDatabase, withStartupLock } from './db/migrate';
import { registerAllJobs } from './jobs';
import { gradeDemoOperator } from './modules/demo/demo.followups';
import { demoLogins, loadDemoOperator } from './modules/demo/demo.service';
import { startJobWorker } from './modules/jobs/jobs.service';
import { bootstrapAdministrator, countUsers } from './modules/org/org.service';
import { productionLoggerOptions } from './platform/logging';
import { createRequestGate } from './platform/request-priority';

type Config = ReturnType<typeof loadConfig>;
type Handle = Awaited<ReturnType<typeof openDatabase>>;

/**
 * Migrates the database and, when it is empty, loads the demo operator or creates the first administrator; one
 * process at a time (an advisory lock on PostgreSQL), so servers started together on several hosts do not race.
 */
const prepareDatabase = (config: Config, handle: Handle) =>
  withStartupLock(handle, () => prepareDatabaseNow(config, handle));

async function prepareDatabaseNow(config: Config, handle: Handle) {
  await migrateDatabase(handle);

  if ((await countUsers({ db: handle.db })) === 0) {
    if (config.demo) {
      console.log('Empty database: loading the demo operator (about 20,000 customers) ...');
      await loadDemoOperator({ handle, customers: 20_000, progress: true });
      console.log('Grading the demo operator (value tiers, stars, ABC) ...');
      await gradeDemoOperator({ db: handle.db, log: console.log });
    } else {
      const password = config.initialAdminPassword ?? randomBytes(12).toString('base64url');
      await bootstrapAdministrator({ db: handle.db, password });
      console.log('Empty database: created the initial administrator.');
      if (!config.initialAdminPassword)
        console.log(`  username: admin   password: ${password}   (shown once; change it)`);
    }
  }
}

/** Serves the UI and API in this process; runs the job worker when `runJobs` (one process of a cluster). */
async function serve(config: Config, handle: Handle, runJobs: boolean) {
  const app = await buildApp({ handle, config, logger: productionLoggerOptions() });
  if (handle.slowQueries) handle.slowQueries.log = (entry) => app.log.warn(entry, 'slow query');
  // On the embedded database the job worker yields to interactive requests before each statement (ADR 0022).
  const gate = createRequestGate();
  if (handle.kind === 'pglite') gate.attach(app.server);
  await app.listen({ port: config.port, host: config.host });
  registerAllJobs({ config });
  const worker = runJobs
    ? startJobWorker({ handle: backgroundHandle(handle, gate), log: (msg, err) => app.log.error({ err }, msg) })
    : null;
  stopOn(async () => {
    // A job in hand gets a few seconds; closing the embedded database under a running statement aborts PGlite, so
    // a job that does not finish in time is left to the next start (its heartbeat goes stale and it is requeued).
    const jobsDone = worker ? await worker.stop(SHUTDOWN_GRACE_MS) : true;
    await app.close();
    if (jobsDone) await handle.close();
  });
  if (cluster.isWorker) return;
  const url = `http://localhost:${config.port}`;
  console.log(`\nTelecom CRM is running at ${url}   (API docs: ${url}/docs)`);
  console.log(
    `Database: ${handle.kind === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  if (config.demo) {
    console.log('Demo logins (password demo1234):');
    for (const l of demoLogins) console.log(`  ${l.username.padEnd(12)} ${l.description}`);
  }
}

/** How long shutdown waits for the job in hand before exiting without it. */
const SHUTDOWN_GRACE_MS = 4_000;

/** Stops on the first SIGINT/SIGTERM; a second signal exits at once. */
function stopOn(stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/**
 * WORKERS=N (PostgreSQL only; the embedded PGlite belongs to one process) serves from N processes sharing the port:
 * the primary prepares the database, then forks the workers and replaces any that dies; the first one runs the jobs.
 */
async function main() {
  const config = loadConfig();
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    slowQueryMs: config.slowQueryMs,
    replicaUrl: config.replicaUrl,
    replicaMaxLagMs: config.replicaMaxLagMs,
  });
  if (cluster.isWorker) return serve(config, handle, process.env.CRM_RUN_JOBS === 'true');
  await prepareDatabase(config, handle);
  if (config.workers <= 1 || !config.databaseUrl) return serve(config, handle, true);
  await handle.close();
  const fork = (runJobs: boolean) => {
    const w = cluster.fork({ CRM_RUN_JOBS: String(runJobs) });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
      fork(runJobs);
    });
  };
  let stopping = false;
  for (let i = 0; i < config.workers; i++) fork(i === 0);
  const url = `http://localhost:${config.port}`;
  console.log(`\nTelecom CRM is running at ${url} with ${config.workers} worker processes   (API docs: ${url}/docs)`);
  const shutdown = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
