import { defineMessage } from '../message.js';

export interface Currency {
  /** ISO 4217 alphabetic code, e.g. "AUD". */
  code: string;
  name: string;
  symbol: string;
}

export interface CurrencyListResponse {
  currencies: Currency[];
}

export const CurrencyList = defineMessage<Record<string, never>, CurrencyListResponse>('pricing.currency.list');
