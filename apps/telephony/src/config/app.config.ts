import { parseEnv, ServiceEnv, toServiceConfig, type ServiceConfig } from '@billing/config';

export const TELEPHONY_CONFIG = Symbol('TELEPHONY_CONFIG');

/** The only place the telephony app reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return toServiceConfig('telephony', parseEnv(ServiceEnv, env));
}
