import { raw } from '@mikro-orm/core';
import type { TextOperator } from './query-schema.js';

type Where = Record<string, unknown>;

/**
 * startswith, endswith and contains, case-sensitive, in SQL that SQLite and PostgreSQL share: no
 * LIKE, whose wildcards and escaping differ between the two. `column` comes from the schema (a
 * checked identifier), never from the client; the value is always a bound parameter. The column
 * stays unqualified: updates and deletes have no table alias to qualify it with.
 */
export function textMatch(column: string, operator: TextOperator, value: string): Where {
  const subject = `"${column}"`;
  switch (operator) {
    case 'startswith':
      return { [raw(`substr(${subject}, 1, ?)`, [value.length])]: value };
    case 'endswith':
      return {
        $and: [
          { [raw(`length(${subject})`)]: { $gte: value.length } },
          { [raw(`substr(${subject}, length(${subject}) - ?)`, [value.length - 1])]: value },
        ],
      };
    case 'contains':
      return containsText(column, value, false);
  }
}

/** `value` occurs in `column`: replace() and length() exist alike on both engines. */
export function containsText(column: string, value: string, ignoreCase: boolean): Where {
  const subject = ignoreCase ? `lower("${column}")` : `"${column}"`;
  return {
    [raw(`length(${subject}) - length(replace(${subject}, ?, ''))`, [ignoreCase ? value.toLowerCase() : value])]: { $gt: 0 },
  };
}
