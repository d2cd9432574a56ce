// /healthz: the process is up. /readyz: the database answers and every migration on disk is applied.
import type express from 'express';
import type { Database } from '../../platform/database';
import { pendingMigrations } from '../../platform/migrate';

export function mountHealth(app: express.Express, db: Database): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.raw.query('SELECT 1');
      const pending = await pendingMigrations(db.raw);
      if (pending.length > 0) {
        res.status(503).json({ status: 'unavailable', reason: 'migrations pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
}
