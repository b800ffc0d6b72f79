import { randomBytes } from 'node:crypto';
import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { registerAllJobs } from './jobs';
import { gradeDemoOperator } from './modules/demo/demo.followups';
import { demoLogins, loadDemoOperator } from './modules/demo/demo.service';
import { startJobWorker } from './modules/jobs/jobs.service';
import { bootstrapAdministrator, countUsers } from './modules/org/org.service';

async function main() {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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

  const app = await buildApp({ handle, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  await app.listen({ port: config.port, host: config.host });
  registerAllJobs();
  const worker = startJobWorker({ handle, log: (msg, err) => app.log.error({ err }, msg) });
  const url = `http://localhost:${config.port}`;
  console.log(`\nTelecom CRM is running at ${url}   (API docs: ${url}/docs)`);
  console.log(
    `Database: ${handle.kind === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
  );
  if (config.demo) {
    console.log('Demo logins (password demo1234):');
    for (const l of demoLogins) console.log(`  ${l.username.padEnd(12)} ${l.description}`);
  }

  const shutdown = async () => {
    await worker.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
