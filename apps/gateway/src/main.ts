import { createGatewayApp } from './app.factory.js';
import { loadConfig } from './config/app.config.js';

const config = loadConfig();
const app = await createGatewayApp(config);
await app.listen({ port: config.port, host: config.host });
process.send?.({ type: 'ready' });
