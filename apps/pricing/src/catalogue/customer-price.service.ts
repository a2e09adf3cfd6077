import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CommonErrorCode, DomainException, PricingErrorCode, type CallerContext, type PricingContracts } from '@billing/contracts';
import { tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { CustomerDirectory } from '../customer/customer.directory.js';
import { CustomerPriceEntity } from './customer-price.entity.js';
import { toEffectivePrice } from './product.mapper.js';
import { ProductPriceEntity } from './product-price.entity.js';
import { ProductEntity } from './product.entity.js';
import { findProduct } from './product.service.js';
import { readPrice } from './price.rules.js';

@Injectable()
export class CustomerPriceService {
  constructor(
    private readonly em: EntityManager,
    private readonly currencies: CurrencyService,
    private readonly customers: CustomerDirectory,
  ) {}

  /** Sets the customer's own price of a product in the body's currency, replacing any before it. */
  async set(
    caller: CallerContext,
    customerId: number,
    productCode: string,
    body: Record<string, unknown>,
  ): Promise<PricingContracts.EffectivePrice> {
    const currency = await this.currencies.require(body['currency']);
    const price = readPrice(body, currency);
    await this.customers.requireCustomer(caller, customerId);
    const write = () =>
      tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const product = await findProduct(tx, productCode);
        if (product.status === 'RETIRED') {
          throw new DomainException(PricingErrorCode.ProductRetired, `Product ${product.code} is retired and cannot be priced`);
        }
        const key = { customerId, productId: product.id, currency: currency.code };
        const row =
          (await tx.findOne(CustomerPriceEntity, key)) ?? tx.create(CustomerPriceEntity, { ...key, ...price, updatedAt: new Date() });
        tx.assign(row, { ...price, updatedAt: new Date() });
        await tx.flush();
        return toEffectivePrice(product, row, 'CUSTOMER');
      });
    try {
      return await write();
    } catch (error) {
      // Two sets of the same price at once: the loser finds the winner's row and replaces it.
      if (error instanceof UniqueConstraintViolationException) return write();
      throw error;
    }
  }

  /** Removes the customer's own prices of a product (in one currency, or all); the list price applies again. */
  async remove(
    caller: CallerContext,
    customerId: number,
    productCode: string,
    currencyCode?: string,
  ): Promise<PricingContracts.CustomerPricing> {
    const currency = currencyCode === undefined ? undefined : (await this.currencies.require(currencyCode)).code;
    await this.customers.requireCustomer(caller, customerId);
    const em = tenantScope(this.em, caller.tenantId);
    const product = await findProduct(em, productCode);
    const removed = await em.find(CustomerPriceEntity, { customerId, productId: product.id, ...(currency ? { currency } : {}) });
    // Through the unit of work, so each removed price leaves its audit row.
    em.remove(removed);
    await em.flush();
    if (removed.length === 0) {
      throw new DomainException(
        CommonErrorCode.NotFound,
        `Customer ${customerId} has no own price for ${product.code}${currency ? ` in ${currency}` : ''}`,
      );
    }
    return this.effectivePrices(customerId, em);
  }

  async pricing(caller: CallerContext, customerId: number): Promise<PricingContracts.CustomerPricing> {
    await this.customers.requireCustomer(caller, customerId);
    return this.effectivePrices(customerId, tenantScope(this.em, caller.tenantId));
  }

  /** Every active product in every currency it has a list or a customer price in; the customer's wins. */
  private async effectivePrices(customerId: number, em: EntityManager): Promise<PricingContracts.CustomerPricing> {
    const products = await em.find(ProductEntity, { status: 'ACTIVE' }, { orderBy: { code: 'asc' } });
    const ids = products.map((product) => product.id);
    const [list, own] = await Promise.all([
      em.find(ProductPriceEntity, { productId: { $in: ids } }),
      em.find(CustomerPriceEntity, { customerId, productId: { $in: ids } }),
    ]);
    const prices = products.flatMap((product) => {
      const mine = own.filter((row) => row.productId === product.id);
      const listed = list.filter((row) => row.productId === product.id && !mine.some((m) => m.currency === row.currency));
      return [
        ...mine.map((row) => toEffectivePrice(product, row, 'CUSTOMER')),
        ...listed.map((row) => toEffectivePrice(product, row, 'LIST')),
      ].sort((a, b) => a.currency.localeCompare(b.currency));
    });
    return { customerId, prices };
  }
}
