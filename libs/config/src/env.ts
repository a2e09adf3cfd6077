import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnv = 'development' | 'production' | 'test';

/** Settings every app reads. Defaults are safe for a laptop; production tightens them per app. */
export class CommonEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: NodeEnv = 'development';

  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'NATS_NAMESPACE must be 1-64 letters, digits, "_" or "-"' })
  NATS_NAMESPACE: string = 'billing';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  DATA_DIR: string = './data';

  /** Deadline of one health check (a service's ping through the gateway, the database query of /readyz). */
  @IsInt()
  @Min(100)
  @Max(30_000)
  HEALTH_TIMEOUT_MS: number = 2000;

  /** Port of the ops listener (/livez, /readyz, /metrics); unset: the app's own default (OPS_PORT_DEFAULTS); 0: any free port. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65_535)
  OPS_PORT?: number;

  @IsString()
  @MinLength(1)
  OPS_HOST: string = '0.0.0.0';

  /** Base URL of an OTLP/HTTP collector (spans go to <it>/v1/traces); unset: no tracing at all. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_query_components: false, allow_fragments: false },
    { message: "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL (the collector's base, e.g. http://otel-collector:4318)" },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'OTEL_SERVICE_NAME must be 1-64 letters, digits, ".", "_" or "-"' })
  OTEL_SERVICE_NAME?: string;

  /** How often finished spans are sent (the OpenTelemetry batch processor's delay). */
  @IsInt()
  @Min(10)
  @Max(60_000)
  OTEL_BSP_SCHEDULE_DELAY: number = 5000;
}

/**
 * Each app's ops port when OPS_PORT is unset: distinct, so the five apps of `npm start` share one
 * host without clashing. A deployment (one app per pod) may set the same OPS_PORT everywhere.
 */
export const OPS_PORT_DEFAULTS = { gateway: 9100, pricing: 9101, accounts: 9102, entities: 9103, telephony: 9104 } as const;
export type OpsApp = keyof typeof OPS_PORT_DEFAULTS;

/** The ops listener, the readiness deadline and, when a collector is configured, tracing. */
export interface ObservabilityConfig {
  ops: { host: string; port: number };
  /** How long /readyz waits for one check (the database's trivial query) before calling it down. */
  readinessTimeoutMs: number;
  /** Set only when OTEL_EXPORTER_OTLP_ENDPOINT is: without it no tracing SDK is even loaded. */
  tracing?: { endpoint: string; serviceName: string; scheduleDelayMs: number };
}

export function toObservabilityConfig(app: OpsApp, env: CommonEnv): ObservabilityConfig {
  return {
    ops: { host: env.OPS_HOST, port: env.OPS_PORT ?? OPS_PORT_DEFAULTS[app] },
    readinessTimeoutMs: env.HEALTH_TIMEOUT_MS,
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? {
          endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
          serviceName: env.OTEL_SERVICE_NAME ?? `billing-${app}`,
          scheduleDelayMs: env.OTEL_BSP_SCHEDULE_DELAY,
        }
      : undefined,
  };
}

/** Settings of an app that owns a database. */
export class ServiceEnv extends CommonEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_MAX: number = 10;

  /** How long a request to another service may wait; below the gateway's own deadline, so its error reaches the client. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  RPC_TIMEOUT_MS: number = 3000;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type EnvClass<T> = new () => T;

/**
 * Validates an environment into a typed object: unset variables keep their defaults, numbers are
 * converted, and every problem is reported at once so a bad deployment fails at boot, not at use.
 */
export function parseEnv<T extends object>(cls: EnvClass<T>, env: Record<string, string | undefined>): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(cls, present, { exposeDefaultValues: true, enableImplicitConversion: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return instance;
}

/** The production rules shared by every app: refuse what is only safe on a laptop. */
export function requireInProduction(env: CommonEnv, checks: Array<[boolean, string]>): void {
  if (env.NODE_ENV !== 'production') return;
  const problems = checks.filter(([ok]) => !ok).map(([, message]) => message);
  if (problems.length > 0) throw new ConfigError(problems);
}

/** What a database-owning service needs, derived once from its validated environment. */
export interface ServiceConfig {
  service: string;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  nats: { url: string; namespace: string };
  database: { service: string; dataDir: string; databaseUrl?: string; poolMax: number };
  rpcTimeoutMs: number;
  observability: ObservabilityConfig;
}

export function toServiceConfig(service: Exclude<OpsApp, 'gateway'>, env: ServiceEnv): ServiceConfig {
  return {
    service,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    nats: { url: env.NATS_URL, namespace: env.NATS_NAMESPACE },
    database: { service, dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX },
    rpcTimeoutMs: env.RPC_TIMEOUT_MS,
    observability: toObservabilityConfig(service, env),
  };
}
