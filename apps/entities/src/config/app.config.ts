import { parseEnv, ServiceEnv, toServiceConfig, type ServiceConfig } from '@billing/config';

/** The only place the entities app reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return toServiceConfig('entities', parseEnv(ServiceEnv, env));
}
