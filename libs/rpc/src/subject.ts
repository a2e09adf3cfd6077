/** Every subject is prefixed with the deployment's namespace, so deployments can share one NATS. */
export function natsSubject(namespace: string, pattern: string): string {
  return `${namespace}.${pattern}`;
}

/** Subjects for fan-out events, which every replica receives (no queue group). */
export function natsEventSubject(namespace: string, event: string): string {
  return `${namespace}.events.${event}`;
}
