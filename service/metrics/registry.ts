/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: counters
 * and histograms updated as things happen, and gauges read from the database at scrape time
 * (so every replica reports the same shared figures without keeping them in memory).
 */

export type Labels = Record<string, string>;

/** Seconds: from a fast query to a slow long poll. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram' | 'gauge';
  render(): string[];
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function keyOf(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export class Counter implements Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  render(): string[] {
    return [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`);
  }
}

export class Histogram implements Metric {
  readonly type = 'histogram';
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  render(): string[] {
    const lines: string[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

/** A family whose samples are computed at scrape time (a gauge, or a counter kept elsewhere, such as the process's CPU time). */
export interface GaugeSample {
  readonly labels: Labels;
  readonly value: number;
}

export class Registry {
  private readonly metrics: Metric[] = [];
  private readonly gauges: { name: string; help: string; type: 'gauge' | 'counter'; collect: () => Promise<GaugeSample[]> | GaugeSample[] }[] = [];

  counter(name: string, help: string): Counter {
    const c = new Counter(name, help);
    this.metrics.push(c);
    return c;
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    const h = new Histogram(name, help, buckets);
    this.metrics.push(h);
    return h;
  }

  gauge(name: string, help: string, collect: () => Promise<GaugeSample[]> | GaugeSample[]): void {
    this.gauges.push({ name, help, type: 'gauge', collect });
  }

  /** A counter whose value is read at scrape time from where it is kept (the process's CPU seconds). */
  sampledCounter(name: string, help: string, collect: () => GaugeSample[]): void {
    this.gauges.push({ name, help, type: 'counter', collect });
  }

  /** The exposition text; a gauge whose collection fails is left out (the scrape still answers). */
  async render(): Promise<string> {
    const out: string[] = [];
    for (const m of this.metrics) out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.render());
    for (const g of this.gauges) {
      let samples: GaugeSample[];
      try {
        samples = await g.collect();
      } catch {
        continue;
      }
      out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} ${g.type}`, ...samples.map((s) => `${g.name}${labelText(s.labels)} ${s.value}`));
    }
    return out.join('\n') + '\n';
  }
}
