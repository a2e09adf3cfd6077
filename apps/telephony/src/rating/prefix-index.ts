import type { TelephonyContracts } from '@billing/contracts';

/** What rating needs of a rate, amounts as scaled integers (units of 0.00001). */
export interface RateEntry {
  /** The API id (base64), encoded once when the index is built. */
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

/** Digit prefixes up to this length are keyed by their numeric value: exact below 2^53. */
const MAX_NUMERIC = 15;

/**
 * Rates of one kind (all, or one call type) keyed by prefix. Digit-only prefixes (the ones a
 * dialled number can match) live in one map per length keyed by the prefix's numeric value, so a
 * lookup computes the number's prefixes arithmetically instead of slicing strings.
 */
class Table {
  readonly byLength: (Map<number, RateEntry> | undefined)[] = [];
  /** Lengths present, longest first. */
  lengths: number[] = [];
  /** Digit prefixes longer than MAX_NUMERIC, by text (rare). */
  readonly long = new Map<string, RateEntry>();
  longLengths: number[] = [];

  add(entry: RateEntry): void {
    const { prefix } = entry;
    if (!/^\d+$/.test(prefix)) return; // a prefix with other characters never matches a number's digits
    if (prefix.length > MAX_NUMERIC) {
      this.long.set(prefix, entry);
      return;
    }
    const map = (this.byLength[prefix.length] ??= new Map());
    map.set(Number(prefix), entry);
  }

  seal(): void {
    this.lengths = this.byLength.flatMap((map, length) => (map ? [length] : [])).sort((a, b) => b - a);
    this.longLengths = [...new Set([...this.long.keys()].map((p) => p.length))].sort((a, b) => b - a);
  }
}

/**
 * Longest-prefix match over one tenant's rates: a table for all rates and one per call type,
 * probed from the longest prefix length present down to the shortest.
 */
export class PrefixIndex {
  private readonly all = new Table();
  private readonly byType = new Map<string, Table>();
  readonly size: number;
  /** Numeric values of a number's first 1..15 digits; reused, since lookups are synchronous. */
  private readonly values = new Float64Array(MAX_NUMERIC + 1);

  constructor(entries: RateEntry[]) {
    for (const entry of entries) {
      this.all.add(entry);
      let table = this.byType.get(entry.type);
      if (!table) this.byType.set(entry.type, (table = new Table()));
      table.add(entry);
    }
    this.all.seal();
    for (const table of this.byType.values()) table.seal();
    this.size = entries.length;
  }

  /** The rate whose prefix is the longest prefix of `digits` (of the given type, when one is given). */
  match(digits: string, type?: string): RateEntry | undefined {
    const table = type === undefined ? this.all : this.byType.get(type);
    if (!table) return undefined;
    for (const length of table.longLengths) {
      if (length > digits.length) continue;
      const entry = table.long.get(digits.slice(0, length));
      if (entry) return entry;
    }
    // Only as many digits as the longest prefix needs.
    const known = Math.min(digits.length, table.lengths[0] ?? 0);
    let value = 0;
    for (let i = 0; i < known; i++) {
      value = value * 10 + (digits.charCodeAt(i) - 48);
      this.values[i + 1] = value;
    }
    for (const length of table.lengths) {
      if (length > known) continue;
      const entry = table.byLength[length]!.get(this.values[length]!);
      if (entry) return entry;
    }
    return undefined;
  }
}
