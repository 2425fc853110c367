/**
 * Relations between creates of one apply. A monitoring stack's `accounts` lists the tenants of
 * its subtree; a tenant's `monitoring_owner_id` and `metrics_account_id` name the stack that
 * covers it. Created in parallel (a stack and its sub-tenants in one apply, which Terraform
 * does not order), whichever finished first would keep a stale value in state, and the next
 * plan (and every output built on these values) would not be empty.
 *
 * Terraform plans and applies every change of an apply through this one provider process, and
 * plans a resource just before applying it, so the creates planned here are the ones about to
 * happen. The two sides wait for each other, in one direction each, so there is no cycle:
 * - a tenant create, once posted, waits until the planned stack creates have been *posted*
 *   (the service assigns accounts in that request), then reads itself again;
 * - a stack create, once ready, waits until the planned tenant creates are done, then reads
 *   itself again.
 * Waits are bounded (a planned change that Terraform never applies, or a dependency the
 * provider cannot see, only costs the bound) and end early when Terraform stops the provider.
 */
import type { HikubeClient } from '../../client/client';
import type { Provisioned } from '../../client/types';
import { monitoringStackModel } from '../../model/monitoring';
import { Context } from '../framework/resource';

const WAIT_BOUND_MS = 10_000;

class Pending {
  private readonly items = new Map<string, { done: Promise<void>; resolve: () => void }>();

  /** A create of this key is planned; `done(key)` when it has happened (or failed). */
  planned(key: string): void {
    if (this.items.has(key)) return;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.items.set(key, { done, resolve });
  }

  done(key: string): void {
    const item = this.items.get(key);
    this.items.delete(key);
    item?.resolve();
  }

  get size(): number {
    return this.items.size;
  }

  /**
   * Waits until nothing is planned any more, at most the bound. Terraform runs at most
   * `-parallelism` (10) changes at once: when one finishes, the next is planned, so the wait
   * looks again after each round, with a short grace for the next plan to arrive.
   */
  async settled(signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + WAIT_BOUND_MS;
    for (;;) {
      if (this.items.size === 0) {
        await pause(GRACE_MS, signal);
        if (this.items.size === 0) return;
      }
      const left = deadline - Date.now();
      if (left <= 0 || signal.aborted) return;
      await Promise.race([Promise.all([...this.items.values()].map((i) => i.done)), pause(left, signal)]);
    }
  }
}

/** How long a finished change leaves Terraform to plan the next one before the wait ends. */
const GRACE_MS = 250;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Monitoring stack creates planned in this process whose POST has not happened yet. */
export const stackPosts = new Pending();
/** Tenant creates planned in this process that have not finished yet. */
export const tenantCreates = new Pending();

/**
 * A stack once ready, read again after the tenant creates of this apply have landed, so its
 * `accounts` list them.
 */
export async function withSettledAccounts(ctx: Context<HikubeClient>, stack: Provisioned): Promise<Provisioned> {
  await tenantCreates.settled(ctx.signal);
  try {
    return await ctx.client.getResource<Provisioned>(monitoringStackModel.collection, stack.id);
  } catch {
    return stack;
  }
}
