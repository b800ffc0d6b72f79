// Prepares a first-start database once (migrations, the demo operator, its grading and seeded activity: what
// `npm start` does before it listens) so measure.mjs --from <dir> can start many servers on copies of it.
//
//   npx tsx bench/first-start/prepare.ts /tmp/wt-start-data-golden
import { openPglite } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import { gradeDemoOperator } from '../../apps/server/src/modules/demo/demo.followups';
import { loadDemoOperator } from '../../apps/server/src/modules/demo/demo.service';

const dir = process.argv[2];
if (!dir) throw new Error('usage: prepare.ts <data dir>');
const handle = await openPglite(dir);
await migrateDatabase(handle);
await loadDemoOperator({ handle, customers: 20_000, progress: false });
await gradeDemoOperator({ db: handle.db, log: console.log });
await handle.close();
console.log(`prepared ${dir}`);
