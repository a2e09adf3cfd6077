import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import {
  CommonEnv,
  ConfigError,
  parseEnv,
  requireInProduction,
  toObservabilityConfig,
  type LogLevel,
  type NodeEnv,
  type ObservabilityConfig,
} from '@billing/config';

/** An origin as CORS compares it: scheme, host (a name or a bracketed IPv6 address) and an optional port. */
const ORIGIN = String.raw`https?://(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?`;
const ORIGIN_LIST = new RegExp(String.raw`^\s*$|^\s*${ORIGIN}\s*(,\s*${ORIGIN}\s*)*$`, 'i');

class GatewayEnv extends CommonEnv {
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** HS256 secret for access tokens. Unset outside production: a key is generated under DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'TOKEN_SIGNING_KEY must be at least 32 characters' })
  TOKEN_SIGNING_KEY?: string;

  @IsInt()
  @Min(60)
  @Max(86_400)
  TOKEN_TTL_SECONDS: number = 3600;

  /** How long a user's credential state is trusted without news from the accounts service. */
  @IsInt()
  @Min(1)
  @Max(3600)
  TOKEN_STATE_TTL_SECONDS: number = 60;

  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS: number = 5000;

  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_LIMIT_BYTES: number = 64 * 1024 * 1024;

  /** Objects and arrays nested in one another in a JSON body (over it: 400). */
  @IsInt()
  @Min(2)
  @Max(1000)
  BODY_MAX_DEPTH: number = 32;

  /** Items of one array in a JSON or form body (over it: 400); the bulk rating of 10,000 calls must fit. */
  @IsInt()
  @Min(10)
  @Max(10_000_000)
  BODY_MAX_ARRAY_ITEMS: number = 10_000;

  /** Characters of one string or key in a JSON or form body (over it: 400); the longest field any route takes is 2,000. */
  @IsInt()
  @Min(64)
  @Max(1024 * 1024 * 1024)
  BODY_MAX_STRING_LENGTH: number = 64 * 1024;

  /** Requests per client address per minute, on this replica, counted before authentication; 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: number = 600_000;

  /** Authenticated requests per tenant per minute, on this replica; 0: no limit. */
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  RATE_LIMIT_PER_TENANT_PER_MINUTE: number = 300_000;

  /** Browser origins allowed to call the API (CORS), comma-separated, e.g. https://app.example.com; empty: none. */
  @Matches(ORIGIN_LIST, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://app.example.com (scheme, host, optional port; no path)',
  })
  CORS_ORIGINS: string = '';

  /** Trust X-Forwarded-* headers (set when behind a reverse proxy or ingress). */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Where clients reach the gateway: the only origin links in answers are built from (never a request's Host). */
  @IsOptional()
  @IsUrl(
    {
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: false,
      allow_query_components: false,
      allow_fragments: false,
      disallow_auth: true,
    },
    { message: 'PUBLIC_BASE_URL must be an http:// or https:// URL without credentials, query or fragment' },
  )
  PUBLIC_BASE_URL?: string;

  /** Sign-ins per client address per minute, on this replica. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_RATE_PER_MINUTE: number = 20;

  /** Sign-ins per minute from all addresses together, on this replica: what protects the accounts service. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_GLOBAL_PER_MINUTE: number = 600;
}

export interface GatewayConfig {
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  port: number;
  host: string;
  dataDir: string;
  nats: { url: string; namespace: string };
  token: { signingKey?: string; ttlSeconds: number; stateTtlSeconds: number };
  rpcTimeoutMs: number;
  healthTimeoutMs: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  /** The shape of a parsed body: nesting, array items, string length. */
  bodyShape: { depth: number; arrayItems: number; stringLength: number };
  /** Requests per minute on this replica (0: no limit). */
  rateLimit: { perClientPerMinute: number; perTenantPerMinute: number };
  /** Origins allowed by CORS, exactly as browsers send them; empty: CORS is closed. */
  corsOrigins: string[];
  trustProxy: boolean;
  /** Origin (and optional path) of the links in answers, without a trailing slash. */
  publicBaseUrl: string;
  signInRate: { perAddressPerMinute: number; globalPerMinute: number };
  /** The ops listener (/livez, /readyz, /metrics) and tracing. */
  observability: ObservabilityConfig;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** The only place the gateway reads its environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = parseEnv(GatewayEnv, env);
  requireInProduction(parsed, [[Boolean(parsed.TOKEN_SIGNING_KEY), 'TOKEN_SIGNING_KEY is required when NODE_ENV=production']]);
  return {
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: parsed.DATA_DIR,
    nats: { url: parsed.NATS_URL, namespace: parsed.NATS_NAMESPACE },
    token: { signingKey: parsed.TOKEN_SIGNING_KEY, ttlSeconds: parsed.TOKEN_TTL_SECONDS, stateTtlSeconds: parsed.TOKEN_STATE_TTL_SECONDS },
    rpcTimeoutMs: parsed.RPC_TIMEOUT_MS,
    healthTimeoutMs: parsed.HEALTH_TIMEOUT_MS,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    uploadLimitBytes: parsed.UPLOAD_LIMIT_BYTES,
    bodyShape: { depth: parsed.BODY_MAX_DEPTH, arrayItems: parsed.BODY_MAX_ARRAY_ITEMS, stringLength: parsed.BODY_MAX_STRING_LENGTH },
    rateLimit: { perClientPerMinute: parsed.RATE_LIMIT_PER_CLIENT_PER_MINUTE, perTenantPerMinute: parsed.RATE_LIMIT_PER_TENANT_PER_MINUTE },
    corsOrigins: corsOrigins(parsed.CORS_ORIGINS),
    trustProxy: parsed.TRUST_PROXY === 'true',
    publicBaseUrl: publicBaseUrl(parsed),
    signInRate: { perAddressPerMinute: parsed.LOGIN_RATE_PER_MINUTE, globalPerMinute: parsed.LOGIN_RATE_GLOBAL_PER_MINUTE },
    observability: toObservabilityConfig('gateway', parsed),
  };
}

/** Each origin as a browser sends it in `Origin`: lower-case scheme and host, no default port. */
function corsOrigins(list: string): string[] {
  return [
    ...new Set(
      list
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => {
          try {
            return new URL(item).origin;
          } catch {
            throw new ConfigError([`CORS_ORIGINS: "${item}" is not a valid origin`]);
          }
        }),
    ),
  ];
}

/** The configured public URL, or for local use the address the gateway listens on (a wildcard host as localhost). */
function publicBaseUrl(env: GatewayEnv): string {
  if (env.PUBLIC_BASE_URL) {
    const url = new URL(env.PUBLIC_BASE_URL);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  }
  const host = ['0.0.0.0', '::', ''].includes(env.HOST) ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return `http://${host}:${env.PORT}`;
}
