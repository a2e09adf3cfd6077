import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APPS, SERVICES } from './services.js';

const APPS_DIR = fileURLToPath(new URL('../../../apps/', import.meta.url));

describe('the list of apps', () => {
  it('names every runnable app in apps/, and nothing else', () => {
    const runnable = readdirSync(APPS_DIR).filter((name) => existsSync(`${APPS_DIR}${name}/src/main.ts`));
    expect([...APPS].sort()).toEqual(runnable.sort());
  });

  it('gives each service, and only the services, its own migrations', () => {
    const migrating = APPS.filter((app) => existsSync(`${APPS_DIR}${app}/src/migrate.ts`));
    expect(migrating).toEqual([...SERVICES]);
  });
});
