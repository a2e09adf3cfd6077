import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { CommonEnv, parseEnv, requireInProduction, type LogLevel, type NodeEnv } from '@billing/config';

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
  @Min(100)
  @Max(30_000)
  HEALTH_TIMEOUT_MS: number = 2000;

  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  UPLOAD_LIMIT_BYTES: number = 64 * 1024 * 1024;

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
  trustProxy: boolean;
  /** Origin (and optional path) of the links in answers, without a trailing slash. */
  publicBaseUrl: string;
  signInRate: { perAddressPerMinute: number; globalPerMinute: number };
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
    trustProxy: parsed.TRUST_PROXY === 'true',
    publicBaseUrl: publicBaseUrl(parsed),
    signInRate: { perAddressPerMinute: parsed.LOGIN_RATE_PER_MINUTE, globalPerMinute: parsed.LOGIN_RATE_GLOBAL_PER_MINUTE },
  };
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
