import { IdentityErrorCode, type CallerContext } from '@billing/contracts';
import { createAccounts } from '../accounts.test-factory.js';

const PASSWORD = 'a-long-enough-passphrase';
const MAX_FAILURES = 3;

describe('sign-in lockout under a burst of parallel guesses (accounts service on SQLite)', () => {
  let accounts: Awaited<ReturnType<typeof createAccounts>>;
  let operator: CallerContext;

  beforeAll(async () => {
    accounts = await createAccounts({ LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCKOUT_SECONDS: '60' });
    await accounts.tenants.ensureBootstrap();
    operator = await accounts.signIn.verify({ username: 'admin', password: 'bootstrap-password', clientKey: 'test' });
  });
  afterAll(() => accounts.close());

  /** What a sign-in came to: its error code, or "signed-in". */
  const outcomeOf = (signIn: Promise<unknown>): Promise<string> =>
    signIn.then(
      () => 'signed-in',
      (error: { code: string }) => error.code,
    );
  const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

  it('checks exactly LOGIN_MAX_FAILURES of 40 guesses sent at once; the rest, and the right password, are 429', async () => {
    await accounts.users.create(operator, { username: 'burst', password: PASSWORD, roles: ['observer'] });
    const attempt = (password: string) => accounts.signIn.verify({ username: 'burst', password, clientKey: 'attacker' });
    // The right password goes out as soon as the lock shows, while the other guesses are in flight.
    let during: Promise<string> | undefined;
    const guess = async (i: number) => {
      const outcome = await outcomeOf(attempt(`wrong-guess-${i}`));
      if (outcome === IdentityErrorCode.TooManyAttempts) during ??= outcomeOf(attempt(PASSWORD));
      return outcome;
    };
    const codes = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(i)));
    // The guess that reaches the limit is checked, fails, and answers 429 with the lock it set.
    expect(count(codes, IdentityErrorCode.InvalidCredentials)).toBe(MAX_FAILURES - 1);
    expect(count(codes, IdentityErrorCode.TooManyAttempts)).toBe(40 - (MAX_FAILURES - 1));
    expect(await during).toBe(IdentityErrorCode.TooManyAttempts);
    await expect(attempt(PASSWORD)).rejects.toMatchObject({ code: IdentityErrorCode.TooManyAttempts });
  });

  it('counts a successful sign-in as no failure', async () => {
    await accounts.users.create(operator, { username: 'steady', password: PASSWORD, roles: ['observer'] });
    const attempt = (password: string) => accounts.signIn.verify({ username: 'steady', password, clientKey: 'owner' });
    for (let i = 0; i < MAX_FAILURES * 2; i++) {
      await expect(attempt('wrong-password')).rejects.toMatchObject({ code: IdentityErrorCode.InvalidCredentials });
      await expect(attempt(PASSWORD)).resolves.toMatchObject({ username: 'steady' });
    }
  });
});
