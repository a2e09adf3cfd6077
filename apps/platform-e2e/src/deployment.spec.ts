import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { APPS, SERVICES } from '@billing/contracts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

/** Docker cannot run on the build machines, so the deployment files are checked by reading them. */
describe('docker/', () => {
  const compose = parse(read('docker/compose.yaml'), { merge: true });
  const dockerfile = read('docker/Dockerfile');
  const readme = read('README.md');

  it('builds any app in stages and runs it as a fixed non-root uid', () => {
    const stages = dockerfile.match(/^FROM .+$/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG APP$/m);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    // Numeric, so Kubernetes' runAsNonRoot can verify it (docker/k8s runs pods as this uid).
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).not.toMatch(/npm (install|ci)/);
    expect(runtime).toMatch(/CMD \["node", "--enable-source-maps", "dist\/main.js"\]/);
  });

  it('has NATS, PostgreSQL, each app built from the one Dockerfile, and a migration step per service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['nats', 'postgres', ...APPS, ...SERVICES.map((service) => `${service}-migrate`)].sort(),
    );
    expect(compose.services.nats.command).toContain('-js');
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    for (const app of APPS) {
      const service = compose.services[app];
      expect({ app, build: service.build }).toEqual({
        app,
        build: { context: '..', dockerfile: 'docker/Dockerfile', args: { APP: app } },
      });
      expect(service.environment.NATS_URL).toBe('nats://nats:4222');
      expect(service.environment.NODE_ENV).toBe('production');
    }
    for (const app of SERVICES) {
      expect(compose.services[app].environment.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
      expect(compose.services[`${app}-migrate`].command).toEqual(['node', 'dist/migrate.js']);
      expect(compose.services[app].depends_on[`${app}-migrate`]).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('gives production the secrets it refuses to start without', () => {
    expect(compose.services.gateway.environment.TOKEN_SIGNING_KEY).toMatch(/:\?/);
    expect(compose.services['accounts-migrate'].environment.ADMIN_PASSWORD).toMatch(/:\?/);
    expect(compose.services.gateway.ports).toEqual(['${GATEWAY_PORT:-3000}:3000']);
  });

  it('uses only settings the README documents', () => {
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
    for (const app of APPS) {
      for (const name of Object.keys(compose.services[app].environment)) {
        expect({ app, name, documented: documented.has(name) }).toEqual({ app, name, documented: true });
      }
    }
  });
});
