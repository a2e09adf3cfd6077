import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Every metric of the process, served by the ops listener's /metrics. */
export const metricsRegistry = new Registry();

let processMetricsOn = false;

/** prom-client's process and Node.js metrics (CPU, memory, event-loop lag, GC, handles), once per process. */
export function collectProcessMetrics(): void {
  if (processMetricsOn) return;
  processMetricsOn = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

/** Latency buckets in seconds: 5 ms to 10 s, as Prometheus' defaults. */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The count, sum and buckets of one label set: plain numbers updated in place, so recording a
 * request allocates nothing (prom-client's own `observe` hashes the labels into a new string and
 * object on every call).
 */
export class Series {
  count = 0;
  sum = 0;
  /** Observations per bucket (not cumulative), the last one for values above every bound. */
  readonly buckets: Float64Array;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.buckets = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]!) i++;
    this.buckets[i]!++;
  }
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** What prom-client's Registry asks of a metric: its name, help, type and, at scrape time, its values. */
interface RegistrableMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): { name: string; help: string; type: string; aggregator: 'sum'; values: MetricValue[] };
  reset(): void;
}

/**
 * A counter and a latency histogram over the same labels (`http_requests_total` beside
 * `http_request_duration_seconds`), fed by one `observe` per request. Up to three labels; each
 * label set's Series is found through nested maps keyed by the raw values, so a request that
 * repeats a known label set (nearly all of them) allocates nothing.
 */
export class TimedCounter {
  private readonly root = new Map<string, Map<string, Map<string | number, Series>>>();
  private readonly all: Series[] = [];

  constructor(
    readonly counterName: string,
    readonly histogramName: string,
    private readonly labelNames: readonly [string, string] | readonly [string, string, string],
    help: { counter: string; histogram: string },
    registry: Registry = metricsRegistry,
    private readonly bounds: readonly number[] = LATENCY_BUCKETS,
  ) {
    registry.registerMetric(this.counterMetric(help.counter) as never);
    registry.registerMetric(this.histogramMetric(help.histogram) as never);
  }

  /** The series of one label set (the third value only when there are three labels). */
  series(first: string, second: string, third: string | number = ''): Series {
    let level1 = this.root.get(first);
    if (level1 === undefined) this.root.set(first, (level1 = new Map()));
    let level2 = level1.get(second);
    if (level2 === undefined) level1.set(second, (level2 = new Map()));
    let found = level2.get(third);
    if (found === undefined) {
      const values = [first, second, String(third)];
      const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]!]));
      found = new Series(labels, this.bounds);
      level2.set(third, found);
      this.all.push(found);
    }
    return found;
  }

  private counterMetric(help: string): RegistrableMetric {
    const name = this.counterName;
    return {
      name,
      help,
      type: 'counter',
      aggregator: 'sum',
      get: () => ({ name, help, type: 'counter', aggregator: 'sum', values: this.all.map((s) => ({ labels: s.labels, value: s.count })) }),
      reset: () => undefined,
    };
  }

  private histogramMetric(help: string): RegistrableMetric {
    const name = this.histogramName;
    const bounds = this.bounds;
    return {
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      get: () => {
        const values: MetricValue[] = [];
        for (const s of this.all) {
          let cumulative = 0;
          for (let i = 0; i <= bounds.length; i++) {
            cumulative += s.buckets[i]!;
            values.push({
              metricName: `${name}_bucket`,
              labels: { ...s.labels, le: i < bounds.length ? bounds[i]! : '+Inf' },
              value: cumulative,
            });
          }
          values.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
          values.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
        }
        return { name, help, type: 'histogram', aggregator: 'sum', values };
      },
      reset: () => undefined,
    };
  }
}

let http: TimedCounter | undefined;

/** The gateway's requests, by route template (never the raw URL), method and status. */
export function httpServerMetrics(): TimedCounter {
  http ??= new TimedCounter('http_requests_total', 'http_request_duration_seconds', ['route', 'method', 'status'], {
    counter: 'HTTP requests answered, by route template, method and status',
    histogram: 'Time from the request arriving to its answer being sent, by route template, method and status',
  });
  return http;
}

let rpc: TimedCounter | undefined;

/** A service's handled messages, by pattern and outcome (`ok`, or the error code answered). */
export function rpcServerMetrics(): TimedCounter {
  rpc ??= new TimedCounter('rpc_handled_total', 'rpc_handle_duration_seconds', ['pattern', 'outcome'], {
    counter: 'NATS requests handled, by message pattern and outcome (ok or the error code answered)',
    histogram: 'Time a handler took, by message pattern and outcome',
  });
  return rpc;
}

/** What a connection pool can tell at scrape time. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

const pools = new Map<string, () => PoolStats | undefined>();
let poolGauges = false;

/**
 * Reports a database connection pool as gauges read at scrape time (nothing per query):
 * `db_pool_connections{pool,state="idle"|"used"}`, `db_pool_waiting_clients{pool}` and
 * `db_pool_max_connections{pool}`. Returns a function that stops reporting it.
 */
export function reportConnectionPool(pool: string, stats: () => PoolStats | undefined): () => void {
  if (!poolGauges) {
    poolGauges = true;
    const read = (fn: (name: string, s: PoolStats) => void) => {
      for (const [name, get] of pools) {
        const s = get();
        if (s) fn(name, s);
      }
    };
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database connections of the pool, by state (idle or used)',
      labelNames: ['pool', 'state'],
      registers: [metricsRegistry],
      collect() {
        this.reset();
        read((name, s) => {
          this.set({ pool: name, state: 'idle' }, s.idle);
          this.set({ pool: name, state: 'used' }, s.total - s.idle);
        });
      },
    });
    new Gauge({
      name: 'db_pool_waiting_clients',
      help: 'Queries waiting for a free connection of the pool',
      labelNames: ['pool'],
      registers: [metricsRegistry],
      collect() {
        this.reset();
        read((name, s) => this.set({ pool: name }, s.waiting));
      },
    });
    new Gauge({
      name: 'db_pool_max_connections',
      help: 'The most connections the pool opens',
      labelNames: ['pool'],
      registers: [metricsRegistry],
      collect() {
        this.reset();
        read((name, s) => this.set({ pool: name }, s.max));
      },
    });
  }
  pools.set(pool, stats);
  return () => {
    if (pools.get(pool) === stats) pools.delete(pool);
  };
}
