/** The services behind the gateway; each subscribes under `<namespace>.<service>.…`. */
export const SERVICES = ['pricing', 'accounts', 'entities', 'telephony'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Every process of the platform: the HTTP gateway and the services it calls. */
export const APPS = ['gateway', ...SERVICES] as const;
export type AppName = (typeof APPS)[number];
