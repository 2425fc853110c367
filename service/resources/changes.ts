/**
 * In-process signal that a resource changed (an operation step was recorded), so long polls
 * (`GET /v1/<kind>/{id}?wait=ready`) answer the moment work finishes instead of after a poll
 * interval. Changes made by other replicas are seen by the waiters' periodic re-reads.
 */
export class ResourceChanges {
  private readonly waiters = new Map<string, Set<() => void>>();

  changed(id: string): void {
    const set = this.waiters.get(id);
    if (!set) return;
    this.waiters.delete(id);
    set.forEach((wake) => wake());
  }

  /** Resolves on the next change of `id`, or after `ms`, whichever comes first. */
  next(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, set);
      const wake = () => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      set.add(wake);
    });
  }
}
