/**
 * What a resource or data source supplies to the framework: its model and its operations.
 * The framework owns encoding, validation, planning and error reporting; definitions only
 * talk to the service.
 */
import { DataSourceModel, EphemeralResourceModel, ProviderModel, ResourceModel } from '../../model/schema';
import { Diagnostics } from './diagnostics';
import type { State } from './plan';

export type { State };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface Context<Client> {
  readonly client: Client;
  readonly diags: Diagnostics;
  readonly log: Logger;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C): long waits end early. */
  readonly signal: AbortSignal;
}

export interface ResourceDefinition<Client> {
  readonly model: ResourceModel;
  /** Checks beyond the model's per-attribute validation (cross-field rules). */
  validate?(config: State, diags: Diagnostics): void;
  /** Adjusts a plan after the generic rules (e.g. computed values known at plan time). */
  modifyPlan?(ctx: Context<Client>, planned: State, prior: State | null, config: State): Promise<void>;
  /** Returns the new state, or undefined after adding error diagnostics. */
  create(ctx: Context<Client>, planned: State, config: State): Promise<State | undefined>;
  /** Returns the current state, or null when the object no longer exists. */
  read(ctx: Context<Client>, state: State): Promise<State | null | undefined>;
  update(ctx: Context<Client>, planned: State, prior: State, config: State): Promise<State | undefined>;
  delete(ctx: Context<Client>, prior: State): Promise<void>;
  /** Turns the id given to `terraform import` into a state for read(); undefined after diagnostics. */
  importState?(ctx: Context<Client>, id: string): Promise<State | undefined>;
  /**
   * State upgraders, keyed by the schema version they upgrade from (`0` turns a v0 state into
   * v1): plain JSON objects as Terraform stored them. One per older version, run in order.
   */
  readonly upgraders?: Readonly<Record<number, (state: Record<string, unknown>) => Record<string, unknown>>>;
}

export interface DataSourceDefinition<Client> {
  readonly model: DataSourceModel;
  validate?(config: State, diags: Diagnostics): void;
  read(ctx: Context<Client>, config: State): Promise<State | undefined>;
}

/** What `open` hands to Terraform: the values, and when (if ever) to renew them. */
export interface EphemeralResult {
  readonly result: State;
  /** Terraform calls renew() after this time while the run needs the values. @default - never */
  readonly renewAt?: Date;
  /** Opaque to Terraform; given back to renew() and close(). */
  readonly private?: Buffer;
}

export interface EphemeralResourceDefinition<Client> {
  readonly model: EphemeralResourceModel;
  validate?(config: State, diags: Diagnostics): void;
  /** The values for this run; undefined after diagnostics. */
  open(ctx: Context<Client>, config: State): Promise<EphemeralResult | undefined>;
  renew?(ctx: Context<Client>, priv: Buffer | undefined): Promise<{ renewAt?: Date; private?: Buffer } | undefined>;
  /** The run is over: revoke what open() made, if anything. */
  close?(ctx: Context<Client>, priv: Buffer | undefined): Promise<void>;
}

export interface ProviderDefinition<Client> {
  readonly model: ProviderModel;
  readonly resources: readonly ResourceDefinition<Client>[];
  readonly dataSources: readonly DataSourceDefinition<Client>[];
  readonly ephemeralResources?: readonly EphemeralResourceDefinition<Client>[];
  /** Builds the client from the provider block; undefined after diagnostics. */
  configure(config: State, diags: Diagnostics, terraformVersion: string): Client | undefined;
}
