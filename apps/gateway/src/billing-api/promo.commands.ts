import { PricingContracts } from '@billing/contracts';
import type { ParamSpecs } from '../commands/command-params.js';
import { defineCommand, type CommandRow } from '../commands/command-row.js';
import { ok } from './billing-api.surface.js';
import {
  PromoAddedResponseDto,
  PromoCreatedResponseDto,
  PromoListResponseDto,
  PromoTypesResponseDto,
  PromoUpdatedResponseDto,
  PromoValidResponseDto,
  ServicePromosResponseDto,
} from './promo.dto.js';

const PROMOCODE = { type: 'string', maxLength: 40, example: 'PROMO123', description: 'The code, in any case' } as const;

/** What a promo may set besides its code and type; every one optional in an update. */
const TERMS = {
  discount: {
    type: 'decimal',
    example: '10',
    description: 'A percentage (PERCENTAGE), an amount in currencycode (FIXED) or days (FREE_TRIAL)',
  },
  expires: { type: 'date', example: '2025-12-31', description: 'Valid through the end of this day (UTC)' },
  currencycode: { type: 'string', maxLength: 3, example: 'USD', description: 'Required for FIXED' },
  startsAt: { type: 'date', example: '2025-01-01', description: 'Not valid before this day (UTC)' },
  maxRedemptions: { type: 'integer', min: 1, description: 'Total redemptions allowed; absent: unlimited' },
  maxPerCustomer: { type: 'integer', min: 1, description: 'Redemptions per customer (default 1)' },
  minimumAmount: { type: 'decimal', example: '50.00', description: 'Smallest quote total the code applies to' },
  minimumAmountCurrency: { type: 'string', maxLength: 3, example: 'USD', description: 'Currency of minimumAmount (default currencycode)' },
  firstTimeOnly: { type: 'boolean', description: 'Only customers with no accepted quote and no earlier redemption' },
  services: { type: 'array', example: ['VPS-SMALL'], description: 'Product codes the code is limited to (a campaign)' },
  duration: { type: 'enum', values: PricingContracts.PROMO_DURATIONS, description: 'How long the discount lasts (default ONCE)' },
  durationMonths: { type: 'integer', min: 1, max: 120, description: 'Months of a REPEATING discount' },
} as const satisfies ParamSpecs;

/** The parameters a client gave: an update changes only those. */
const given = <T extends object>(params: T): Partial<T> =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Document 000's promo code operations, and the cmds the document did not name (billing.promo.get, .create, .update, .types.get, .service.get). */
export const PROMO_COMMANDS: readonly CommandRow[] = [
  defineCommand({
    name: 'createPromo',
    cmd: 'billing.promo.create',
    rest: { method: 'POST', path: 'promocode' },
    access: 'write',
    contract: PricingContracts.PromoCreate,
    params: {
      code: {
        type: 'string',
        required: true,
        maxLength: 40,
        example: 'PROMO123',
        description: '3 to 40 of A-Z 0-9 - _ (any case; stored upper-case)',
      },
      type: { type: 'enum', required: true, values: PricingContracts.PROMO_TYPES },
      ...TERMS,
      discount: { ...TERMS.discount, required: true },
      expires: { ...TERMS.expires, required: true },
    },
    request: (params) => ({ promo: given(params) }),
    reply: (promocode) => ok('Promo Code Created Successfully', { id: promocode.id, promocode }),
    summary: 'Create Promo Code',
    description: 'Create a new promotional code.',
    responseType: PromoCreatedResponseDto,
  }),
  defineCommand({
    name: 'updatePromo',
    cmd: 'billing.promo.update',
    rest: { method: 'PUT', path: 'promocode/:id' },
    access: 'write',
    contract: PricingContracts.PromoUpdate,
    params: { id: { type: 'integer', required: true, min: 1, example: 12 }, ...TERMS },
    request: ({ id, ...changes }) => ({ id, changes: given(changes) }),
    reply: (promocode) => ok('Promo Code Updated Successfully', { promocode }),
    summary: 'Update Promo Code',
    description:
      'Update an existing promotional code: only the fields given change. maxRedemptions cannot drop below the redemptions made (409).',
    responseType: PromoUpdatedResponseDto,
  }),
  defineCommand({
    name: 'listPromos',
    cmd: 'billing.promo.get',
    rest: { method: 'GET', path: 'promocode' },
    access: 'read',
    contract: PricingContracts.PromoList,
    params: {},
    request: () => ({}),
    reply: ({ promocodes }) => ok('Promo Codes Retrieved Successfully', { promocodes }),
    summary: 'Get Promo Codes',
    description: "Retrieve all of the tenant's promotional codes, each with its status now.",
    responseType: PromoListResponseDto,
  }),
  defineCommand({
    name: 'validatePromo',
    cmd: 'billing.promo.validate',
    rest: { method: 'GET', path: 'promocode/validate' },
    access: 'read',
    contract: PricingContracts.PromoValidate,
    params: {
      promocode: { ...PROMOCODE, required: true },
      customerid: { type: 'integer', min: 1, description: 'Also check this customer may use it' },
    },
    request: ({ promocode, customerid }) => ({ promocode, ...(customerid === undefined ? {} : { customerid }) }),
    reply: ({ promocode }) => ok('Promo Code is valid', { promocode }),
    summary: 'Validate Promo Code',
    description: "Validate a promotional code to check if it's valid and applicable (400 FAULT says why not).",
    responseType: PromoValidResponseDto,
  }),
  defineCommand({
    name: 'addPromo',
    cmd: 'billing.promo.addcode',
    rest: { method: 'POST', path: 'promocode/add' },
    access: 'write',
    contract: PricingContracts.PromoAdd,
    params: { promocode: { ...PROMOCODE, required: true }, customerid: { type: 'integer', required: true, min: 1, example: 123 } },
    request: ({ promocode, customerid }) => ({ promocode, customerid }),
    reply: ({ redemption }) => ok('Promo Code Added Successfully', { redemption }),
    summary: 'Add Promo Code to Customer',
    description: 'Apply a promotional code to a customer account: one redemption, counted once however often it is repeated.',
    responseType: PromoAddedResponseDto,
  }),
  defineCommand({
    name: 'promoTypes',
    cmd: 'billing.promo.types.get',
    rest: { method: 'GET', path: 'promo/types' },
    access: 'read',
    contract: PricingContracts.PromoTypes,
    params: {},
    request: () => ({}),
    reply: ({ promotypes }) => ok('Promo Types Retrieved Successfully', { promotypes }),
    summary: 'Get Promo Code Types',
    description: 'Retrieve available promotional code types.',
    responseType: PromoTypesResponseDto,
  }),
  defineCommand({
    name: 'servicePromos',
    cmd: 'billing.promo.service.get',
    rest: { method: 'GET', path: 'service/promo' },
    access: 'read',
    contract: PricingContracts.ServicePromoList,
    params: {},
    request: () => ({}),
    reply: ({ servicepromos }) => ok('Campaign Promo Codes Retrieved Successfully', { servicepromos }),
    summary: 'Get Service Promo Codes',
    description: 'Retrieve the active promotional codes limited to services, each with its product codes.',
    responseType: ServicePromosResponseDto,
  }),
];
