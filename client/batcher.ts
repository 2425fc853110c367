/**
 * Coalesces lookups into few requests. Terraform refreshes resources ten at a time, each
 * arriving a little after the other: one list request for those ten is far cheaper for the
 * service than ten round trips. Lookups of the same turn of the event loop go together, and
 * while one round of requests is in flight new lookups wait for it to end and then go together
 * in the next round: the slower the service answers, the larger the batches, and never more
 * than one round's worth of requests is queued at the service (which, on the embedded store,
 * answers one statement at a time anyway).
 */
export class Batcher<K, V> {
  private pending: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private inFlight = false;

  /**
   * @param fetchMany answers a batch of keys with the values found (missing keys: not found)
   * @param keyOf the key a value answers
   * @param maxBatch keys per request at most
   */
  constructor(
    private readonly fetchMany: (keys: K[]) => Promise<V[]>,
    private readonly keyOf: (value: V) => K,
    private readonly maxBatch = 50,
  ) {}

  /** Resolves with the value, or undefined when the batch answer did not contain it. */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Sends everything pending (in requests of maxBatch keys at most), then the next round. */
  private async flush(): Promise<void> {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    this.inFlight = true;
    const requests: Promise<void>[] = [];
    for (let i = 0; i < all.length; i += this.maxBatch) {
      const batch = all.slice(i, i + this.maxBatch);
      const keys = [...new Set(batch.map((b) => b.key))];
      requests.push(
        Promise.resolve()
          .then(() => this.fetchMany(keys))
          .then(
            (values) => {
              const found = new Map(values.map((v) => [this.keyOf(v), v]));
              for (const b of batch) b.resolve(found.get(b.key));
            },
            (err) => batch.forEach((b) => b.reject(err)),
          ),
      );
    }
    await Promise.all(requests);
    this.inFlight = false;
    this.schedule();
  }
}
