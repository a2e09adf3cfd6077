const NOT_AUDITED = Symbol('not-audited');

/**
 * Marks an entity whose rows are not business changes (locks, counters, staging rows, the
 * platform's own records): writing them adds no audit row.
 */
export function NotAudited(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(NOT_AUDITED, true, target);
  };
}

export function isAudited(entity: unknown): boolean {
  return typeof entity === 'function' && !Reflect.getMetadata(NOT_AUDITED, entity);
}
