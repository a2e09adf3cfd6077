import type { Platform } from '@mikro-orm/core';

/**
 * Column types for hand-written migrations that must run on SQLite and PostgreSQL alike: the same
 * declarations the ORM itself would emit for each engine.
 */
export function sqlTypes(platform: Platform) {
  return {
    id: 'varchar(36)',
    timestamp: platform.getDateTimeTypeDeclarationSQL({ length: 3 }),
    boolean: platform.getBooleanTypeDeclarationSQL(),
    json: platform.getJsonDeclarationSQL(),
    text: platform.getTextTypeDeclarationSQL({}),
    varchar: (length: number) => `varchar(${length})`,
    decimal: (precision: number, scale: number) => `numeric(${precision},${scale})`,
  };
}
