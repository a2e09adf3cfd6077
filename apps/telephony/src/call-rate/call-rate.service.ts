import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { CallerContext, TelephonyContracts } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { bumpRateVersion } from '../rating/rate-version.js';
import { CallRateEntity } from './call-rate.entity.js';
import { CallRateEvents } from './call-rate.events.js';
import { callRateNotFound, prefixTaken } from './call-rate.exception.js';
import { formatAmount, toCsv } from './call-rate.csv.js';
import { decodeId, encodeId, SnowflakeIds } from './call-rate.id.js';
import { parseFilter, parseOrderBy, searchCondition } from './call-rate.query.js';
import { checkCallRate, type CallRateValues } from './call-rate.rules.js';

@Injectable()
export class CallRateService {
  constructor(
    private readonly em: EntityManager,
    private readonly events: CallRateEvents,
    private readonly ids: SnowflakeIds,
  ) {}

  async list(caller: CallerContext, query: TelephonyContracts.CallRateListRequest) {
    const conditions = [...(query.filter ? [parseFilter(query.filter)] : []), ...(query.search ? [searchCondition(query.search)] : [])];
    const { skip: offset, top: limit } = query;
    const [rows, count] = await tenantScope(this.em, caller.tenantId).findAndCount(
      CallRateEntity,
      conditions.length > 0 ? { $and: conditions } : {},
      { orderBy: parseOrderBy(query.orderby), offset, limit },
    );
    return { count, items: rows.map(toCallRate) };
  }

  async get(caller: CallerContext, id: string): Promise<TelephonyContracts.CallRate> {
    return toCallRate(await this.find(tenantScope(this.em, caller.tenantId), id));
  }

  async create(caller: CallerContext, body: Record<string, unknown>): Promise<{ id: string }> {
    const values = checkCallRate(body, 'create') as CallRateValues;
    const em = tenantScope(this.em, caller.tenantId);
    if (await em.count(CallRateEntity, { prefix: values.prefix })) throw prefixTaken(values.prefix);
    const rate = await this.write(em, caller.tenantId, values.prefix, (tx) => tx.create(CallRateEntity, this.newRate(values)));
    await this.events.changed(caller.tenantId);
    return { id: encodeId(rate.id) };
  }

  async update(caller: CallerContext, id: string, changes: Record<string, unknown>): Promise<{ updated: true }> {
    const em = tenantScope(this.em, caller.tenantId);
    const rate = await this.find(em, id);
    const values = checkCallRate(changes, 'update');
    if (values.prefix !== undefined && values.prefix !== rate.prefix && (await em.count(CallRateEntity, { prefix: values.prefix }))) {
      throw prefixTaken(values.prefix);
    }
    await this.write(em, caller.tenantId, values.prefix ?? rate.prefix, (tx) => tx.assign(rate, { ...values, updated_at: new Date() }));
    await this.events.changed(caller.tenantId);
    return { updated: true };
  }

  async destroy(caller: CallerContext, id: string): Promise<{ destroyed: true }> {
    const em = tenantScope(this.em, caller.tenantId);
    const rate = await this.find(em, id);
    await this.write(em, caller.tenantId, rate.prefix, (tx) => tx.remove(rate));
    await this.events.changed(caller.tenantId);
    return { destroyed: true };
  }

  async export(caller: CallerContext): Promise<{ csv: string }> {
    const rows = await tenantScope(this.em, caller.tenantId).find(CallRateEntity, {}, { orderBy: { prefix: 'asc' } });
    return { csv: toCsv(rows.map(toCallRate)) };
  }

  private async find(em: EntityManager, id: string): Promise<CallRateEntity> {
    const snowflake = decodeId(id);
    const rate = snowflake ? await em.findOne(CallRateEntity, { id: snowflake }) : null;
    if (!rate) throw callRateNotFound(id);
    return rate;
  }

  private newRate(values: CallRateValues) {
    const now = new Date();
    return { ...values, description: values.description ?? null, id: this.ids.next(), created_at: now, updated_at: now };
  }

  /**
   * Makes a change to the tenant's rates and advances their version in one transaction (the rows
   * it reads were read before it, so on SQLite it begins with a write and waits its turn). A prefix
   * race lost to a concurrent request is the same 409 as the checked case.
   */
  private async write<T>(em: EntityManager, tenantId: string, prefix: string, change: (tx: EntityManager) => T): Promise<T> {
    try {
      return await em.transactional(async (tx) => {
        const result = change(tx);
        await tx.flush();
        await bumpRateVersion(tx as SqlEntityManager, tenantId);
        return result;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw prefixTaken(prefix);
      throw error;
    }
  }
}

export function toCallRate(rate: CallRateEntity): TelephonyContracts.CallRate {
  return {
    id: encodeId(String(rate.id)),
    prefix: rate.prefix,
    type: rate.type,
    free_seconds: rate.free_seconds,
    grace_period: rate.grace_period,
    interval_1: rate.interval_1,
    interval_n: rate.interval_n,
    connect_fee: formatAmount(String(rate.connect_fee)),
    postcall_surcharge: formatAmount(String(rate.postcall_surcharge)),
    price_1: formatAmount(String(rate.price_1)),
    price_n: formatAmount(String(rate.price_n)),
    description: rate.description ?? null,
  };
}
