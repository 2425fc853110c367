import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { firstFreeHost, formatAddress, parseAddress, tryParseCidr } from '../../model/cidr';
import { specList } from '../../model/kind';
import { KindName, KINDS } from '../../model/kinds';
import { camelCase } from '../../model/schema';
import { canonical } from '../store/canonical';
import { Queryable, Store } from '../store/store';
import { Driver, DriverListing, DriverObject, DriverRef, EnsureResult, Observed, RemoveResult, SEALED_PREFIX } from './driver';
import { observedFor, observedWhileCreating, SIMULATED } from './fake-observed';
import { DEFAULT_SIM_DELAYS, matchingFailure, SimAction, SimDelays, SimFailure } from './sim-config';

export interface SimulatedDriverOptions {
  /** @default DEFAULT_SIM_DELAYS */
  readonly delays?: SimDelays;
  /** @default - nothing fails */
  readonly failures?: readonly SimFailure[];
}

interface SimRow {
  id: string;
  kind: DriverObject['kind'];
  spec: Record<string, unknown>;
  phase: 'provisioning' | 'updating' | 'ready' | 'deleting' | 'failed';
  reason: string | null;
  observed: Observed;
  /** ms until phase_until (<= 0: due). */
  remaining_ms: number;
}

const SELECT_ROW = `SELECT id, kind, spec, phase, reason, observed,
  (extract(epoch FROM phase_until - now()) * 1000)::float8 AS remaining_ms
  FROM sim_driver_objects WHERE id = $1 FOR UPDATE`;

/**
 * A back-end in the service's own database (table sim_driver_objects), so that, like a real
 * one, it outlives service restarts. State machine per object:
 * provisioning -> ready, (spec change) updating -> ready, deleting -> gone, or failed when a
 * failure rule matches. Each phase lasts its configured delay, measured on the database clock.
 */
export class SimulatedDriver implements Driver {
  private readonly delays: SimDelays;
  private readonly failures: readonly SimFailure[];
  private publicKey?: Promise<string>;

  constructor(
    private readonly store: Store,
    options: SimulatedDriverOptions = {},
  ) {
    this.delays = options.delays ?? DEFAULT_SIM_DELAYS;
    this.failures = options.failures ?? [];
  }

  /** Made once, kept in the back-end's own table: it outlives restarts, as the secrets sealed to it do. */
  sealingKey(): Promise<string> {
    this.publicKey ??= this.store.transaction(async (tx) => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      await tx.query('INSERT INTO sim_driver_keys (id, public_key, private_key) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [publicKey, privateKey]);
      return (await tx.query<{ public_key: string }>('SELECT public_key FROM sim_driver_keys WHERE id = 1')).rows[0].public_key;
    });
    return this.publicKey.catch((err) => {
      this.publicKey = undefined; // asked again next time
      throw err;
    });
  }

  /** The secrets sealed to this back-end in the spec, opened: what S3 checks signatures with. */
  private async opened(tx: Queryable, object: DriverObject): Promise<Record<string, string>> {
    const fields = (KINDS[object.kind].secrets?.generated ?? []).filter((g) => g.verifier === 'sealed-to-backend').map((g) => camelCase(g.attribute));
    const sealed = fields.filter((f) => typeof object.spec[f] === 'string' && (object.spec[f] as string).startsWith(SEALED_PREFIX));
    if (sealed.length === 0) return {};
    const key = (await tx.query<{ private_key: string }>('SELECT private_key FROM sim_driver_keys WHERE id = 1')).rows[0]?.private_key;
    if (!key) throw new Error('a secret is sealed to a key this back-end does not have');
    const open = (v: string) => privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(v.slice(SEALED_PREFIX.length), 'base64')).toString();
    return Object.fromEntries(sealed.map((f) => [f, open(object.spec[f] as string)]));
  }

  ensure(object: DriverObject): Promise<EnsureResult> {
    return this.store.transaction(async (tx) => {
      const row = (await tx.query<SimRow>(SELECT_ROW, [object.id])).rows[0];
      if (!row) return this.create(tx, object);
      if (canonical(row.spec) !== canonical(object.spec) || row.phase === 'deleting') {
        const joined = await this.join(tx, object, false);
        if ('waitFor' in joined) return { phase: 'progressing', observed: row.observed, retryAfterMs: SUBNET_WAIT_MS };
        const failure = joined.full ? { reason: joined.full } : this.failure(object, 'update');
        await tx.query(
          `UPDATE sim_driver_objects SET spec = $2::jsonb, phase = $3, reason = $4, observed = $5::jsonb, updates = updates + 1,
             phase_until = now() + $6 * interval '1 millisecond', held_secrets = $7::jsonb, updated_at = now() WHERE id = $1`,
          [
            object.id,
            JSON.stringify(object.spec),
            failure ? 'failed' : 'updating',
            failure?.reason ?? null,
            JSON.stringify({ ...observedFor(object, row.observed), ...joined.observed }),
            this.delay(object, 'update'),
            JSON.stringify(await this.opened(tx, object)),
          ],
        );
        await log(tx, object.id, 'updated');
        return this.result(tx, object.id);
      }
      return this.result(tx, object.id, row);
    });
  }

  remove(ref: DriverRef): Promise<RemoveResult> {
    return this.store.transaction(async (tx) => {
      let row = (await tx.query<SimRow>(SELECT_ROW, [ref.id])).rows[0];
      if (!row) return { done: true };
      if (row.phase !== 'deleting') {
        const failure = this.failure(ref, 'delete');
        if (failure) {
          await tx.query(`UPDATE sim_driver_objects SET phase = 'failed', reason = $2, updated_at = now() WHERE id = $1`, [ref.id, failure.reason]);
          return { done: false, reason: failure.reason };
        }
        await tx.query(`UPDATE sim_driver_objects SET phase = 'deleting', reason = NULL, phase_until = now() + $2 * interval '1 millisecond', updated_at = now() WHERE id = $1`, [
          ref.id,
          this.delay(ref, 'delete'),
        ]);
        row = (await tx.query<SimRow>(SELECT_ROW, [ref.id])).rows[0];
      }
      if (row.remaining_ms > 0) return { done: false, retryAfterMs: Math.ceil(row.remaining_ms) };
      await tx.query('DELETE FROM sim_driver_objects WHERE id = $1', [ref.id]);
      await tx.query('DELETE FROM sim_driver_addresses WHERE object_id = $1', [ref.id]); // its addresses are free again
      await log(tx, ref.id, 'deleted');
      return { done: true };
    });
  }

  async list(): Promise<DriverListing[]> {
    return (await this.store.query<DriverListing>('SELECT kind, id, phase FROM sim_driver_objects ORDER BY kind, id')).rows;
  }

  private async create(tx: Queryable, object: DriverObject): Promise<EnsureResult> {
    const joined = await this.join(tx, object, true);
    if ('waitFor' in joined) return { phase: 'progressing', retryAfterMs: SUBNET_WAIT_MS };
    const failure = joined.full ? { reason: joined.full } : this.failure(object, 'create');
    const delay = this.delay(object, 'create');
    // Without a delay the object is born ready: no second round trip to find that out.
    const phase = failure ? 'failed' : delay <= 0 ? 'ready' : 'provisioning';
    const observed = { ...observedFor(object), ...joined.observed };
    // The object and its log line in one statement.
    await tx.query(
      `WITH created AS (INSERT INTO sim_driver_objects (id, kind, name, namespace, spec, phase, reason, observed, phase_until, held_secrets)
                        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, now() + $9 * interval '1 millisecond', $10::jsonb) RETURNING id)
       INSERT INTO sim_driver_log (object_id, event) SELECT id, 'created' FROM created`,
      [
        object.id,
        object.kind,
        object.name,
        object.tenantNamespace,
        JSON.stringify(object.spec),
        phase,
        failure?.reason ?? null,
        JSON.stringify(observed),
        delay,
        JSON.stringify(await this.opened(tx, object)),
      ],
    );
    if (failure) return { phase: 'failed', reason: failure.reason, observed };
    return phase === 'ready' ? { phase: 'ready', observed } : { phase: 'progressing', observed: observedWhileCreating(object.kind, object.spec, observed, 0), retryAfterMs: delay };
  }

  /** Moves a due provisioning/updating object to ready, then reports its phase. */
  private async result(tx: Queryable, id: string, known?: SimRow): Promise<EnsureResult> {
    const row = known ?? (await tx.query<SimRow>(SELECT_ROW, [id])).rows[0];
    if (row.phase === 'failed') return { phase: 'failed', reason: row.reason ?? 'failed', observed: row.observed };
    if (row.phase === 'ready') return { phase: 'ready', observed: row.observed };
    if (row.remaining_ms > 0) {
      // While provisioning, how far it got (a disk's download) on the database clock.
      const total = this.delays[`${row.kind}.create`];
      const observed = row.phase === 'provisioning' && total > 0 ? observedWhileCreating(row.kind, row.spec, row.observed, 1 - row.remaining_ms / total) : row.observed;
      return { phase: 'progressing', observed, retryAfterMs: Math.ceil(row.remaining_ms) };
    }
    await tx.query(`UPDATE sim_driver_objects SET phase = 'ready', updated_at = now() WHERE id = $1`, [id]);
    return { phase: 'ready', observed: row.observed };
  }

  /**
   * The object's address in each subnet it joins (`SimulatedKind.joins`), as Kube-OVN's IPAM
   * gives them: the one it holds there already, else the lowest free one after the gateway. Each
   * subnet's back-end row is locked while its addresses are handed out (in id order, so two
   * objects never wait on each other), and sim_driver_addresses' keys refuse a duplicate anyway.
   * Subnets it left free its address there. `waitFor`: a subnet the back-end has not made yet
   * (asked again shortly); `full`: one with no free address (the object fails, saying so).
   * `created`: the object is new, so it holds no address yet.
   */
  private async join(tx: Queryable, object: DriverObject, created: boolean): Promise<{ observed: Observed; full?: string } | { waitFor: string }> {
    const field = SIMULATED[object.kind].joins;
    if (!field) return { observed: {} };
    const subnetKind = KINDS[object.kind].uses?.find((u) => u.field === field)?.kind as KindName;
    const cidrField = KINDS[subnetKind].disjointCidr!.field;
    const ids = [...new Set(specList(object.spec[field]).filter((x): x is string => typeof x === 'string'))];
    // On no subnet (most VMs): nothing to hand out, and a new object holds nothing to free.
    if (ids.length === 0) {
      if (!created) await tx.query('DELETE FROM sim_driver_addresses WHERE object_id = $1', [object.id]);
      return { observed: { subnetIps: {} } };
    }
    const { rows: subnets } = await tx.query<{ id: string; spec: Record<string, unknown> }>(`SELECT id, spec FROM sim_driver_objects WHERE kind = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`, [
      subnetKind,
      ids,
    ]);
    const missing = ids.find((id) => !subnets.some((s) => s.id === id));
    if (missing) return { waitFor: missing };
    await tx.query('DELETE FROM sim_driver_addresses WHERE object_id = $1 AND NOT (subnet_id = ANY($2::text[]))', [object.id, ids]);
    const { rows: inUse } = await tx.query<{ subnet_id: string; address: string; object_id: string }>(
      'SELECT subnet_id, address, object_id FROM sim_driver_addresses WHERE subnet_id = ANY($1::text[])',
      [ids],
    );
    const addresses: Record<string, string> = {};
    for (const id of ids) {
      const held = inUse.find((a) => a.subnet_id === id && a.object_id === object.id);
      if (held) {
        addresses[id] = held.address;
        continue;
      }
      const cidr = String(subnets.find((s) => s.id === id)!.spec[cidrField]);
      const block = tryParseCidr(cidr);
      const free = block && firstFreeHost(block, new Set(inUse.filter((a) => a.subnet_id === id).map((a) => parseAddress(a.address)!)));
      if (free === undefined) return { observed: { subnetIps: addresses }, full: `subnet ${id} (${cidr}) has no free address left: every host address is another VM's` };
      addresses[id] = formatAddress(free);
      await tx.query('INSERT INTO sim_driver_addresses (subnet_id, address, object_id) VALUES ($1, $2, $3)', [id, addresses[id], object.id]);
    }
    return { observed: { subnetIps: addresses } };
  }

  private failure(ref: DriverRef, action: SimAction): SimFailure | undefined {
    return matchingFailure(this.failures, ref.kind, action, ref.name);
  }

  private delay(ref: DriverRef, action: SimAction): number {
    return this.delays[`${ref.kind}.${action}`];
  }
}

/** How soon to ask again when a subnet the object joins is not made yet (its create runs beside this one's). */
const SUBNET_WAIT_MS = 500;

function log(tx: Queryable, id: string, event: string): Promise<unknown> {
  return tx.query('INSERT INTO sim_driver_log (object_id, event) VALUES ($1, $2)', [id, event]);
}
