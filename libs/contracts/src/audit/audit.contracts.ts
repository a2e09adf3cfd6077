import { defineMessage, type MessageDef } from '../message.js';
import { SERVICES, type ServiceName } from '../services.js';

/** One change of one row, as a service recorded it in the transaction that made it. */
export interface AuditEntry {
  service: ServiceName;
  id: number;
  /** ISO 8601 UTC. */
  at: string;
  userId: string;
  username: string;
  requestId: string | null;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  /** The table, e.g. "customer", "product", "call_rate". */
  objectType: string;
  objectId: string;
  /** Field -> old and new value; secrets and password hashes appear as "[redacted]". */
  changes: Record<string, { old?: unknown; new?: unknown }>;
}

/** Already checked by the gateway; times are ISO 8601. */
export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  userId?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** Each service answers for its own database; the gateway merges them. */
export const AuditList = Object.fromEntries(
  SERVICES.map((service) => [
    service,
    defineMessage<AuditQuery, { entries: Omit<AuditEntry, 'service'>[]; total: number }>(`${service}.audit.list`),
  ]),
) as Record<ServiceName, MessageDef<AuditQuery, { entries: Omit<AuditEntry, 'service'>[]; total: number }>>;
