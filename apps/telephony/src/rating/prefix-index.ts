import type { TelephonyContracts } from '@billing/contracts';

/** What rating needs of a rate, amounts as scaled integers (units of 0.00001). */
export interface RateEntry {
  id: string;
  prefix: string;
  type: TelephonyContracts.CallType;
  free_seconds: number;
  grace_period: number;
  interval_1: number;
  interval_n: number;
  connect_fee: bigint;
  postcall_surcharge: bigint;
  price_1: bigint;
  price_n: bigint;
}

interface Table {
  byPrefix: Map<string, RateEntry>;
  /** Prefix lengths present, longest first: a lookup tries only lengths that exist. */
  lengths: number[];
}

function table(entries: RateEntry[]): Table {
  const byPrefix = new Map<string, RateEntry>();
  for (const entry of entries) byPrefix.set(entry.prefix, entry);
  const lengths = [...new Set(entries.map((e) => e.prefix.length))].sort((a, b) => b - a);
  return { byPrefix, lengths };
}

/**
 * Longest-prefix match over one tenant's rates: one hash table for all rates and one per call
 * type, probed from the longest prefix length present down to the shortest.
 */
export class PrefixIndex {
  private readonly all: Table;
  private readonly byType = new Map<string, Table>();

  constructor(entries: RateEntry[]) {
    this.all = table(entries);
    const groups = new Map<string, RateEntry[]>();
    for (const entry of entries) {
      const group = groups.get(entry.type);
      if (group) group.push(entry);
      else groups.set(entry.type, [entry]);
    }
    for (const [type, group] of groups) this.byType.set(type, table(group));
  }

  get size(): number {
    return this.all.byPrefix.size;
  }

  /** The rate whose prefix is the longest prefix of `digits` (of the given type, when one is given). */
  match(digits: string, type?: string): RateEntry | undefined {
    const { byPrefix, lengths } = type === undefined ? this.all : (this.byType.get(type) ?? EMPTY);
    for (const length of lengths) {
      if (length > digits.length) continue;
      const entry = byPrefix.get(digits.slice(0, length));
      if (entry) return entry;
    }
    return undefined;
  }
}

const EMPTY: Table = { byPrefix: new Map(), lengths: [] };
