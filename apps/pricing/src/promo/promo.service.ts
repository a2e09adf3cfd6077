import { Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/sql';
import { ValidationException, type CallerContext, type PricingContracts } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { CustomerDirectory } from '../customer/customer.directory.js';
import { promoCodeTaken, promoConflict } from './promo.exception.js';
import { PromoCodeEntity } from './promo.entity.js';
import { lockPromo } from './promo.lock.js';
import { stateOf, toPromoCode, toServicePromo, toSummary, valuesOf } from './promo.mapper.js';
import { PromoRedeemer } from './promo.redeemer.js';
import { checkPromo, namedCurrencies, promoStatus, updatedBody } from './promo.rules.js';

const PROMO_TYPES: PricingContracts.PromoTypeInfo[] = [
  {
    type: 'PERCENTAGE',
    name: 'Percentage discount',
    description: 'discount is a percentage (more than 0, at most 100) taken off the lines the code applies to',
  },
  {
    type: 'FIXED',
    name: 'Fixed amount discount',
    description: 'discount is an amount in the code currency taken off the lines the code applies to, never more than their total',
  },
  {
    type: 'FREE_TRIAL',
    name: 'Free trial',
    description: 'discount is a number of free days before billing starts; it takes no amount off a quote',
  },
];

/** An id a client sent (a path segment, a JSON number): a positive whole number, or 400. */
function readId(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationException(`${field} must be a positive whole number`, { field });
  }
  return value;
}

@Injectable()
export class PromoService {
  constructor(
    private readonly em: EntityManager,
    private readonly customers: CustomerDirectory,
    private readonly redeemer: PromoRedeemer,
    private readonly currencies: CurrencyService,
  ) {}

  async create(caller: CallerContext, body: Record<string, unknown>): Promise<PricingContracts.PromoCode> {
    const em = tenantScope(this.em, caller.tenantId);
    const values = checkPromo(body, await this.currencies.known(namedCurrencies(body)));
    if ((await em.count(PromoCodeEntity, { code: values.code })) > 0) throw promoCodeTaken(values.code);
    const now = new Date();
    const promo = em.create(PromoCodeEntity, { ...values, redemptions: 0, createdAt: now, updatedAt: now });
    try {
      await em.flush();
    } catch (error) {
      // A create racing this one for the same code: the unique index decides, with the same 409.
      if (error instanceof UniqueConstraintViolationException) throw promoCodeTaken(values.code);
      throw error;
    }
    return toPromoCode(promo, now);
  }

  /** Under the promo's lock, so a limit is never lowered below redemptions a concurrent add is making. */
  async update(caller: CallerContext, id: unknown, changes: Record<string, unknown>): Promise<PricingContracts.PromoCode> {
    const promoId = readId(id, 'id');
    return tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
      await lockPromo(tx, { id: promoId });
      const promo = await tx.findOneOrFail(PromoCodeEntity, { id: promoId }, { refresh: true });
      const body = updatedBody(valuesOf(promo), changes);
      const values = checkPromo(body, await this.currencies.known(namedCurrencies(body)));
      if (values.maxRedemptions !== null && values.maxRedemptions < promo.redemptions) {
        throw promoConflict(`maxRedemptions cannot be below the ${promo.redemptions} redemptions already made`);
      }
      const now = new Date();
      tx.assign(promo, { ...values, updatedAt: now });
      await tx.flush();
      return toPromoCode(promo, now);
    });
  }

  async list(caller: CallerContext): Promise<{ promocodes: PricingContracts.PromoCode[] }> {
    const now = new Date();
    const promos = await tenantScope(this.em, caller.tenantId).find(PromoCodeEntity, {}, { orderBy: { id: 'asc' } });
    return { promocodes: promos.map((promo) => toPromoCode(promo, now)) };
  }

  async validate(
    caller: CallerContext,
    request: { promocode: unknown; customerid?: unknown },
  ): Promise<{ promocode: PricingContracts.PromoSummary }> {
    const customerId = request.customerid === undefined ? undefined : readId(request.customerid, 'customerid');
    if (customerId !== undefined) await this.customers.requireCustomer(caller, customerId);
    const em = tenantScope(this.em, caller.tenantId);
    const promo = await this.redeemer.redeemablePromo(em, request.promocode, new Date(), customerId);
    return { promocode: toSummary(promo) };
  }

  /** The customer is asked of accounts before the transaction: nothing waits on NATS while holding the promo's lock. */
  async add(
    caller: CallerContext,
    request: { promocode: unknown; customerid: unknown },
  ): Promise<{ redemption: PricingContracts.PromoRedemption }> {
    const customerId = readId(request.customerid, 'customerid');
    await this.customers.requireCustomer(caller, customerId);
    const now = new Date();
    const redemption = await tenantScope(this.em, caller.tenantId).transactional((tx) =>
      this.redeemer.addToCustomer(tx, customerId, request.promocode, now),
    );
    return { redemption };
  }

  types(): { promotypes: PricingContracts.PromoTypeInfo[] } {
    return { promotypes: PROMO_TYPES };
  }

  /** Campaigns: the codes usable now that are limited to some products. */
  async servicePromos(caller: CallerContext): Promise<{ servicepromos: PricingContracts.ServicePromo[] }> {
    const now = new Date();
    const promos = await tenantScope(this.em, caller.tenantId).find(PromoCodeEntity, {}, { orderBy: { id: 'asc' } });
    const active = promos.filter((promo) => promo.services.length > 0 && promoStatus(stateOf(promo), now) === 'ACTIVE');
    return { servicepromos: active.map(toServicePromo) };
  }
}
