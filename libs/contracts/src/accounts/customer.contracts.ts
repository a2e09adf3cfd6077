import { defineMessage } from '../message.js';

export const CUSTOMER_STATUSES = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;

export interface CustomerAddress {
  street: string | null;
  city: string | null;
  state: string | null;
  zipCode: string | null;
  countryCode: string | null;
}

/** Document 001's Customer, as every answer shows it. */
export interface Customer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  organizationName: string | null;
  email: string | null;
  phone: string | null;
  address: CustomerAddress;
  status: (typeof CUSTOMER_STATUSES)[number];
  createdAt: string;
  updatedAt: string;
}

/** Already checked by the gateway: offset >= 0, limit 1..1000. */
export interface CustomerFindRequest {
  offset: number;
  limit: number;
  firstName?: string;
  lastName?: string;
  organizationName?: string;
}

/** Bodies are as the client sent them (JSON, XML or query parameters, already read); the service validates. */
export const CustomerCreate = defineMessage<Record<string, unknown>, Customer>('accounts.customer.create');
export const CustomerFind = defineMessage<CustomerFindRequest, { customers: Customer[] }>('accounts.customer.find');
export const CustomerGet = defineMessage<{ id: string }, Customer>('accounts.customer.get');
export const CustomerUpdate = defineMessage<{ id: string; changes: Record<string, unknown> }, Customer>('accounts.customer.update');
