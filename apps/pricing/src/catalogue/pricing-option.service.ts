import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Decimal } from 'decimal.js';
import { DomainException, PricingContracts, PricingErrorCode, type CallerContext } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { BillingTermEntity } from './billing-term.entity.js';
import { OptionGroupEntity } from './option-group.entity.js';
import { ProductEntity } from './product.entity.js';
import { findProduct } from './product.service.js';
import { CODE, CODE_RULE, invalid, readText } from '../input/input.rules.js';
import { readUnitPrice } from './price.rules.js';

const BILLING_TERMS = PricingContracts.BILLING_TERMS;

/** A term's months are fixed; a tenant chooses only the discount for committing to it. */
export const TERM_MONTHS: Readonly<Record<PricingContracts.BillingTermCode, number>> = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 };
const MAX_CHOICES = 100;

const readCode = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || !CODE.test(value)) throw invalid(field, CODE_RULE);
  return value;
};

/** Reads a discount percentage: 0 to 100 with at most 4 places, answered in its plain form ("10", "12.5"). */
export function readPercent(value: unknown, field: string): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,3}(\.\d{1,4})?$/.test(text) || new Decimal(text).greaterThan(100)) {
    throw invalid(field, 'must be a percentage from 0 to 100 with at most 4 decimal places');
  }
  return new Decimal(text).toFixed();
}

@Injectable()
export class PricingOptionService {
  constructor(
    private readonly em: EntityManager,
    private readonly currencies: CurrencyService,
  ) {}

  /** The billing terms (every term, with the tenant's discount or none), then each active product's option groups. */
  async options(caller: CallerContext): Promise<PricingContracts.PricingOptions> {
    const em = tenantScope(this.em, caller.tenantId);
    const [terms, groups, products] = await Promise.all([
      em.find(BillingTermEntity, {}),
      em.find(OptionGroupEntity, {}, { orderBy: { code: 'asc' } }),
      em.find(ProductEntity, { status: 'ACTIVE' }, { orderBy: { code: 'asc' } }),
    ]);
    const termOptions = BILLING_TERMS.map((code) => toTerm(code, terms.find((t) => t.code === code)?.discountPercent ?? '0'));
    const groupOptions = products.flatMap((product) =>
      groups.filter((group) => group.productId === product.id).map((group) => toGroup(product.code, group)),
    );
    return { pricing: [...termOptions, ...groupOptions] };
  }

  async setTerm(caller: CallerContext, term: string, changes: Record<string, unknown>): Promise<PricingContracts.BillingTerm> {
    if (!(BILLING_TERMS as readonly string[]).includes(term)) throw invalid('term', `must be one of ${BILLING_TERMS.join(', ')}`);
    const code = term as PricingContracts.BillingTermCode;
    const discountPercent = readPercent(changes['discountPercent'], 'discountPercent');
    await this.upsert(caller, BillingTermEntity, { discountPercent }, async () => ({ key: { code }, found: undefined }));
    return toTerm(code, discountPercent);
  }

  /** Creates or replaces a product's option group; every choice needs a price in each currency it lists. */
  async setGroup(
    caller: CallerContext,
    productCode: string,
    group: string,
    body: Record<string, unknown>,
  ): Promise<PricingContracts.OptionGroup> {
    const code = readCode(group, 'group');
    const name = readText(body['name'], 'name', 255);
    const choices = await this.readChoices(body['choices']);
    const product = await this.upsert(caller, OptionGroupEntity, { name, choices }, async (tx) => {
      const product = await findProduct(tx, productCode);
      if (product.status === 'RETIRED') throw new DomainException(PricingErrorCode.ProductRetired, `Product ${product.code} is retired`);
      return { key: { productId: product.id, code }, found: product };
    });
    return { kind: 'OPTION_GROUP', productCode: product.code, code, name, choices };
  }

  async removeGroup(caller: CallerContext, productCode: string, group: string): Promise<PricingContracts.PricingOptions> {
    const em = tenantScope(this.em, caller.tenantId);
    const product = await findProduct(em, productCode);
    const removed = await em.findOne(OptionGroupEntity, { productId: product.id, code: String(group) });
    if (removed) {
      em.remove(removed);
      await em.flush();
    }
    if (!removed)
      throw new DomainException(PricingErrorCode.ProductNotFound, `Product ${product.code} has no option ${String(group).slice(0, 64)}`);
    return this.options(caller);
  }

  private async readChoices(value: unknown): Promise<PricingContracts.OptionChoice[]> {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CHOICES)
      throw invalid('choices', `must be a list of 1 to ${MAX_CHOICES} choices`);
    const choices: PricingContracts.OptionChoice[] = [];
    for (const [index, choice] of value.entries()) {
      const at = `choices[${index}]`;
      if (typeof choice !== 'object' || choice === null) throw invalid(at, 'must be an object');
      const body = choice as Record<string, unknown>;
      const code = readCode(body['code'], `${at}.code`);
      if (choices.some((c) => c.code === code)) throw invalid(`${at}.code`, `${code} is given twice`);
      choices.push({
        code,
        name: readText(body['name'] ?? code, `${at}.name`, 255),
        prices: await this.readChoicePrices(body['prices'], `${at}.prices`),
      });
    }
    return choices;
  }

  private async readChoicePrices(value: unknown, field: string): Promise<PricingContracts.OptionChoice['prices']> {
    if (!Array.isArray(value) || value.length > 100) throw invalid(field, 'must be a list of prices, one per currency');
    const prices: PricingContracts.OptionChoice['prices'] = [];
    for (const [index, price] of value.entries()) {
      const body = (typeof price === 'object' && price !== null ? price : {}) as Record<string, unknown>;
      const currency = await this.currencies.require(body['currency'], `${field}[${index}].currency`);
      if (prices.some((p) => p.currency === currency.code)) throw invalid(`${field}[${index}].currency`, `${currency.code} is given twice`);
      prices.push({ currency: currency.code, unitPrice: readUnitPrice(body['unitPrice'], currency, `${field}[${index}].unitPrice`) });
    }
    return prices;
  }

  /**
   * Writes the row `locate` names (it also checks, in the same transaction, what the row hangs on),
   * creating it if there is none; a concurrent creation makes this one an update.
   */
  private async upsert<T extends BillingTermEntity | OptionGroupEntity, F>(
    caller: CallerContext,
    entity: new () => T,
    values: Partial<T>,
    locate: (tx: EntityManager) => Promise<{ key: Partial<T>; found: F }>,
  ): Promise<F> {
    const write = () =>
      tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const { key, found } = await locate(tx);
        const row = (await tx.findOne(entity, key as never)) ?? tx.create(entity, { ...key, ...values } as never);
        tx.assign(row, values as never);
        await tx.flush();
        return found;
      });
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return write();
      throw error;
    }
  }
}

function toTerm(code: PricingContracts.BillingTermCode, discountPercent: string): PricingContracts.BillingTerm {
  return { kind: 'BILLING_TERM', code, months: TERM_MONTHS[code], discountPercent };
}

function toGroup(productCode: string, group: OptionGroupEntity): PricingContracts.OptionGroup {
  return { kind: 'OPTION_GROUP', productCode, code: group.code, name: group.name, choices: group.choices };
}
