import { Injectable } from '@nestjs/common';
import { EntityManager, raw, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { DomainException, PricingErrorCode, ValidationException, type CallerContext, type PricingContracts } from '@billing/contracts';
import { recordChange, tenantScope } from '@billing/persistence';
import { CurrencyService } from '../currency/currency.service.js';
import { toProduct } from './product.mapper.js';
import { ProductPriceEntity } from './product-price.entity.js';
import { ProductEntity } from './product.entity.js';
import { readProduct } from './product.rules.js';
import { readPrice } from './price.rules.js';

type PriceRow = Omit<PricingContracts.Price, 'currency'> & { currency: string };

export const productNotFound = (code: string) =>
  new DomainException(PricingErrorCode.ProductNotFound, `Product ${code.slice(0, 64)} not found`, { productCode: code.slice(0, 64) });

/** Finds a product of the scoped tenant by its code, or throws PRODUCT_NOT_FOUND. */
export async function findProduct(em: EntityManager, code: string): Promise<ProductEntity> {
  const product = typeof code === 'string' && code.length <= 64 ? await em.findOne(ProductEntity, { code }) : null;
  if (!product) throw productNotFound(String(code));
  return product;
}

const priceChanges = (row: ProductPriceEntity) => ({
  currency: { old: row.currency },
  mode: { old: row.mode },
  unitPrice: { old: row.unitPrice ?? null },
  tiers: { old: row.tiers ?? null },
});

@Injectable()
export class ProductService {
  constructor(
    private readonly em: EntityManager,
    private readonly currencies: CurrencyService,
  ) {}

  async create(caller: CallerContext, body: Record<string, unknown>): Promise<PricingContracts.Product> {
    const fields = readProduct(body, 'create');
    const prices = await this.readPrices(fields.prices!);
    try {
      return await tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
        const now = new Date();
        const product = tx.create(ProductEntity, {
          code: fields.code!,
          name: fields.name!,
          description: fields.description ?? null,
          unit: fields.unit!,
          chargeType: fields.chargeType!,
          status: 'ACTIVE',
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        const rows = prices.map((price) => tx.create(ProductPriceEntity, { productId: product.id, ...price }));
        await tx.flush();
        return toProduct(product, rows);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainException(PricingErrorCode.ProductCodeTaken, `A product with code ${fields.code} already exists`, {
          field: 'code',
        });
      }
      throw error;
    }
  }

  async list(caller: CallerContext, request: PricingContracts.ProductListRequest): Promise<PricingContracts.ProductList> {
    const em = tenantScope(this.em, caller.tenantId);
    const status = request.status ?? 'ACTIVE';
    const where: FilterQuery<ProductEntity> = status === 'ALL' ? {} : { status };
    const [products, matches] = await em.findAndCount(ProductEntity, where, {
      orderBy: { code: 'asc' },
      offset: request.offset,
      limit: request.limit,
    });
    const prices = await em.find(ProductPriceEntity, { productId: { $in: products.map((p) => p.id) } });
    return {
      products: products.map((product) =>
        toProduct(
          product,
          prices.filter((p) => p.productId === product.id),
        ),
      ),
      matches,
    };
  }

  async get(caller: CallerContext, code: string): Promise<PricingContracts.Product> {
    const em = tenantScope(this.em, caller.tenantId);
    const product = await findProduct(em, code);
    return toProduct(product, await em.find(ProductPriceEntity, { productId: product.id }));
  }

  /** Changes the fields given; `prices`, when given, replaces every list price. */
  async update(caller: CallerContext, code: string, changes: Record<string, unknown>): Promise<PricingContracts.Product> {
    const { prices: priceBodies, ...fields } = readProduct(changes, 'update');
    const prices = priceBodies ? await this.readPrices(priceBodies) : undefined;
    return tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
      // Replacing the prices deletes and inserts rows: two updates at once must take turns, or the
      // second's delete misses the first's new rows and its insert collides with them.
      if (typeof code !== 'string' || (await tx.nativeUpdate(ProductEntity, { code }, { updatedAt: raw('updated_at') })) === 0) {
        throw productNotFound(String(code));
      }
      const product = await findProduct(tx, code);
      if (product.status === 'RETIRED') {
        throw new DomainException(PricingErrorCode.ProductRetired, `Product ${product.code} is retired and cannot change`);
      }
      tx.assign(product, { ...fields, updatedAt: new Date() });
      if (prices) {
        // Deleted before the new rows go in (the unit of work would insert first and hit the unique index).
        const replaced = await tx.find(ProductPriceEntity, { productId: product.id });
        await tx.nativeDelete(ProductPriceEntity, { productId: product.id });
        for (const old of replaced) {
          await recordChange(tx, {
            action: 'DELETE',
            objectType: 'product_price',
            objectId: String(old.id),
            changes: priceChanges(old),
            tenantId: old.tenantId,
          });
        }
        for (const price of prices) tx.create(ProductPriceEntity, { productId: product.id, ...price });
      }
      await tx.flush();
      return toProduct(product, await tx.find(ProductPriceEntity, { productId: product.id }));
    });
  }

  /** Retired products leave price lists and cannot be quoted; their rows and prices stay for history. */
  async retire(caller: CallerContext, code: string): Promise<PricingContracts.Product> {
    return tenantScope(this.em, caller.tenantId).transactional(async (tx) => {
      const product = await findProduct(tx, code);
      if (product.status !== 'RETIRED') {
        const now = new Date();
        tx.assign(product, { status: 'RETIRED', retiredAt: now, updatedAt: now });
        await tx.flush();
      }
      return toProduct(product, await tx.find(ProductPriceEntity, { productId: product.id }));
    });
  }

  /** Every price read against its own currency; one price per currency. */
  private async readPrices(bodies: Record<string, unknown>[]): Promise<PriceRow[]> {
    const rows: PriceRow[] = [];
    for (const [index, body] of bodies.entries()) {
      const currency = await this.currencies.require(body['currency'], `prices[${index}].currency`);
      if (rows.some((row) => row.currency === currency.code)) {
        throw new ValidationException(`prices[${index}].currency ${currency.code} is given twice`, { field: `prices[${index}].currency` });
      }
      rows.push({ currency: currency.code, ...readPrice(body, currency, `prices[${index}]`) });
    }
    return rows;
  }
}
