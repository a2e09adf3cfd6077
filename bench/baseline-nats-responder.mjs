// Baseline 2, the serving side: a raw NATS responder answering with the same payload.
import { connect } from '@nats-io/transport-node';

const nc = await connect({ servers: process.env.NATS_URL });
const reply = new TextEncoder().encode(process.env.BENCH_BODY);
nc.subscribe(process.env.BENCH_SUBJECT, { callback: (_err, msg) => msg.respond(reply) });
await nc.flush();
process.send?.('ready');
