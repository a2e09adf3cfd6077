import type { ModelDefinition } from '@billing/persistence';

/** Every entity and, in order, every migration of the telephony database (its features add them). */
export const ormModel: ModelDefinition = {
  entities: [],
  migrations: [],
};
