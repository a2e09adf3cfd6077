import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TelephonyContracts } from '@billing/contracts';
import { ServiceEvents } from '@billing/rpc';

type Listener = (event: TelephonyContracts.CallRatesChanged) => void;

/** "A tenant's rates changed", told to every telephony replica so each drops its index. */
@Injectable()
export class CallRateEvents implements OnModuleInit {
  private readonly listeners: Listener[] = [];

  constructor(private readonly events: ServiceEvents) {}

  async onModuleInit(): Promise<void> {
    await this.events.subscribe(TelephonyContracts.CallRatesChangedEvent, (event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Out on the server before the write that caused it answers. */
  changed(tenantId: string): Promise<void> {
    return this.events.publish(TelephonyContracts.CallRatesChangedEvent, { tenantId });
  }
}
