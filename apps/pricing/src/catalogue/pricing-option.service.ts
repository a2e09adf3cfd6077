import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Decimal } from 'decimal.js';
import { DomainException, PricingContracts, PricingErrorCode, ValidationException, type CallerContext } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { BillingTermEntity } from './billing-term.entity.js';
import { OptionGroupEntity } from './option-group.entity.js';
import { ProductEntity } from './product.entity.js';
import { findProduct } from './product.service.js';
import { readUnitPrice } from './price.rules.js';

const BILLING_TERMS = PricingContracts.BILLING_TERMS;

/** A term's months are fixed; a tenant chooses only the discount for committing to it. */
export const TERM_MONTHS: Readonly<Record<PricingContracts.BillingTermCode, number>> = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 };
const OPTION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_CHOICES = 100;

const invalid = (field: string, rule: string) => new ValidationException(`${field} ${rule}`, { field });

function readName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 255 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw invalid(field, 'must be text of 1 to 255 characters');
  }
  return value.trim();
}

function readCode(value: unknown, field: string): string {
  if (typeof value !== 'string' || !OPTION_CODE.test(value)) throw invalid(field, 'must be 1 to 64 letters, digits, ".", "_" or "-"');
  return value;
}

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
    if (changes['months'] !== undefined && Number(changes['months']) !== TERM_MONTHS[code]) {
      throw invalid('months', `of ${code} is ${TERM_MONTHS[code]} and cannot change`);
    }
    const discountPercent = readPercent(changes['discountPercent'], 'discountPercent');
    await this.upsert(caller, BillingTermEntity, { code }, { discountPercent });
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
    const name = readName(body['name'], 'name');
    const choices = await this.readChoices(body['choices']);
    const product = await findProduct(tenantScope(this.em, caller.tenantId), productCode);
    if (product.status === 'RETIRED') throw new DomainException(PricingErrorCode.ProductRetired, `Product ${product.code} is retired`);
    await this.upsert(caller, OptionGroupEntity, { productId: product.id, code }, { name, choices });
    return { kind: 'OPTION_GROUP', productCode: product.code, code, name, choices };
  }

  async removeGroup(caller: CallerContext, productCode: string, group: string): Promise<PricingContracts.PricingOptions> {
    const em = tenantScope(this.em, caller.tenantId);
    const product = await findProduct(em, productCode);
    const removed = await em.nativeDelete(OptionGroupEntity, { productId: product.id, code: String(group) });
    if (removed === 0)
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
        name: readName(body['name'] ?? code, `${at}.name`),
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

  /** Writes the row with `key`, creating it if there is none; a concurrent creation makes this one an update. */
  private async upsert<T extends BillingTermEntity | OptionGroupEntity>(
    caller: CallerContext,
    entity: new () => T,
    key: Partial<T>,
    values: Partial<T>,
  ): Promise<void> {
    const write = () =>
      tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const row = (await tx.findOne(entity, key as never)) ?? tx.create(entity, { ...key, ...values } as never);
        tx.assign(row, values as never);
        await tx.flush();
      });
    try {
      await write();
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
