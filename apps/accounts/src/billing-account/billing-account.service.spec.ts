import { CustomerErrorCode, type CallerContext } from '@billing/contracts';
import { createAccounts } from '../accounts.test-factory.js';

describe('billing account hierarchy under concurrent re-parents (accounts service on SQLite)', () => {
  let accounts: Awaited<ReturnType<typeof createAccounts>>;
  let caller: CallerContext;

  beforeAll(async () => {
    accounts = await createAccounts();
    await accounts.tenants.ensureBootstrap();
    caller = await accounts.signIn.verify({ username: 'admin', password: 'bootstrap-password', clientKey: 'test' });
  });
  afterAll(() => accounts.close());

  const create = async (name: string, parentAccountNumber?: string) =>
    (await accounts.billingAccounts.create(caller, { name, currency: 'USD', ...(parentAccountNumber ? { parentAccountNumber } : {}) }))
      .accountNumber;
  const reparent = (accountNumber: string, parentAccountNumber: string | null) =>
    accounts.billingAccounts.update(caller, accountNumber, { parentAccountNumber });

  /** The chain of parents above an account; throws on a loop. */
  async function parents(accountNumber: string): Promise<string[]> {
    const chain: string[] = [];
    let current = await accounts.billingAccounts.get(caller, accountNumber);
    while (current.parentAccountNumber) {
      if (chain.includes(current.parentAccountNumber) || current.parentAccountNumber === accountNumber) {
        throw new Error(`loop through ${accountNumber}: ${chain.join(' > ')}`);
      }
      chain.push(current.parentAccountNumber);
      current = await accounts.billingAccounts.get(caller, current.parentAccountNumber);
    }
    return chain;
  }

  it('lets exactly one of two opposing re-parents win, the other 409, and never makes a loop', async () => {
    for (let round = 0; round < 20; round++) {
      const pairs = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => [await create(`x-${round}-${i}`), await create(`y-${round}-${i}`)] as const),
      );
      const outcomes = await Promise.allSettled(pairs.flatMap(([x, y]) => [reparent(x, y), reparent(y, x)]));
      for (let i = 0; i < pairs.length; i++) {
        const [first, second] = [outcomes[2 * i]!, outcomes[2 * i + 1]!];
        expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
        const loser = (first.status === 'rejected' ? first : second) as PromiseRejectedResult;
        expect(loser.reason).toMatchObject({ code: CustomerErrorCode.HierarchyConflict });
        const [x, y] = pairs[i]!;
        expect((await parents(x)).length + (await parents(y)).length).toBe(1);
      }
    }
  });

  it('keeps a longer cycle out when its edges are placed at once', async () => {
    for (let round = 0; round < 10; round++) {
      const ring = await Promise.all(Array.from({ length: 4 }, (_, i) => create(`ring-${round}-${i}`)));
      const outcomes = await Promise.allSettled(ring.map((account, i) => reparent(account, ring[(i + 1) % ring.length]!)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      for (const account of ring) await expect(parents(account)).resolves.toEqual(expect.any(Array));
    }
  });

  it('keeps sibling positions gap-free while children are created and moved at once', async () => {
    const [left, right] = [await create('left'), await create('right')];
    const children = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`child-${i}`, left)));
    await Promise.all([
      ...children.slice(0, 4).map((child) => reparent(child, right)),
      ...Array.from({ length: 4 }, (_, i) => create(`late-${i}`, left)),
    ]);
    // Positions 0..n-1, each once: the page of exactly n positions holds every child.
    for (const [parent, count] of [
      [left, 8],
      [right, 4],
    ] as const) {
      const page = await accounts.billingAccounts.children(caller, { accountNumber: parent, marker: 0, limit: count });
      expect(page.total).toBe(count);
      expect(page.accounts).toHaveLength(count);
    }
  });
});
