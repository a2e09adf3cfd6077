import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsContracts, type RpcEnvelope } from '@billing/contracts';
import { natsEventSubject } from '@billing/rpc';
import { createGatewayApp } from './app.factory.js';
import { DIALECTS } from './app.module.js';
import { TokenService } from './auth/token.service.js';
import { loadConfig } from './config/app.config.js';

const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** The signed-in user tests act as unless they say otherwise. */
export const TEST_USER: AccountsContracts.AuthenticatedUser = {
  userId: 'user-1',
  username: 'alice',
  tenantId: 'tenant-1',
  tenantName: 'acme',
  roles: ['admin'],
  operator: false,
  tokenVersion: 0,
};

export interface InjectRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is (set its content-type). */
  payload?: unknown;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

export interface ServiceCall {
  pattern: string;
  envelope: RpcEnvelope<unknown>;
}

/**
 * The real gateway app on the real NATS server, in a namespace of its own, with a stand-in for the
 * services: it records every request and answers with `answer` (by default: echoes the data). The
 * accounts service's credential-state question is answered from `credentialStates`.
 */
export async function testGateway(
  options: { dialects?: Type<unknown>[]; answer?: (call: ServiceCall) => unknown; env?: Record<string, string> } = {},
) {
  const namespace = `gw_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NATS_URL,
    NATS_NAMESPACE: namespace,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    RPC_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const calls: ServiceCall[] = [];
  const credentialStates = new Map<string, AccountsContracts.CredentialState>();
  const nc: NatsConnection = await connect({ servers: NATS_URL });
  nc.subscribe(`${namespace}.>`, {
    callback: (_error, message) => {
      if (message.subject.startsWith(`${namespace}.events.`)) return;
      const { pattern, data, id } = message.json<{ pattern: string; data: RpcEnvelope<unknown>; id: string }>();
      const call = { pattern, envelope: data };
      let response: unknown;
      if (pattern === AccountsContracts.CredentialStateGet.pattern) {
        const { userId } = data.data as { userId: string };
        response = credentialStates.get(userId) ?? { active: true, tokenVersion: 0 };
      } else {
        calls.push(call);
        response = options.answer ? options.answer(call) : { echo: data.data };
      }
      message.respond(JSON.stringify({ id, response, isDisposed: true }));
    },
  });
  await nc.flush();

  const app: NestFastifyApplication = await createGatewayApp(config, {
    dialects: [...DIALECTS, ...(options.dialects ?? [])],
    swaggerUi: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();

  const tokens = app.get(TokenService);
  return {
    app,
    calls,
    credentialStates,
    /** One HTTP request to the listening gateway (Fastify's inject needs modules Jest's VM cannot load). */
    async inject(request: InjectRequest): Promise<InjectResponse> {
      const body = request.payload === undefined || typeof request.payload === 'string' ? request.payload : JSON.stringify(request.payload);
      const headers = {
        ...(body !== undefined && typeof request.payload !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      };
      const response = await fetch(`${baseUrl.replace('[::1]', '127.0.0.1')}${request.url}`, { method: request.method, headers, body });
      const text = await response.text();
      return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: text, json: () => JSON.parse(text) };
    },
    async token(user: Partial<AccountsContracts.AuthenticatedUser> = {}): Promise<string> {
      const issued = await tokens.issue({ ...TEST_USER, ...user });
      return issued.access_token;
    },
    /** What the accounts service announces when a user's credentials change. */
    async announceCredentialsChanged(userId: string): Promise<void> {
      nc.publish(natsEventSubject(namespace, AccountsContracts.CredentialsChangedEvent.event), JSON.stringify({ userId }));
      await nc.flush();
    },
    async close(): Promise<void> {
      await app.close();
      await nc.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
