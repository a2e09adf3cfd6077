import { defineEvent, defineMessage } from '../message.js';

export const CALL_TYPES = ['LOCAL', 'NATIONAL', 'INTERNATIONAL', 'MOBILE'] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** The fields of a call rate in document 004's order (the CSV columns too, after the id). */
export const CALL_RATE_FIELDS = [
  'prefix',
  'type',
  'free_seconds',
  'grace_period',
  'interval_1',
  'interval_n',
  'connect_fee',
  'postcall_surcharge',
  'price_1',
  'price_n',
  'description',
] as const;

/**
 * A call rate as the service answers it. Amounts are exact decimal strings ("0.1", "0.00125");
 * the gateway prints them as JSON numbers, which for these magnitudes print exactly.
 */
export interface CallRate {
  id: string;
  prefix: string;
  type: CallType;
  free_seconds: number;
  grace_period: number;
  interval_1: number;
  interval_n: number;
  connect_fee: string;
  postcall_surcharge: string;
  price_1: string;
  price_n: string;
  description: string | null;
}

export interface CallRateListRequest {
  filter?: string;
  search?: string;
  orderby?: string;
  /** Already checked by the gateway: skip >= 0, top 1..100. */
  skip: number;
  top: number;
}

export const CallRateList = defineMessage<CallRateListRequest, { count: number; items: CallRate[] }>('telephony.call-rate.list');
/** The body as the client sent it (amounts may be numbers or decimal strings); the service validates. */
export const CallRateCreate = defineMessage<Record<string, unknown>, { id: string }>('telephony.call-rate.create');
export const CallRateGet = defineMessage<{ id: string }, CallRate>('telephony.call-rate.get');
export const CallRateUpdate = defineMessage<{ id: string; changes: Record<string, unknown> }, { updated: true }>(
  'telephony.call-rate.update',
);
export const CallRateDestroy = defineMessage<{ id: string }, { destroyed: true }>('telephony.call-rate.destroy');
export const CallRateExport = defineMessage<Record<string, never>, { csv: string }>('telephony.call-rate.export');
export const CallRateImport = defineMessage<{ csv: string }, { created: number; updated: number }>('telephony.call-rate.import');

/**
 * A file too large for one NATS message (1 MB by default) is imported in parts: begin, every part
 * in order (`part` counts from 0; a cut may fall anywhere but inside a surrogate pair, and a record
 * may span two parts), then commit, which checks and applies the whole file as CallRateImport
 * does. The import lives in the database, so each message may reach a different replica.
 */
export const CallRateImportBegin = defineMessage<Record<string, never>, { importId: string }>('telephony.call-rate-import.begin');
export const CallRateImportPart = defineMessage<{ importId: string; part: number; text: string }, { received: number }>(
  'telephony.call-rate-import.part',
);
export const CallRateImportCommit = defineMessage<{ importId: string }, { created: number; updated: number }>(
  'telephony.call-rate-import.commit',
);

/** Broadcast to every telephony replica (no queue group) after any change to a tenant's rates. */
export interface CallRatesChanged {
  tenantId: string;
}
export const CallRatesChangedEvent = defineEvent<CallRatesChanged>('telephony.call-rate.changed');
