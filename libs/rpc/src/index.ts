export * from './rpc-exception.filter.js';
export * from './subject.js';
export * from './namespaced-nats.server.js';
export * from './nats.connection.js';
export * from './service-bootstrap.js';
export * from './handles.decorator.js';
export * from './service-health.controller.js';
export * from './service-events.js';
