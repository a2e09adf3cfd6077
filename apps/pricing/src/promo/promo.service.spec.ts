import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/sql';
import { DomainException, type CallerContext } from '@billing/contracts';
import { DatabaseModule, tenantScope } from '@billing/persistence';
import { migratedSqlite, type MigratedDatabase } from '@billing/testing';
import { CustomerDirectory } from '../customer/customer.directory.js';
import { ormModel } from '../orm-model.js';
import { QuoteEntity } from '../quote/quote.entity.js';
import { PromoModule } from './promo.module.js';
import { PromoRedeemer } from './promo.redeemer.js';
import { PromoService } from './promo.service.js';

const caller = (tenantId: string): CallerContext => ({
  tenantId,
  tenantName: tenantId,
  userId: 'u1',
  username: 'admin',
  roles: ['admin'],
  operator: false,
});
const ACME = caller('acme');
const RIVAL = caller('rival');
/** Every customer exists: whether one does is the accounts service's answer, tested end to end. */
@Global()
@Module({ providers: [{ provide: CustomerDirectory, useValue: { requireCustomer: async () => undefined } }], exports: [CustomerDirectory] })
class AnyCustomerModule {}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainException) return { code: error.code, message: error.message, reason: error.details?.['reason'] };
    throw error;
  }
  throw new Error('expected a failure');
};

describe('PromoService and PromoRedeemer on the migrated SQLite database', () => {
  let db: MigratedDatabase;
  let moduleRef: TestingModule;
  let promos: PromoService;
  let redeemer: PromoRedeemer;
  let em: EntityManager;
  const acceptedQuote = async (customerId: number) => {
    const scoped = tenantScope(em, ACME.tenantId);
    const quote = scoped.create(QuoteEntity, {
      number: customerId,
      customerId,
      currency: 'USD',
      status: 'ACCEPTED',
      subtotal: '1.00',
      discountTotal: '0.00',
      total: '1.00',
      createdAt: new Date(),
    });
    await scoped.flush();
    return quote.id;
  };
  const create = (body: Record<string, unknown>, who = ACME) =>
    promos.create(who, { type: 'PERCENTAGE', discount: '10', expires: '2999-12-31', ...body });

  beforeAll(async () => {
    db = await migratedSqlite('pricing', ormModel);
    moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRoot(db.settings, ormModel), AnyCustomerModule, PromoModule],
    }).compile();
    await moduleRef.init();
    promos = moduleRef.get(PromoService);
    redeemer = moduleRef.get(PromoRedeemer);
    em = moduleRef.get(EntityManager);
  });
  afterAll(async () => {
    await moduleRef?.close();
    db?.remove();
  });

  it('stores a code upper-case and refuses another spelling of it in the tenant, not in another tenant', async () => {
    const promo = await create({ code: 'Twice' });
    expect(promo).toMatchObject({ code: 'TWICE', status: 'ACTIVE', redemptions: 0, maxPerCustomer: 1, services: [] });
    expect(await failure(create({ code: 'twice' }))).toMatchObject({ code: 'PRICING_PROMO_CODE_TAKEN' });
    expect(await create({ code: 'twice' }, RIVAL)).toMatchObject({ code: 'TWICE' });
  });

  it('counts exactly maxRedemptions of many simultaneous adds, and a repeat by one customer once', async () => {
    const promo = await create({ code: 'RUSH', maxRedemptions: 7 });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => promos.add(ACME, { promocode: 'rush', customerid: i + 1 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason.details.reason);
    expect(refusals).toEqual(Array(23).fill('EXHAUSTED'));

    const again = await Promise.all(Array.from({ length: 10 }, () => promos.add(ACME, { promocode: 'RUSH', customerid: 1 })));
    expect(new Set(again.map((a) => a.redemption.id)).size).toBe(1);
    const { promocodes } = await promos.list(ACME);
    expect(promocodes.find((p) => p.id === promo.id)).toMatchObject({ redemptions: 7, status: 'EXHAUSTED' });
  });

  it('refuses a limit below the redemptions made, and takes one at or above it', async () => {
    const promo = await create({ code: 'LIMITED', maxRedemptions: 5 });
    await promos.add(ACME, { promocode: 'LIMITED', customerid: 1 });
    await promos.add(ACME, { promocode: 'LIMITED', customerid: 2 });
    expect(await failure(promos.update(ACME, promo.id, { maxRedemptions: 1 }))).toMatchObject({
      code: 'PRICING_PROMO_CONFLICT',
      message: 'maxRedemptions cannot be below the 2 redemptions already made',
    });
    expect(await promos.update(ACME, promo.id, { maxRedemptions: 2 })).toMatchObject({ maxRedemptions: 2, status: 'EXHAUSTED' });
    expect(await failure(promos.update(RIVAL, promo.id, { discount: '5' }))).toMatchObject({ code: 'PRICING_PROMO_NOT_FOUND' });
  });

  it('gives a quote the pending redemption added to its customer, without counting it again', async () => {
    const promo = await create({ code: 'QUOTED', maxRedemptions: 1 });
    const { redemption } = await promos.add(ACME, { promocode: 'QUOTED', customerid: 1 });
    // The code is exhausted, but customer 1 holds its one place.
    const scoped = tenantScope(em, ACME.tenantId);
    expect(await redeemer.checkForQuote(scoped, 1, 'quoted', new Date())).toEqual({
      id: promo.id,
      code: 'QUOTED',
      type: 'PERCENTAGE',
      discount: '10',
      currency: null,
      services: [],
      minimumAmount: null,
      minimumAmountCurrency: null,
    });
    expect(await failure(redeemer.checkForQuote(scoped, 2, 'QUOTED', new Date()))).toMatchObject({ reason: 'EXHAUSTED' });
    // Validating asks whether the customer may redeem it once more: its pending redemption counts.
    await promos.update(ACME, promo.id, { maxRedemptions: 2 });
    expect(await failure(promos.validate(ACME, { promocode: 'QUOTED', customerid: 1 }))).toMatchObject({ reason: 'CUSTOMER_LIMIT' });
    await promos.update(ACME, promo.id, { maxRedemptions: 1 });

    await tenantScope(em, ACME.tenantId).transactional((tx) => redeemer.redeem(tx, 1, promo.id, 501, new Date()));
    const [row] = await em.getConnection().execute('select quote_id, sequence_no from promo_redemption where id = ?', [redemption.id]);
    expect(row).toEqual({ quote_id: 501, sequence_no: 1 });
    expect((await promos.list(ACME)).promocodes.find((p) => p.id === promo.id)?.redemptions).toBe(1);
    // Used by that quote: no place left for another.
    const refused = tenantScope(em, ACME.tenantId).transactional((tx) => redeemer.redeem(tx, 1, promo.id, 502, new Date()));
    expect(await failure(refused)).toMatchObject({ reason: 'EXHAUSTED' });
  });

  it('redeems for a quote under the per-customer limit and the first-time rule', async () => {
    const promo = await create({ code: 'TWO-EACH', maxPerCustomer: 2 });
    const redeem = (quoteId: number) =>
      tenantScope(em, ACME.tenantId).transactional((tx) => redeemer.redeem(tx, 40, promo.id, quoteId, new Date()));
    await redeem(601);
    await redeem(602);
    expect(await failure(redeem(603))).toMatchObject({ reason: 'CUSTOMER_LIMIT', message: expect.stringContaining('already been used') });

    await create({ code: 'FIRST', firstTimeOnly: true });
    const scoped = tenantScope(em, ACME.tenantId);
    expect(await failure(redeemer.checkForQuote(scoped, 40, 'FIRST', new Date()))).toMatchObject({ reason: 'NOT_FIRST_TIME' });
    expect((await redeemer.checkForQuote(scoped, 41, 'FIRST', new Date())).code).toBe('FIRST');

    // An accepted quote ends being first-time, except the very quote whose acceptance redeems the code.
    const accepted = await acceptedQuote(42);
    expect(await failure(redeemer.checkForQuote(scoped, 42, 'FIRST', new Date()))).toMatchObject({ reason: 'NOT_FIRST_TIME' });
    const first = (await promos.list(ACME)).promocodes.find((p) => p.code === 'FIRST')!;
    await tenantScope(em, ACME.tenantId).transactional((tx) => redeemer.redeem(tx, 42, first.id, accepted, new Date()));
  });

  it('answers 404 for a code of another tenant, and 400 with the reason for one out of its dates', async () => {
    await create({ code: 'RIVALS-ONLY' }, RIVAL);
    expect(await failure(promos.validate(ACME, { promocode: 'RIVALS-ONLY' }))).toMatchObject({ code: 'PRICING_PROMO_NOT_FOUND' });
    expect(await failure(promos.add(ACME, { promocode: 'RIVALS-ONLY', customerid: 1 }))).toMatchObject({ code: 'PRICING_PROMO_NOT_FOUND' });
    await create({ code: 'LATER', startsAt: '2998-01-01' });
    expect(await failure(promos.add(ACME, { promocode: 'later', customerid: 1 }))).toMatchObject({
      code: 'PRICING_PROMO_NOT_APPLICABLE',
      reason: 'NOT_STARTED',
      message: 'Promo code LATER is not valid yet (starts 2998-01-01)',
    });
  });
});
