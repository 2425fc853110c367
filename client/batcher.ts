/**
 * Coalesces lookups that arrive in the same turn of the event loop into one request.
 * Terraform refreshes resources ten at a time; one list request for those ten is far
 * cheaper for the service than ten round trips.
 */
export class Batcher<K, V> {
  private pending: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

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
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += this.maxBatch) {
      const batch = all.slice(i, i + this.maxBatch);
      const keys = [...new Set(batch.map((b) => b.key))];
      this.fetchMany(keys).then(
        (values) => {
          const found = new Map(values.map((v) => [this.keyOf(v), v]));
          for (const b of batch) b.resolve(found.get(b.key));
        },
        (err) => batch.forEach((b) => b.reject(err)),
      );
    }
  }
}
