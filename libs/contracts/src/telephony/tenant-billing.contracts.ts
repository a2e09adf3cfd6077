import { defineMessage } from '../message.js';

export const BILLING_ACCOUNTS = ['TENANT', 'USER'] as const;
export const BILLING_TYPES = ['OFFLINE', 'ONLINE'] as const;

/** Document 004's tenant billing configuration. */
export interface TenantBilling {
  enabled: boolean;
  account: (typeof BILLING_ACCOUNTS)[number];
  type: (typeof BILLING_TYPES)[number];
}

export const TenantBillingGet = defineMessage<Record<string, never>, TenantBilling>('telephony.tenant-billing.get');
/** Fields are as the client sent them; the service validates. */
export const TenantBillingUpdate = defineMessage<Record<string, unknown>, TenantBilling>('telephony.tenant-billing.update');
