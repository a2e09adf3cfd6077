import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sql';
import { TelephonyContracts, TelephonyErrorCode, type CallerContext, ValidationException } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CallRateEntity } from '../call-rate/call-rate.entity.js';
import { CallRateEvents } from '../call-rate/call-rate.events.js';
import { CallRateException } from '../call-rate/call-rate.exception.js';
import { encodeId } from '../call-rate/call-rate.id.js';
import { rateCall } from './call-rating.js';
import { PrefixIndex, type RateEntry } from './prefix-index.js';
import { readRateVersion } from './rate-version.js';

/** What rating reads of a rate: everything but its description. */
const RATED_FIELDS = TelephonyContracts.CALL_RATE_FIELDS.filter((field) => field !== 'description');

interface Call {
  digits: string;
  duration: number;
  type?: string;
}

/** An index and the version of the tenant's rates it holds (at least). */
interface CachedIndex {
  version: number;
  index: Promise<PrefixIndex>;
}

/**
 * Rating from an in-memory longest-prefix index per tenant. Before each rating the tenant's rate
 * version is read from the database (one primary-key read); an index older than it is rebuilt, so
 * a rating never uses rates older than a write any replica has acknowledged, whatever the order in
 * which NATS delivers things. The change event every replica hears only frees an index early.
 */
@Injectable()
export class RatingService implements OnModuleInit {
  private readonly indexes = new Map<string, CachedIndex>();

  constructor(
    private readonly em: EntityManager,
    private readonly events: CallRateEvents,
  ) {}

  onModuleInit(): void {
    this.events.onChange(({ tenantId }) => this.indexes.delete(tenantId));
  }

  async rate(caller: CallerContext, request: TelephonyContracts.CallToRate): Promise<TelephonyContracts.RatedCall> {
    const call = checkCall(request);
    const rate = (await this.indexFor(caller.tenantId)).match(call.digits, call.type);
    if (!rate) throw noMatch(call);
    return rateCall(rate, call.duration);
  }

  async rateBulk(caller: CallerContext, items: unknown): Promise<{ items: TelephonyContracts.BulkRatedItem[] }> {
    if (!Array.isArray(items) || items.length === 0 || items.length > TelephonyContracts.MAX_BULK_CALLS) {
      throw new ValidationException(`items must be a list of 1 to ${TelephonyContracts.MAX_BULK_CALLS} calls`, { field: 'items' });
    }
    const index = await this.indexFor(caller.tenantId);
    return {
      items: items.map((item: TelephonyContracts.CallToRate) => {
        try {
          const call = checkCall(item);
          const rate = index.match(call.digits, call.type);
          if (!rate) throw noMatch(call);
          return rateCall(rate, call.duration);
        } catch (error) {
          if (error instanceof CallRateException || error instanceof ValidationException) {
            return { error: { code: error.code, message: error.message } };
          }
          throw error;
        }
      }),
    };
  }

  /**
   * The tenant's index, rebuilt when the database holds a newer version of its rates. The version is
   * read before the rows, so an index holds rates at least as new as the version it is filed under
   * (a write committing in between makes the next rating rebuild again, never rate with old rates).
   * Concurrent ratings that find the same version share one build.
   */
  private async indexFor(tenantId: string): Promise<PrefixIndex> {
    const version = await readRateVersion(this.em, tenantId);
    const cached = this.indexes.get(tenantId);
    if (cached && cached.version >= version) return cached.index;
    const entry: CachedIndex = { version, index: this.build(tenantId) };
    this.indexes.set(tenantId, entry);
    entry.index.catch(() => {
      if (this.indexes.get(tenantId) === entry) this.indexes.delete(tenantId);
    });
    return entry.index;
  }

  /** Plain rows, no entity tracking: a tenant may have a million rates. */
  private async build(tenantId: string): Promise<PrefixIndex> {
    const rows = await tenantScope(this.em, tenantId)
      .createQueryBuilder(CallRateEntity)
      .select(['id', ...RATED_FIELDS])
      .setFlag('DISABLE_PAGINATE' as never)
      .execute<Record<string, string | number>[]>('all', false);
    return new PrefixIndex(rows.map(toEntry));
  }
}

function toEntry(row: Record<string, string | number>): RateEntry {
  return {
    id: encodeId(String(row['id'])),
    prefix: String(row['prefix']),
    type: row['type'] as RateEntry['type'],
    free_seconds: Number(row['free_seconds']),
    grace_period: Number(row['grace_period']),
    interval_1: Number(row['interval_1']),
    interval_n: Number(row['interval_n']),
    connect_fee: BigInt(row['connect_fee']!),
    postcall_surcharge: BigInt(row['postcall_surcharge']!),
    price_1: BigInt(row['price_1']!),
    price_n: BigInt(row['price_n']!),
  };
}

/** A call longer than a week is a client's mistake, not a call: its cost would run to hundreds of digits. */
export const MAX_CALL_SECONDS = 7 * 24 * 60 * 60;

/** number: every non-digit dropped; duration: whole seconds from 0 to a week; type: one of the four, when given. */
function checkCall(request: TelephonyContracts.CallToRate): Call {
  const problems: string[] = [];
  if (typeof request !== 'object' || request === null) throw new ValidationException('a call must be an object');
  const digits = typeof request.number === 'string' || typeof request.number === 'number' ? String(request.number).replace(/\D/g, '') : '';
  if (digits === '') problems.push('number must contain digits');
  const duration = request.duration;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0 || duration > MAX_CALL_SECONDS) {
    problems.push(`duration must be a whole number of seconds from 0 to ${MAX_CALL_SECONDS}`);
  }
  const type = request.type;
  if (type !== undefined && type !== null && !TelephonyContracts.CALL_TYPES.includes(type as never)) {
    problems.push(`type must be one of ${TelephonyContracts.CALL_TYPES.join(', ')}`);
  }
  if (problems.length > 0) throw new ValidationException(problems.join('; '), { problems });
  return { digits, duration: duration as number, type: (type ?? undefined) as string | undefined };
}

function noMatch(call: Call): CallRateException {
  return new CallRateException(
    TelephonyErrorCode.NoMatchingRate,
    `No call rate matches ${call.digits}${call.type ? ` for type ${call.type}` : ''}`,
  );
}
