import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sql';
import { randomBytes } from 'node:crypto';
import { IdentityErrorCode, type AccountsContracts } from '@billing/contracts';
import { ACROSS_TENANTS } from '@billing/persistence';
import { ACCOUNTS_CONFIG, type AccountsConfig } from '../config/app.config.js';
import { IdentityException, invalidCredentials } from './identity.exception.js';
import { normalizeUsername } from './identity.rules.js';
import { LoginAttemptEntity } from './login-attempt.entity.js';
import { PasswordService } from './password.service.js';
import { TenantEntity } from './tenant.entity.js';
import { UserEntity } from './user.entity.js';

/** Failures older than this are forgotten, unless they led to a lock that still holds. */
const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 60 * 60_000;

@Injectable()
export class SignInService {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async verify(request: AccountsContracts.VerifyCredentialsRequest): Promise<AccountsContracts.AuthenticatedUser> {
    const username = normalizeUsername(String(request.username ?? ''));
    const key = `${username}|${request.clientKey}`.slice(0, 320);
    const now = new Date();
    const { lockedUntil } = await this.reserveAttempt(key, now);

    const em = this.em.fork();
    // Sign-in names no tenant, so this one lookup deliberately spans all tenants.
    const user = await em.findOne(UserEntity, { username }, ACROSS_TENANTS);
    // Hash even for an unknown user, so the answer takes as long as for a wrong password.
    const valid = await this.passwords.verify(String(request.password ?? ''), user?.passwordHash ?? (await this.dummy()));
    // A disabled user is answered exactly as a wrong password, so the answer tells nothing.
    if (!user || !valid || user.disabled) {
      if (lockedUntil) throw this.tooManyAttempts(lockedUntil, now);
      throw invalidCredentials();
    }
    await em.nativeDelete(LoginAttemptEntity, { key });

    const tenant = await em.findOneOrFail(TenantEntity, { id: user.tenantId });
    return {
      userId: user.id,
      username: user.username,
      tenantId: tenant.id,
      tenantName: tenant.name,
      roles: user.roles,
      operator: user.operator,
      tokenVersion: user.tokenVersion,
    };
  }

  /**
   * Counts the attempt as a failure before its password is checked (a success forgets the count), so
   * a burst of parallel guesses gets exactly maxFailures checks: the one that reaches the limit sets
   * the lock, and every later one is refused without a check. The count is read and raised under the
   * row's lock: the first statement inserts the row or, when it exists, writes it unchanged, which
   * locks it on PostgreSQL and takes the write lock on SQLite until the transaction ends.
   */
  private reserveAttempt(key: string, now: Date): Promise<{ lockedUntil: Date | null }> {
    return this.em.fork().transactional(async (tx) => {
      await tx
        .createQueryBuilder(LoginAttemptEntity)
        .insert({ key, failures: 0, lockedUntil: null, updatedAt: now })
        .onConflict('key')
        .merge(['key'])
        .execute('run');
      const attempt = await tx.findOneOrFail(LoginAttemptEntity, { key });
      if (attempt.lockedUntil && attempt.lockedUntil > now) throw this.tooManyAttempts(attempt.lockedUntil, now);
      const stale = now.getTime() - attempt.updatedAt.getTime() > FAILURE_WINDOW_MS;
      const failures = stale ? 1 : attempt.failures + 1;
      const { maxFailures, lockoutSeconds } = this.config.login;
      // Each failure past the limit doubles the lock, up to an hour.
      const lockedUntil =
        failures >= maxFailures
          ? new Date(now.getTime() + Math.min(lockoutSeconds * 1000 * 2 ** (failures - maxFailures), MAX_LOCK_MS))
          : null;
      tx.assign(attempt, { failures, lockedUntil, updatedAt: now });
      return { lockedUntil };
    });
  }

  private tooManyAttempts(lockedUntil: Date, now: Date): IdentityException {
    const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    return new IdentityException(IdentityErrorCode.TooManyAttempts, 'Too many failed sign-in attempts; try again later', {
      retryAfterSeconds,
    });
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.passwords.hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
