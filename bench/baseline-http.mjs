// Baseline 1: a bare Fastify route answering the same JSON the gateway answers, no auth, no NATS.
import Fastify from 'fastify';

const body = JSON.parse(process.env.BENCH_BODY);
const app = Fastify({ logger: false });
app.get('/currencies', async () => body);
await app.listen({ port: Number(process.env.BENCH_PORT), host: '127.0.0.1' });
process.send?.('ready');
