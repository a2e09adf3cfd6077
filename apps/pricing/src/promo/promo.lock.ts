import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { promoNotFound } from './promo.exception.js';
import { PromoCodeEntity } from './promo.entity.js';

export type PromoKey = { id: number } | { code: string };

/**
 * The first statement of a transaction that reads a promo's counters and then changes them (a
 * redemption, an update of its limits): it writes the promo's row without changing it. PostgreSQL
 * then holds the row's lock until commit, so such transactions on one code queue behind each other
 * and each reads (read committed) what the one before committed; SQLite takes its database write
 * lock here, as BEGIN IMMEDIATE would, so no other writer, in this process or a replica, comes
 * between the check and the change. Throws PromoNotFound when the tenant has no such code.
 */
export async function lockPromo(tx: EntityManager, key: PromoKey): Promise<void> {
  const locked = await tx.nativeUpdate(PromoCodeEntity, key as FilterQuery<PromoCodeEntity>, { redemptions: raw('redemptions') });
  if (locked === 0) throw promoNotFound('id' in key ? key.id : key.code);
}
