import { Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/sql';
import { DomainException, PricingErrorCode, type CallerContext, type PricingContracts } from '@billing/contracts';
import { Money } from '@billing/money';
import { recordChange, tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { CustomerDirectory } from '../customer/customer.directory.js';
import { lockCustomer } from '../customer/customer.lock.js';
import { PromoRedeemer } from '../promo/promo.redeemer.js';
import { lineDiscounts } from './quote.discount.js';
import { QuoteLineEntity } from './quote-line.entity.js';
import { toQuote } from './quote.mapper.js';
import { priceLines } from './quote.pricer.js';
import { today } from '../input/input.rules.js';
import { quoteStatus, readQuoteRequest } from './quote.rules.js';
import { QuoteEntity } from './quote.entity.js';
import { nextInSequence } from './tenant-sequence.js';

const quoteNotFound = (id: number) => new DomainException(PricingErrorCode.QuoteNotFound, `Quote ${id} not found`);

@Injectable()
export class QuoteService {
  constructor(
    private readonly em: EntityManager,
    private readonly currencies: CurrencyService,
    private readonly customers: CustomerDirectory,
    private readonly promos: PromoRedeemer,
  ) {}

  /** Prices every line for the customer, applies the promo code if any, and numbers the quote, all in one transaction. */
  async create(caller: CallerContext, body: Record<string, unknown>): Promise<PricingContracts.Quote> {
    const now = new Date();
    const request = readQuoteRequest(body, now);
    const currency = await this.currencies.require(request.currency);
    await this.customers.requireCustomer(caller, request.customerId);
    const write = () =>
      tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const priced = await priceLines(tx, request.customerId, currency, request.lines);
        const promo = request.promocode ? await this.promos.checkForQuote(tx, request.customerId, request.promocode, now) : null;
        const discounts = lineDiscounts(
          promo,
          priced.map((line) => ({ productCode: line.product.code, amount: line.amount })),
          currency,
        );
        const subtotal = Money.sum(
          priced.map((line) => line.amount),
          currency,
        );
        const discountTotal = Money.sum(discounts, currency);
        const quote = tx.create(QuoteEntity, {
          number: await nextInSequence(tx, 'quote'),
          customerId: request.customerId,
          currency: currency.code,
          status: 'OPEN',
          validUntil: request.validUntil,
          promoId: promo?.id ?? null,
          promoCode: promo?.code ?? null,
          subtotal: subtotal.toString(),
          discountTotal: discountTotal.toString(),
          total: subtotal.minus(discountTotal).toString(),
          createdAt: now,
        });
        await tx.flush();
        const lines = priced.map((line, index) =>
          tx.create(QuoteLineEntity, {
            quoteId: quote.id,
            lineNumber: index + 1,
            productId: line.product.id,
            productCode: line.product.code,
            productName: line.product.name,
            chargeType: line.product.chargeType,
            quantity: line.quantity,
            options: line.options,
            unitPrice: line.unitPrice,
            amount: line.amount.toString(),
            discount: discounts[index]!.toString(),
          }),
        );
        await tx.flush();
        return toQuote(quote, lines, now);
      });
    try {
      return await write();
    } catch (error) {
      // The tenant's first two quotes at once both create its sequence: the loser draws again.
      if (error instanceof UniqueConstraintViolationException) return write();
      throw error;
    }
  }

  async list(
    caller: CallerContext,
    request: PricingContracts.QuoteListRequest,
  ): Promise<{ quotations: PricingContracts.Quote[]; matches: number }> {
    const now = new Date();
    const em = tenantScope(this.em, caller.tenantId);
    const where: FilterQuery<QuoteEntity>[] = [];
    if (request.customerId !== undefined) where.push({ customerId: request.customerId });
    if (request.status) where.push(statusCondition(request.status, today(now)));
    const [quotes, matches] = await em.findAndCount(QuoteEntity, where.length > 0 ? { $and: where } : {}, {
      orderBy: { id: 'desc' },
      offset: request.offset,
      limit: request.limit,
    });
    const lines = await em.find(QuoteLineEntity, { quoteId: { $in: quotes.map((quote) => quote.id) } }, { orderBy: { lineNumber: 'asc' } });
    return {
      quotations: quotes.map((quote) =>
        toQuote(
          quote,
          lines.filter((line) => line.quoteId === quote.id),
          now,
        ),
      ),
      matches,
    };
  }

  async get(caller: CallerContext, id: number): Promise<PricingContracts.Quote> {
    const em = tenantScope(this.em, caller.tenantId);
    const quote = await em.findOne(QuoteEntity, { id });
    if (!quote) throw quoteNotFound(id);
    return toQuote(quote, await em.find(QuoteLineEntity, { quoteId: id }, { orderBy: { lineNumber: 'asc' } }), new Date());
  }

  /** Accepting redeems the quote's promo code under the same rules as adding it; either both happen or neither. */
  async accept(caller: CallerContext, id: number): Promise<PricingContracts.Quote> {
    const now = new Date();
    await tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
      // An acceptance ends the customer's first time: a first-time-only redemption must not pass beside it unseen.
      const customerId = (await tx.findOne(QuoteEntity, { id }, { fields: ['customerId'] }))?.customerId;
      if (customerId === undefined) throw quoteNotFound(id);
      await lockCustomer(tx, customerId);
      const quote = await this.close(tx, id, { status: 'ACCEPTED', acceptedAt: now }, now);
      if (quote.promoId) await this.promos.redeem(tx, quote.customerId, quote.promoId, quote.id, now);
    });
    return this.get(caller, id);
  }

  async decline(caller: CallerContext, id: number): Promise<PricingContracts.Quote> {
    const now = new Date();
    await tenantScope(this.em, caller.tenantId).transactional((tx) => this.close(tx, id, { status: 'DECLINED', declinedAt: now }, now));
    return this.get(caller, id);
  }

  /**
   * Moves an open, unexpired quote on, as one conditional update: of two concurrent accepts (or an
   * accept and a decline) exactly one finds it open; the other is told what it now is.
   */
  private async close(tx: EntityManager, id: number, change: Partial<QuoteEntity>, now: Date): Promise<QuoteEntity> {
    const valid = { id, status: 'OPEN' as const, $or: [{ validUntil: null }, { validUntil: { $gte: today(now) } }] };
    const changed = await tx.nativeUpdate(QuoteEntity, valid, change);
    const quote = await tx.findOne(QuoteEntity, { id }, { refresh: true });
    if (!quote) throw quoteNotFound(id);
    if (changed === 1) {
      await recordChange(tx, {
        action: 'UPDATE',
        objectType: 'quote',
        objectId: String(quote.id),
        changes: { status: { old: 'OPEN', new: change.status } },
        tenantId: quote.tenantId,
      });
    }
    if (changed === 0) {
      const status = quoteStatus(quote.status, quote.validUntil, now);
      throw new DomainException(
        PricingErrorCode.QuoteNotOpen,
        `Quote ${quote.id} is ${status.toLowerCase()} and can no longer be ${change.status === 'ACCEPTED' ? 'accepted' : 'declined'}`,
        {
          status,
        },
      );
    }
    return quote;
  }
}

function statusCondition(status: PricingContracts.QuoteStatus, day: string): FilterQuery<QuoteEntity> {
  if (status === 'EXPIRED') return { status: 'OPEN', validUntil: { $lt: day } };
  if (status === 'OPEN') return { status: 'OPEN', $or: [{ validUntil: null }, { validUntil: { $gte: day } }] };
  return { status };
}
