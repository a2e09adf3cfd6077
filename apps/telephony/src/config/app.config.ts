import { parseEnv, ServiceEnv, toServiceConfig, type ServiceConfig } from '@billing/config';

/** The only place the telephony app reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return toServiceConfig('telephony', parseEnv(ServiceEnv, env));
}
