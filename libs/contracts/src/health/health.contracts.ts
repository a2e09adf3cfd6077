import { defineMessage } from '../message.js';
import type { ServiceName } from '../services.js';

export interface PingResponse {
  service: ServiceName;
  status: 'up';
  database: 'up';
}

/** One ping per service: it answers only when its database answers too. */
export const Ping = {
  pricing: defineMessage<Record<string, never>, PingResponse>('pricing.health.ping'),
  accounts: defineMessage<Record<string, never>, PingResponse>('accounts.health.ping'),
  entities: defineMessage<Record<string, never>, PingResponse>('entities.health.ping'),
  telephony: defineMessage<Record<string, never>, PingResponse>('telephony.health.ping'),
} satisfies Record<ServiceName, unknown>;
