import { podLabels, podSpec, selects, workloads, type K8sObject, type LabelSelector } from './kubernetes.js';

/**
 * NetworkPolicies evaluated the way a CNI applies them, over the pods a render would run: which
 * peer may reach which pod on which port (ingress), and where a pod may connect (egress).
 */
export interface Pod {
  /** The workload (or CloudNativePG Cluster) that runs it. */
  owner: string;
  labels: Record<string, string>;
  /** Container ports by name. */
  ports: Map<string, number>;
}

/** Who a rule lets in or out: pods of this namespace, pods of other namespaces, addresses, or anyone. */
export type Peer =
  | { kind: 'pods'; pods: LabelSelector }
  | { kind: 'namespaces'; namespaces: LabelSelector; pods?: LabelSelector }
  | { kind: 'addresses'; cidr: string }
  | { kind: 'anyone' };

export interface Allowance {
  policy: string;
  peer: Peer;
  /** A port number, a name not resolved on this pod, or every port. */
  port: number | string | 'any';
}

/** The pods of a render: one per workload, and the instances of each CloudNativePG Cluster. */
export function podsOf(objects: K8sObject[]): Pod[] {
  const pods = workloads(objects).map((workload) => ({
    owner: `${workload.kind}/${workload.metadata.name}`,
    labels: podLabels(workload),
    ports: new Map<string, number>(
      podSpec(workload).containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => [p.name, p.containerPort] as const)),
    ),
  }));
  for (const cluster of objects.filter((o) => o.apiVersion === 'postgresql.cnpg.io/v1' && o.kind === 'Cluster')) {
    pods.push({
      owner: `Cluster/${cluster.metadata.name}`,
      labels: { ...(cluster.spec.inheritedMetadata?.labels ?? {}), 'cnpg.io/cluster': cluster.metadata.name },
      // CloudNativePG's instance ports: PostgreSQL, the instance manager's status, metrics.
      ports: new Map([
        ['postgresql', 5432],
        ['status', 8000],
        ['metrics', 9187],
      ]),
    });
  }
  return pods;
}

function peersOf(rulePeers: any[] | undefined): Peer[] {
  if (!rulePeers || rulePeers.length === 0) return [{ kind: 'anyone' }];
  return rulePeers.map((peer): Peer => {
    if (peer.ipBlock) return { kind: 'addresses', cidr: peer.ipBlock.cidr };
    if (peer.namespaceSelector) return { kind: 'namespaces', namespaces: peer.namespaceSelector, pods: peer.podSelector };
    return { kind: 'pods', pods: peer.podSelector };
  });
}

function allowances(objects: K8sObject[], pod: Pod, direction: 'Ingress' | 'Egress'): { isolated: boolean; allowed: Allowance[] } {
  const policies = objects.filter(
    (o) => o.kind === 'NetworkPolicy' && selects(o.spec.podSelector, pod.labels) && (o.spec.policyTypes ?? ['Ingress']).includes(direction),
  );
  const allowed = policies.flatMap((policy) =>
    (policy.spec[direction === 'Ingress' ? 'ingress' : 'egress'] ?? []).flatMap((rule: any) => {
      const peers = peersOf(direction === 'Ingress' ? rule.from : rule.to);
      const ports: Array<number | string> = rule.ports
        ? rule.ports.map((p: any) => (typeof p.port === 'string' && direction === 'Ingress' ? (pod.ports.get(p.port) ?? p.port) : p.port))
        : ['any'];
      return peers.flatMap((peer) => ports.map((port) => ({ policy: policy.metadata.name, peer, port })));
    }),
  );
  return { isolated: policies.length > 0, allowed };
}

export const ingressTo = (objects: K8sObject[], pod: Pod) => allowances(objects, pod, 'Ingress');
export const egressFrom = (objects: K8sObject[], pod: Pod) => allowances(objects, pod, 'Egress');

/** The pods of this namespace a peer selects (none for peers outside it). */
export function podsSelectedBy(peer: Peer, pods: Pod[]): Pod[] {
  return peer.kind === 'pods' ? pods.filter((p) => selects(peer.pods ?? {}, p.labels)) : [];
}

export const component = (pod: Pod): string => pod.labels['app.kubernetes.io/component'] ?? 'none';

/** Whether a peer is exactly the namespace of that name (its kubernetes.io/metadata.name label). */
export function isNamespace(peer: Peer, name: string): boolean {
  return (
    peer.kind === 'namespaces' &&
    Object.keys(peer.namespaces.matchLabels ?? {}).length === 1 &&
    peer.namespaces.matchLabels?.['kubernetes.io/metadata.name'] === name &&
    !peer.namespaces.matchExpressions?.length
  );
}

export function describePeer(peer: Peer): string {
  switch (peer.kind) {
    case 'anyone':
      return 'anyone';
    case 'addresses':
      return `addresses ${peer.cidr}`;
    case 'namespaces':
      return `namespaces ${JSON.stringify(peer.namespaces)}${peer.pods ? ` pods ${JSON.stringify(peer.pods)}` : ''}`;
    case 'pods':
      return `pods ${JSON.stringify(peer.pods)}`;
  }
}
