import type { ComparisonOperator, TextOperator } from './query-schema.js';

/**
 * A literal as a front end read it, not yet checked against any field. `raw` is the text as the
 * client wrote it, for messages. Numbers, dates and date-times keep their written text, so that
 * no binary float ever stands between the client and the database.
 */
export type Literal =
  | { type: 'string'; value: string; raw: string }
  | { type: 'number' | 'date' | 'datetime'; value: string; raw: string }
  | { type: 'boolean'; value: boolean; raw: string }
  | { type: 'null'; raw: string }
  /** A literal of the language that no field kind takes (an OData GUID, a duration, …). */
  | { type: 'other'; raw: string };

/**
 * What every front end produces: fields named as the client named them, literals as written. The
 * translator checks it against the schema and turns it into a MikroORM condition.
 */
export type Condition =
  | { type: 'and' | 'or'; conditions: Condition[] }
  | { type: 'not'; condition: Condition }
  | { type: 'compare'; field: string; operator: ComparisonOperator | TextOperator; value: Literal }
  | { type: 'in'; field: string; values: Literal[] };
