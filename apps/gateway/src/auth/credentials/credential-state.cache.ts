import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AccountsContracts } from '@billing/contracts';
import { RpcClient, ServiceEvents } from '@billing/rpc';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/app.config.js';

interface Entry {
  state: AccountsContracts.CredentialState;
  expiresAt: number;
}

/** Users whose state is kept at once; the least recently fetched go first. */
const MAX_USERS = 50_000;

/**
 * Whether a user's tokens still count, asked of the accounts service once and then kept. A change
 * (user deleted, signed out) is announced on NATS to every gateway replica, which forgets the user at
 * once; the time limit is only a safety net for an announcement lost while NATS was down.
 */
@Injectable()
export class CredentialStateCache implements OnModuleInit {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<AccountsContracts.CredentialState>>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly events: ServiceEvents,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.events.subscribe(AccountsContracts.CredentialsChangedEvent, ({ userId }) => this.forget(userId));
  }

  /** True when a token of this version is still good for this user. */
  async isCurrent(userId: string, tokenVersion: number): Promise<boolean> {
    const state = await this.state(userId);
    return state.active && state.tokenVersion === tokenVersion;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
    this.pending.delete(userId);
  }

  private state(userId: string): Promise<AccountsContracts.CredentialState> | AccountsContracts.CredentialState {
    const entry = this.entries.get(userId);
    if (entry && entry.expiresAt > Date.now()) return entry.state;
    return this.pending.get(userId) ?? this.fetch(userId);
  }

  /** One request per user at a time; its answer is kept only if no change was announced meanwhile. */
  private fetch(userId: string): Promise<AccountsContracts.CredentialState> {
    const settle = () => {
      const current = this.pending.get(userId) === promise;
      if (current) this.pending.delete(userId);
      return current;
    };
    const promise: Promise<AccountsContracts.CredentialState> = this.rpc.request(AccountsContracts.CredentialStateGet, { userId }).then(
      (state) => {
        if (settle()) this.remember(userId, state);
        return state;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.pending.set(userId, promise);
    return promise;
  }

  private remember(userId: string, state: AccountsContracts.CredentialState): void {
    if (this.entries.size >= MAX_USERS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(userId, { state, expiresAt: Date.now() + this.config.token.stateTtlSeconds * 1000 });
  }
}
