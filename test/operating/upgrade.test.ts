import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../../client';
import { openPgliteStore } from '../../service/store/pglite';
import { loadMigrations, migrate } from '../../service/store/migrate';
import { Store } from '../../service/store/store';
import { startTestService, tempDir, waitFor } from '../service/helpers';

/**
 * Upgrading a deployment from the oldest schema that has resources (before the usage/quota
 * migration 020): the resources it already runs must be billed and counted against quotas.
 * The old database is built with the old migrations only, then filled with the rows a running
 * deployment had (taken from a real service, keeping only the columns the old schema has).
 */

const OLD_TABLES = ['tenants', 'api_tokens', 'resources', 'operations', 'sim_driver_objects'];

async function copyRows(from: Store, to: Store, table: string): Promise<number> {
  const { rows: cols } = await to.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table]);
  const names = cols.map((c) => c.column_name);
  const order = table === 'tenants' ? ' ORDER BY length(path)' : '';
  const { rows } = await from.query<Record<string, unknown>>(`SELECT ${names.join(', ')} FROM ${table}${order}`);
  for (const row of rows) await to.query(`INSERT INTO ${table} SELECT * FROM json_populate_record(NULL::${table}, $1::json)`, [JSON.stringify(row)]);
  return rows.length;
}

describe('upgrade from the oldest schema', () => {
  test('resources that predate usage accounting are billed and count against quotas after the upgrade', async () => {
    // A deployment's data, made through the API of a real service.
    const source = await startTestService({ dir: tempDir() });
    const team = await source.client.createTenant({ name: 'team' });
    const vm = await source.client.createResource<{ id: string }>('/v1/vms', { tenantId: team.id, name: 'web', instanceType: 'u1.large' });
    await waitFor(source.client, '/v1/vms', vm.id);
    const dir = tempDir();
    fs.copyFileSync(source.credentialsFile, path.join(dir, 'credentials.json'));

    // The old database: migrations before 020 only, holding those rows.
    const old = await openPgliteStore(path.join(dir, 'data'));
    await migrate(
      old,
      loadMigrations().filter((m) => m.version < 20),
    );
    expect((await old.query(`SELECT to_regclass('usage_intervals') AS t`)).rows[0]).toEqual({ t: null });
    for (const table of OLD_TABLES) await copyRows(source.service.store, old, table);
    await old.close();
    await source.stop();

    // The upgrade: the current service on the old data.
    const t = await startTestService({ dir, dataDir: path.join(dir, 'data'), credentialsFile: path.join(dir, 'credentials.json') });
    try {
      expect(t.logs.some((l) => l.includes('applied migrations') && l.includes('025_usage_backfill (backfilled 1)'))).toBe(true);
      const usage = await t.client.tenantUsage(team.id, { to: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') });
      expect(usage.resources.map((r) => r.id)).toEqual([vm.id]);
      expect(usage.totalCost).toBeGreaterThan(0);

      const refused = (await t.client.updateTenant(team.id, { quotas: { vms: 0 } }).catch((e: unknown) => e)) as ApiError;
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused.status).toBe(400);
      expect(refused.problem.detail).toMatch(/vms/);
    } finally {
      await t.stop();
    }
  });
});
