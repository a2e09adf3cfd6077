import { Injectable } from '@nestjs/common';
import { raw, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { PricingContracts } from '@billing/contracts';
import { QuoteEntity } from '../quote/quote.entity.js';
import { promoConflict, promoNotApplicable, promoNotFound } from './promo.exception.js';
import { PromoRedemptionEntity } from './promo-redemption.entity.js';
import { PromoCodeEntity } from './promo.entity.js';
import { lockCustomer } from '../customer/customer.lock.js';
import { lockPromo, type PromoKey } from './promo.lock.js';
import { stateOf, toRedemption } from './promo.mapper.js';
import { readPromoCode, whyNotApplicable, type CustomerStanding } from './promo.rules.js';

/** What a quote needs of a promo code that the customer may use; currency and minimum are the quote's to check. */
export interface PromoTerms {
  id: number;
  code: string;
  type: PricingContracts.PromoType;
  discount: string;
  currency: string | null;
  services: string[];
  minimumAmount: string | null;
  minimumAmountCurrency: string | null;
}

/**
 * Whether the customer has an accepted quote other than `exceptQuoteId` (the one being accepted
 * now, already marked so in the same transaction): such a customer is no longer first-time.
 */
async function hasAcceptedQuote(em: EntityManager, customerId: number, exceptQuoteId: number | null): Promise<boolean> {
  const others = exceptQuoteId === null ? {} : { id: { $ne: exceptQuoteId } };
  return (await em.count(QuoteEntity, { customerId, status: 'ACCEPTED', ...others })) > 0;
}

/**
 * The one redemption path, for adding a code to a customer and for accepting a quote. Every method
 * takes the caller's tenant-scoped EntityManager; the redeeming ones must run inside its
 * transaction, where they lock the promo's row first (see lockPromo).
 */
@Injectable()
export class PromoRedeemer {
  /**
   * validate: the code, looked up ignoring case, if it may be redeemed now; with a customer, one
   * more time by that customer, so every redemption it holds counts against maxPerCustomer (a
   * pending one included). 404 unknown, 400 with the reason otherwise.
   */
  redeemablePromo(em: EntityManager, code: unknown, now: Date, customerId?: number): Promise<PromoCodeEntity> {
    return this.applicable(em, code, now, customerId, false);
  }

  /**
   * For pricing a quote: every validity rule for this customer (404 unknown, 400 with the reason).
   * A pending redemption the customer holds is what the quote will use, so it makes the code
   * applicable even when the code or the customer has no place left.
   */
  async checkForQuote(em: EntityManager, customerId: number, code: string, now: Date): Promise<PromoTerms> {
    const promo = await this.applicable(em, code, now, customerId, true);
    return {
      id: promo.id,
      code: promo.code,
      type: promo.type,
      discount: promo.discount,
      currency: promo.currency ?? null,
      services: promo.services,
      minimumAmount: promo.minimumAmount ?? null,
      minimumAmountCurrency: promo.minimumAmountCurrency ?? null,
    };
  }

  /**
   * Accepting a quote: the customer's pending redemption of the code (made by addcode) is given the
   * quote and counts no more; otherwise a new redemption, under the same limits as addcode.
   */
  async redeem(tx: EntityManager, customerId: number, promoId: number, quoteId: number, now: Date): Promise<void> {
    await this.take(tx, { id: promoId }, customerId, quoteId, now);
  }

  /** addcode: a redemption for the customer; a repeat answers the pending one it already has, counted once. */
  async addToCustomer(tx: EntityManager, customerId: number, code: unknown, now: Date): Promise<PricingContracts.PromoRedemption> {
    const promoCode = readPromoCode(code);
    const redemption = await this.take(tx, { code: promoCode }, customerId, null, now);
    return toRedemption(redemption, promoCode);
  }

  /**
   * Under the promo's row lock: reuse the customer's pending redemption, or check the rules and
   * count a new one. The counter moves only by a conditional update that cannot pass the limit, and
   * the new row's sequence numbers are unique, so even without the lock nothing could count twice.
   */
  private async take(
    tx: EntityManager,
    key: PromoKey,
    customerId: number,
    quoteId: number | null,
    now: Date,
  ): Promise<PromoRedemptionEntity> {
    // Customer first, then code: every transaction that takes both takes them in this order.
    await lockCustomer(tx, customerId);
    await lockPromo(tx, key);
    const promo = await findPromo(tx, key);
    const mine = await tx.find(PromoRedemptionEntity, { promoId: promo.id, customerId }, { orderBy: { id: 'asc' } });
    const pending = mine.find((redemption) => redemption.quoteId == null);
    if (pending) {
      // A held place survives the code running out, but not its dates.
      const reason = whyNotApplicable(stateOf(promo), now, { holdsPending: true, uses: mine.length, firstTime: true });
      if (reason) throw promoNotApplicable(promo, reason);
      if (quoteId !== null) pending.quoteId = quoteId;
      await this.flush(tx, promo);
      return pending;
    }
    const standing: CustomerStanding = {
      holdsPending: false,
      uses: mine.length,
      firstTime: await this.firstTime(tx, promo, customerId, quoteId),
    };
    const reason = whyNotApplicable(stateOf(promo), now, standing);
    if (reason) throw promoNotApplicable(promo, reason);
    if (!(await countOne(tx, promo.id))) throw promoNotApplicable(promo, 'EXHAUSTED');
    const redemption = tx.create(PromoRedemptionEntity, {
      promoId: promo.id,
      customerId,
      quoteId,
      sequenceNo: promo.redemptions + 1,
      customerSequenceNo: mine.length + 1,
      redeemedAt: now,
    });
    await this.flush(tx, promo);
    return redemption;
  }

  private async applicable(
    em: EntityManager,
    code: unknown,
    now: Date,
    customerId: number | undefined,
    pendingIsUsable: boolean,
  ): Promise<PromoCodeEntity> {
    const promo = await findPromo(em, { code: readPromoCode(code) });
    const standing = customerId === undefined ? undefined : await this.standing(em, promo, customerId, pendingIsUsable);
    const reason = whyNotApplicable(stateOf(promo), now, standing);
    if (reason) throw promoNotApplicable(promo, reason);
    return promo;
  }

  private async standing(
    em: EntityManager,
    promo: PromoCodeEntity,
    customerId: number,
    pendingIsUsable: boolean,
  ): Promise<CustomerStanding> {
    const mine = await em.find(PromoRedemptionEntity, { promoId: promo.id, customerId });
    return {
      holdsPending: pendingIsUsable && mine.some((redemption) => redemption.quoteId == null),
      uses: mine.length,
      firstTime: await this.firstTime(em, promo, customerId, null),
    };
  }

  /** Only asked of first-time-only codes: it reads every code's redemptions and the quotes. */
  private async firstTime(em: EntityManager, promo: PromoCodeEntity, customerId: number, exceptQuoteId: number | null): Promise<boolean> {
    if (!promo.firstTimeOnly) return true;
    if ((await em.count(PromoRedemptionEntity, { customerId })) > 0) return false;
    return !(await hasAcceptedQuote(em, customerId, exceptQuoteId));
  }

  /** A unique index refusing the row means another transaction counted it first: the caller may retry. */
  private async flush(tx: EntityManager, promo: PromoCodeEntity): Promise<void> {
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw promoConflict(`Promo code ${promo.code} was redeemed concurrently; try again`);
      }
      throw error;
    }
  }
}

/**
 * The promo as stored now. Read past the unit of work's identity map: the counter changes by plain
 * updates, so a copy loaded earlier in the same unit of work may be stale, and this one must not
 * be flushed back over them.
 */
async function findPromo(em: EntityManager, key: PromoKey): Promise<PromoCodeEntity> {
  const promo = await em.findOne(PromoCodeEntity, key as FilterQuery<PromoCodeEntity>, { disableIdentityMap: true });
  if (!promo) throw promoNotFound('id' in key ? key.id : key.code);
  return promo;
}

/** Counts one redemption unless the limit is reached: false when it was. */
async function countOne(tx: EntityManager, promoId: number): Promise<boolean> {
  const counted = await tx.nativeUpdate(
    PromoCodeEntity,
    { id: promoId, $or: [{ maxRedemptions: null }, { maxRedemptions: { $gt: raw('redemptions') } }] } as FilterQuery<PromoCodeEntity>,
    { redemptions: raw('redemptions + 1') },
  );
  return counted === 1;
}
