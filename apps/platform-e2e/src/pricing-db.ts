import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { queryPostgres, type RunningPlatform } from '@billing/testing';

/**
 * Runs one statement on the pricing database behind the API, for what a test cannot do through it
 * (let a quote's last valid day pass). Identifiers are the migrations' own.
 */
export async function onPricingDatabase(platform: RunningPlatform, sql: string): Promise<void> {
  if (platform.databaseUrl) {
    await queryPostgres(platform.databaseUrl, `set search_path to pricing; ${sql}`);
    return;
  }
  const db = new DatabaseSync(join(platform.dataDir, 'pricing.sqlite'));
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}
