import type { AppConfig } from '../config';
import type { Db, DbHandle } from '../db/client';

/** What route modules receive when they are registered. */
export type RouteDeps = { db: Db; handle: DbHandle; config: AppConfig };
