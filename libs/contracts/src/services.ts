/** The services behind the gateway; each subscribes under `<namespace>.<service>.…`. */
export const SERVICES = ['pricing', 'accounts', 'entities', 'telephony'] as const;
export type ServiceName = (typeof SERVICES)[number];
