import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';

/** True when the database answers a trivial query. */
export async function pingDatabase(em: EntityManager): Promise<boolean> {
  try {
    await em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}

/** The service's database, as the health ping (libs/rpc's serviceHealthController) probes it. */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly em: EntityManager) {}

  isUp(): Promise<boolean> {
    return pingDatabase(this.em);
  }
}
