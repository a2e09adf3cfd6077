import { trace } from '@opentelemetry/api';
import { createServer, type Server } from 'node:http';
import { startTracing, stopTracing, tracer, tracingEnabled } from './tracing.js';

describe('tracing', () => {
  afterEach(() => stopTracing());

  it('stays off without a collector: nothing started, spans are the API no-op', async () => {
    await startTracing(undefined);
    expect(tracingEnabled()).toBe(false);
    const span = tracer().startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('once a collector is named, posts the spans as OTLP JSON to <endpoint>/v1/traces, the last ones at stop', async () => {
    const posts: Array<{ url?: string; type?: string; body: string }> = [];
    const collector: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        posts.push({ url: request.url, type: request.headers['content-type'], body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = collector.address() as { port: number };
      await startTracing({ endpoint: `http://127.0.0.1:${port}/`, serviceName: 'unit', scheduleDelayMs: 60_000 });
      expect(tracingEnabled()).toBe(true);
      const span = tracer().startSpan('something');
      expect(span.isRecording()).toBe(true);
      span.end();
      await stopTracing();
      expect(tracingEnabled()).toBe(false);
      expect(posts).toEqual([{ url: '/v1/traces', type: 'application/json', body: expect.stringContaining('"name":"something"') }]);
      expect(posts[0]!.body).toContain('"stringValue":"unit"');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
