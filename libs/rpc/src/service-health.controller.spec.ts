import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CommonErrorCode } from '@billing/contracts';
import { serviceHealthController, type HealthProbe } from './service-health.controller.js';

@Injectable()
class SwitchableProbe implements HealthProbe {
  up = true;
  async isUp(): Promise<boolean> {
    return this.up;
  }
}

describe('serviceHealthController', () => {
  it('answers up while the database answers, and UNAVAILABLE when it does not', async () => {
    const controller = serviceHealthController('pricing', SwitchableProbe);
    const moduleRef = await Test.createTestingModule({ controllers: [controller], providers: [SwitchableProbe] }).compile();
    const health = moduleRef.get<{ ping(envelope: unknown): Promise<unknown> }>(controller);

    await expect(health.ping({ data: {} })).resolves.toEqual({ service: 'pricing', status: 'up', database: 'up' });
    moduleRef.get(SwitchableProbe).up = false;
    await expect(health.ping({ data: {} })).rejects.toMatchObject({ code: CommonErrorCode.Unavailable });
    await moduleRef.close();
  });
});
