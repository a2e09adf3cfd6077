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

/** What rating reads of a rate: everything but its description. */
const RATED_FIELDS = TelephonyContracts.CALL_RATE_FIELDS.filter((field) => field !== 'description');

interface Call {
  digits: string;
  duration: number;
  type?: string;
}

/**
 * Rating from an in-memory longest-prefix index per tenant. An index is built from the database on
 * first use and dropped when any replica announces a change to that tenant's rates, so the next
 * rating on every replica reads the new rates.
 */
@Injectable()
export class RatingService implements OnModuleInit {
  private readonly indexes = new Map<string, Promise<PrefixIndex>>();

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

  private indexFor(tenantId: string): Promise<PrefixIndex> {
    let index = this.indexes.get(tenantId);
    if (!index) {
      index = this.build(tenantId);
      this.indexes.set(tenantId, index);
      index.catch(() => this.indexes.delete(tenantId));
    }
    return index;
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

/** number: every non-digit dropped; duration: whole seconds >= 0; type: one of the four, when given. */
function checkCall(request: TelephonyContracts.CallToRate): Call {
  const problems: string[] = [];
  if (typeof request !== 'object' || request === null) throw new ValidationException('a call must be an object');
  const digits = typeof request.number === 'string' || typeof request.number === 'number' ? String(request.number).replace(/\D/g, '') : '';
  if (digits === '') problems.push('number must contain digits');
  const duration = request.duration;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0) {
    problems.push('duration must be a whole number of seconds >= 0');
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
