import { defineSchema } from './query-schema.js';

/** One field of every kind, for the library's tests; `note` is a field whose property and column have other names. */
export interface Sample {
  id: number;
  name: string;
  label: string | null;
  count: number;
  price: string;
  rate: string;
  active: boolean;
  day: string;
  at: Date;
  colour: string;
}

export const SAMPLE_SCHEMA = defineSchema<Sample>({
  fields: {
    id: { kind: 'integer' },
    name: { kind: 'string' },
    note: { kind: 'string', property: 'label', column: 'label_text', nullable: true },
    count: { kind: 'integer' },
    price: { kind: 'decimal', scale: 5, storage: 'scaled' },
    rate: { kind: 'decimal', scale: 5, storage: 'exact' },
    active: { kind: 'boolean' },
    day: { kind: 'date' },
    at: { kind: 'datetime' },
    colour: { kind: 'enum', values: ['red', 'green', 'blue'] },
    secret: { kind: 'string', filterable: false, sortable: false },
    code: { kind: 'string', operators: ['eq', 'ne'] },
  },
  tieBreaker: 'id',
  search: ['name', 'note'],
});
