import { parseEnv, ServiceEnv, toServiceConfig, type ServiceConfig } from '@billing/config';

/** The only place the pricing app reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return toServiceConfig('pricing', parseEnv(ServiceEnv, env));
}
