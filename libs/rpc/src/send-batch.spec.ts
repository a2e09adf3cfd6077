import { SendBatch } from './send-batch.js';

describe('SendBatch', () => {
  it('runs every send queued in one turn together, after the turn, in order', async () => {
    const batch = new SendBatch();
    const ran: string[] = [];
    const results = [1, 2, 3].map((n) => batch.run(async () => (ran.push(`send ${n}`), n * 10)));
    ran.push('turn ends');
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
    expect(ran).toEqual(['turn ends', 'send 1', 'send 2', 'send 3']);
  });

  it('passes a failed send on to its caller only', async () => {
    const batch = new SendBatch();
    const failing = batch.run(() => Promise.reject(new Error('no responders')));
    const fine = batch.run(async () => 'ok');
    await expect(failing).rejects.toThrow('no responders');
    await expect(fine).resolves.toBe('ok');
  });
});
