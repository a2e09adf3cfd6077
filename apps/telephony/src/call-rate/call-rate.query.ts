import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { RATE_AMOUNT } from '@billing/money';
import { defineSchema, odataFilter, orderBy, searchCondition as searchFor, type FieldDefinition } from '@billing/query';
import type { CallRateEntity } from './call-rate.entity.js';
import { AMOUNT_FIELDS, INTEGER_FIELDS } from './call-rate.rules.js';

const each = (names: readonly string[], field: FieldDefinition) => Object.fromEntries(names.map((name) => [name, field]));

/**
 * What a client may filter, search and sort call rates by: document 004's field names, which are
 * the entity's properties and columns too. `type` stays free text rather than an enum, so that
 * startswith(type,…) works and an unknown type matches nothing instead of being refused. The id
 * (shown base64-encoded, stored as a snowflake) only sorts.
 */
export const CALL_RATE_QUERY = defineSchema<CallRateEntity>({
  fields: {
    id: { kind: 'string', filterable: false },
    prefix: { kind: 'string' },
    type: { kind: 'string' },
    description: { kind: 'string', nullable: true },
    ...each(INTEGER_FIELDS, { kind: 'integer' }),
    ...each(AMOUNT_FIELDS, { kind: 'decimal', scale: RATE_AMOUNT.scale, storage: 'scaled' }),
  },
  tieBreaker: 'id',
  search: ['prefix', 'description'],
});

export const parseFilter = (text: string): FilterQuery<CallRateEntity> => odataFilter(CALL_RATE_QUERY, text);

/** `search`: a case-insensitive substring of the prefix or the description. */
export const searchCondition = (term: string): FilterQuery<CallRateEntity> => searchFor(CALL_RATE_QUERY, term);

export const parseOrderBy = (text: string | undefined): QueryOrderMap<CallRateEntity>[] => orderBy(CALL_RATE_QUERY, text);
