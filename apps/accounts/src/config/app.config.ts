import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { parseEnv, requireInProduction, ServiceEnv, toServiceConfig, type ServiceConfig } from '@billing/config';

class AccountsEnv extends ServiceEnv {
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'ADMIN_ORG must be lowercase letters, digits and "-"' })
  ADMIN_ORG: string = 'default';

  @Matches(/^[a-z0-9._@-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 of a-z 0-9 . _ @ -' })
  ADMIN_USERNAME: string = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_LOCKOUT_SECONDS: number = 60;
}

export interface AccountsConfig extends ServiceConfig {
  bootstrap: { org: string; username: string; password?: string };
  login: { maxFailures: number; lockoutSeconds: number };
}

export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');

/** The only place the accounts app reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AccountsConfig {
  const parsed = parseEnv(AccountsEnv, env);
  requireInProduction(parsed, [[Boolean(parsed.ADMIN_PASSWORD), 'ADMIN_PASSWORD is required when NODE_ENV=production']]);
  return {
    ...toServiceConfig('accounts', parsed),
    bootstrap: { org: parsed.ADMIN_ORG, username: parsed.ADMIN_USERNAME, password: parsed.ADMIN_PASSWORD },
    login: { maxFailures: parsed.LOGIN_MAX_FAILURES, lockoutSeconds: parsed.LOGIN_LOCKOUT_SECONDS },
  };
}
