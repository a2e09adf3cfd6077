import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Imports the layering forbids; each must fail the lint with the boundary rule. */
const FORBIDDEN: Array<[project: string, library: string, symbol: string]> = [
  ['apps/gateway', '@billing/persistence', 'tenantScope'],
  ['libs/persistence', '@billing/rpc', 'natsSubject'],
  ['libs/rpc', '@billing/persistence', 'tenantScope'],
  ['libs/contracts', '@billing/money', 'RATE_AMOUNT'],
  ['libs/money', '@billing/contracts', 'SERVICES'],
  ['apps/pricing', '@billing/telephony', 'AppModule'],
];

describe('module boundaries bite', () => {
  it('fails the lint for every import across a forbidden boundary', async () => {
    const suffix = randomBytes(4).toString('hex');
    const probes = FORBIDDEN.map(([project, library, symbol]) => {
      const file = join(ROOT, project, 'src', `boundary-probe-${suffix}.ts`);
      writeFileSync(file, `import { ${symbol} } from '${library}';\nexport const probe = ${symbol};\n`);
      return file;
    });
    try {
      const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
      const result = await run(process.execPath, [eslint, '--format', 'json', ...probes], {
        cwd: ROOT,
        env: { ...process.env, NX_DAEMON: 'false' },
      }).catch((error: { stdout: string }) => error);
      const reports: Array<{ filePath: string; messages: Array<{ ruleId: string }> }> = JSON.parse(result.stdout);
      for (const probe of probes) {
        const report = reports.find((r) => r.filePath === probe);
        expect({ probe, rules: report?.messages.map((m) => m.ruleId) }).toEqual({ probe, rules: ['@nx/enforce-module-boundaries'] });
      }
    } finally {
      for (const file of probes) rmSync(file, { force: true });
    }
  }, 120_000);
});
