/**
 * Terraform plugin protocol 6.8 (the version Terraform 1.10/1.11 speaks), written for our
 * protobuf runtime. Field numbers and enum values were checked against Terraform's
 * docs/plugin-protocol/tfplugin6.8.proto and, field for field, by a test against the
 * descriptor embedded in the `terraform` 1.11 binary (the authority where they differ). Identity RPCs (6.9, Terraform 1.12) are not part of it.
 *
 * Object keys are the camelCase forms of the proto field names. Request types describe
 * decoded values (scalars always present, bytes/messages `undefined` when not sent);
 * response types describe what a handler returns (everything left out is omitted).
 */
import { mapOf, message, MessageDesc } from './protobuf';

// ---------------------------------------------------------------------------
// Enums

export enum DiagnosticSeverity {
  INVALID = 0,
  ERROR = 1,
  WARNING = 2,
}

export enum StringKind {
  PLAIN = 0,
  MARKDOWN = 1,
}

/** Schema.NestedBlock.NestingMode */
export enum BlockNestingMode {
  INVALID = 0,
  SINGLE = 1,
  LIST = 2,
  SET = 3,
  MAP = 4,
  GROUP = 5,
}

/** Schema.Object.NestingMode (nested attributes have no GROUP mode) */
export enum ObjectNestingMode {
  INVALID = 0,
  SINGLE = 1,
  LIST = 2,
  SET = 3,
  MAP = 4,
}

export enum DeferredReason {
  UNKNOWN = 0,
  RESOURCE_CONFIG_UNKNOWN = 1,
  PROVIDER_CONFIG_UNKNOWN = 2,
  ABSENT_PREREQ = 3,
}

// ---------------------------------------------------------------------------
// Shared messages

/** A cty value: `msgpack` normally; `json` only where Terraform says so. */
export interface DynamicValue {
  msgpack?: Buffer;
  json?: Buffer;
}
export const DynamicValue = message('tfplugin6.DynamicValue', {
  msgpack: [1, 'bytes'],
  json: [2, 'bytes'],
});

/** One step of an attribute path: set exactly one of the three. */
export interface AttributePathStep {
  attributeName?: string;
  elementKeyString?: string;
  elementKeyInt?: number;
}
export const AttributePathStep = message('tfplugin6.AttributePath.Step', {
  // oneof selector: explicit presence, so an empty name or index 0 still goes on the wire.
  attributeName: [1, 'string', 'optional'],
  elementKeyString: [2, 'string', 'optional'],
  elementKeyInt: [3, 'int64', 'optional'],
});

export interface AttributePath {
  steps: AttributePathStep[];
}
export const AttributePath = message('tfplugin6.AttributePath', {
  steps: [1, AttributePathStep, 'repeated'],
});

export interface Diagnostic {
  severity: DiagnosticSeverity;
  summary: string;
  detail?: string;
  attribute?: AttributePath;
}
export const Diagnostic = message('tfplugin6.Diagnostic', {
  severity: [1, 'enum'],
  summary: [2, 'string'],
  detail: [3, 'string'],
  attribute: [4, AttributePath],
});

export interface FunctionError {
  text: string;
  functionArgument?: number;
}
export const FunctionError = message('tfplugin6.FunctionError', {
  text: [1, 'string'],
  functionArgument: [2, 'int64', 'optional'],
});

/** Stored state to upgrade: `json` in current Terraform, `flatmap` only from SDKv1-era states. */
export interface RawState {
  json?: Buffer;
  flatmap: Record<string, string>;
}
export const RawState = message('tfplugin6.RawState', {
  json: [1, 'bytes'],
  flatmap: [2, mapOf('string')],
});

export interface ServerCapabilities {
  planDestroy?: boolean;
  getProviderSchemaOptional?: boolean;
  moveResourceState?: boolean;
}
export const ServerCapabilities = message('tfplugin6.ServerCapabilities', {
  planDestroy: [1, 'bool'],
  getProviderSchemaOptional: [2, 'bool'],
  moveResourceState: [3, 'bool'],
});

export interface ClientCapabilities {
  deferralAllowed: boolean;
  writeOnlyAttributesAllowed: boolean;
}
export const ClientCapabilities = message('tfplugin6.ClientCapabilities', {
  deferralAllowed: [1, 'bool'],
  writeOnlyAttributesAllowed: [2, 'bool'],
});

export interface Deferred {
  reason: DeferredReason;
}
export const Deferred = message('tfplugin6.Deferred', {
  reason: [1, 'enum'],
});

export interface Timestamp {
  seconds: number;
  nanos: number;
}
export const Timestamp = message('google.protobuf.Timestamp', {
  seconds: [1, 'int64'],
  nanos: [2, 'int32'],
});

// ---------------------------------------------------------------------------
// Schema

export interface SchemaAttribute {
  name: string;
  /** JSON of the cty type, e.g. Buffer.from('"string"') or '["list","number"]'; unset when nestedType is. */
  type?: Buffer;
  nestedType?: SchemaObject;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  descriptionKind?: StringKind;
  deprecated?: boolean;
  writeOnly?: boolean;
}

/** Nested attributes (protocol 6): an object type with its own attributes. */
export interface SchemaObject {
  attributes?: SchemaAttribute[];
  nesting: ObjectNestingMode;
}

export interface SchemaBlock {
  version?: number;
  attributes?: SchemaAttribute[];
  blockTypes?: SchemaNestedBlock[];
  description?: string;
  descriptionKind?: StringKind;
  deprecated?: boolean;
}

export interface SchemaNestedBlock {
  typeName: string;
  block: SchemaBlock;
  nesting: BlockNestingMode;
  minItems?: number;
  maxItems?: number;
}

export interface Schema {
  version?: number;
  block: SchemaBlock;
}

export const SchemaAttribute: MessageDesc = message('tfplugin6.Schema.Attribute', {
  name: [1, 'string'],
  type: [2, 'bytes'],
  nestedType: [10, () => SchemaObject],
  description: [3, 'string'],
  required: [4, 'bool'],
  optional: [5, 'bool'],
  computed: [6, 'bool'],
  sensitive: [7, 'bool'],
  descriptionKind: [8, 'enum'],
  deprecated: [9, 'bool'],
  writeOnly: [11, 'bool'],
});

export const SchemaObject: MessageDesc = message('tfplugin6.Schema.Object', {
  attributes: [1, SchemaAttribute, 'repeated'],
  nesting: [3, 'enum'],
  // 4 and 5 (min_items, max_items) are deprecated and never read by Terraform.
});

export const SchemaBlock: MessageDesc = message('tfplugin6.Schema.Block', {
  version: [1, 'int64'],
  attributes: [2, SchemaAttribute, 'repeated'],
  blockTypes: [3, () => SchemaNestedBlock, 'repeated'],
  description: [4, 'string'],
  descriptionKind: [5, 'enum'],
  deprecated: [6, 'bool'],
});

export const SchemaNestedBlock: MessageDesc = message('tfplugin6.Schema.NestedBlock', {
  typeName: [1, 'string'],
  block: [2, SchemaBlock],
  nesting: [3, 'enum'],
  minItems: [4, 'int64'],
  maxItems: [5, 'int64'],
});

export const Schema = message('tfplugin6.Schema', {
  version: [1, 'int64'],
  block: [2, SchemaBlock],
});

// ---------------------------------------------------------------------------
// Functions (we define none; enough to answer GetFunctions and CallFunction)

export interface FunctionParameter {
  name: string;
  type: Buffer;
  allowNullValue?: boolean;
  allowUnknownValues?: boolean;
  description?: string;
  descriptionKind?: StringKind;
}
export const FunctionParameter = message('tfplugin6.Function.Parameter', {
  name: [1, 'string'],
  type: [2, 'bytes'],
  allowNullValue: [3, 'bool'],
  allowUnknownValues: [4, 'bool'],
  description: [5, 'string'],
  descriptionKind: [6, 'enum'],
});

export interface FunctionDefinition {
  parameters?: FunctionParameter[];
  variadicParameter?: FunctionParameter;
  return: { type: Buffer };
  summary?: string;
  description?: string;
  descriptionKind?: StringKind;
  deprecationMessage?: string;
}
export const FunctionDefinition = message('tfplugin6.Function', {
  parameters: [1, FunctionParameter, 'repeated'],
  variadicParameter: [2, FunctionParameter],
  return: [3, message('tfplugin6.Function.Return', { type: [1, 'bytes'] })],
  summary: [4, 'string'],
  description: [5, 'string'],
  descriptionKind: [6, 'enum'],
  deprecationMessage: [7, 'string'],
});

// ---------------------------------------------------------------------------
// RPC messages. Request interfaces: decoded shapes. Response interfaces: handler results.

const EmptyRequest = (rpcName: string) => message(`tfplugin6.${rpcName}.Request`, {});
const TypeNameOnly = (name: string) => message(name, { typeName: [1, 'string'] });
const DiagnosticsAt = (name: string, no: number) => message(name, { diagnostics: [no, Diagnostic, 'repeated'] });

interface WithDiagnostics {
  diagnostics?: Diagnostic[];
}

// GetMetadata
export type GetMetadataRequest = Record<string, never>;
export interface GetMetadataResponse extends WithDiagnostics {
  serverCapabilities?: ServerCapabilities;
  dataSources?: { typeName: string }[];
  resources?: { typeName: string }[];
  functions?: { name: string }[];
  ephemeralResources?: { typeName: string }[];
}
const GetMetadataResponse = message('tfplugin6.GetMetadata.Response', {
  serverCapabilities: [1, ServerCapabilities],
  diagnostics: [2, Diagnostic, 'repeated'],
  dataSources: [3, TypeNameOnly('tfplugin6.GetMetadata.DataSourceMetadata'), 'repeated'],
  resources: [4, TypeNameOnly('tfplugin6.GetMetadata.ResourceMetadata'), 'repeated'],
  functions: [5, message('tfplugin6.GetMetadata.FunctionMetadata', { name: [1, 'string'] }), 'repeated'],
  ephemeralResources: [6, TypeNameOnly('tfplugin6.GetMetadata.EphemeralMetadata'), 'repeated'],
});

// GetProviderSchema
export type GetProviderSchemaRequest = Record<string, never>;
export interface GetProviderSchemaResponse extends WithDiagnostics {
  provider?: Schema;
  resourceSchemas?: Record<string, Schema>;
  dataSourceSchemas?: Record<string, Schema>;
  functions?: Record<string, FunctionDefinition>;
  ephemeralResourceSchemas?: Record<string, Schema>;
  providerMeta?: Schema;
  serverCapabilities?: ServerCapabilities;
}
const GetProviderSchemaResponse = message('tfplugin6.GetProviderSchema.Response', {
  provider: [1, Schema],
  resourceSchemas: [2, mapOf(Schema)],
  dataSourceSchemas: [3, mapOf(Schema)],
  diagnostics: [4, Diagnostic, 'repeated'],
  providerMeta: [5, Schema],
  serverCapabilities: [6, ServerCapabilities],
  functions: [7, mapOf(FunctionDefinition)],
  ephemeralResourceSchemas: [8, mapOf(Schema)],
});

// ValidateProviderConfig
export interface ValidateProviderConfigRequest {
  config?: DynamicValue;
}
export type ValidateProviderConfigResponse = WithDiagnostics;
const ValidateProviderConfigRequest = message('tfplugin6.ValidateProviderConfig.Request', {
  config: [1, DynamicValue],
});
// Field 1 was PreparedConfig in protocol 5; protocol 6 starts diagnostics at 2.
const ValidateProviderConfigResponse = DiagnosticsAt('tfplugin6.ValidateProviderConfig.Response', 2);

// ValidateResourceConfig / ValidateDataResourceConfig / ValidateEphemeralResourceConfig
export interface ValidateResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
  /** sent by Terraform 1.11 (write-only attributes), though not in every copy of 6.8.proto */
  clientCapabilities?: ClientCapabilities;
}
export type ValidateResourceConfigResponse = WithDiagnostics;
const ValidateResourceConfigRequest = message('tfplugin6.ValidateResourceConfig.Request', {
  typeName: [1, 'string'],
  config: [2, DynamicValue],
  clientCapabilities: [3, ClientCapabilities],
});

export interface ValidateDataResourceConfigRequest {
  typeName: string;
  config?: DynamicValue;
}
export type ValidateDataResourceConfigResponse = WithDiagnostics;
const ValidateTypedConfigRequest = (name: string) => message(name, { typeName: [1, 'string'], config: [2, DynamicValue] });

export type ValidateEphemeralResourceConfigRequest = ValidateDataResourceConfigRequest;
export type ValidateEphemeralResourceConfigResponse = WithDiagnostics;

// UpgradeResourceState
export interface UpgradeResourceStateRequest {
  typeName: string;
  /** schema version recorded in the state */
  version: number;
  /** JSON of the old state (not msgpack): decode with the old schema, answer msgpack */
  rawState?: RawState;
}
export interface UpgradeResourceStateResponse extends WithDiagnostics {
  upgradedState?: DynamicValue;
}
const UpgradeResourceStateRequest = message('tfplugin6.UpgradeResourceState.Request', {
  typeName: [1, 'string'],
  version: [2, 'int64'],
  rawState: [3, RawState],
});
const UpgradeResourceStateResponse = message('tfplugin6.UpgradeResourceState.Response', {
  upgradedState: [1, DynamicValue],
  diagnostics: [2, Diagnostic, 'repeated'],
});

// ConfigureProvider
export interface ConfigureProviderRequest {
  terraformVersion: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}
export type ConfigureProviderResponse = WithDiagnostics;
const ConfigureProviderRequest = message('tfplugin6.ConfigureProvider.Request', {
  terraformVersion: [1, 'string'],
  config: [2, DynamicValue],
  clientCapabilities: [3, ClientCapabilities],
});

// ReadResource
export interface ReadResourceRequest {
  typeName: string;
  currentState?: DynamicValue;
  private?: Buffer;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}
export interface ReadResourceResponse extends WithDiagnostics {
  /** a null value (msgpack nil) means the resource is gone */
  newState?: DynamicValue;
  private?: Buffer;
  deferred?: Deferred;
}
const ReadResourceRequest = message('tfplugin6.ReadResource.Request', {
  typeName: [1, 'string'],
  currentState: [2, DynamicValue],
  private: [3, 'bytes'],
  providerMeta: [4, DynamicValue],
  clientCapabilities: [5, ClientCapabilities],
});
const ReadResourceResponse = message('tfplugin6.ReadResource.Response', {
  newState: [1, DynamicValue],
  diagnostics: [2, Diagnostic, 'repeated'],
  private: [3, 'bytes'],
  deferred: [4, Deferred],
});

// PlanResourceChange
export interface PlanResourceChangeRequest {
  typeName: string;
  /** null on create */
  priorState?: DynamicValue;
  /** null on destroy */
  proposedNewState?: DynamicValue;
  config?: DynamicValue;
  priorPrivate?: Buffer;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}
export interface PlanResourceChangeResponse extends WithDiagnostics {
  plannedState?: DynamicValue;
  requiresReplace?: AttributePath[];
  plannedPrivate?: Buffer;
  /** reserved for the legacy Go SDK: leave unset */
  legacyTypeSystem?: boolean;
  deferred?: Deferred;
}
const PlanResourceChangeRequest = message('tfplugin6.PlanResourceChange.Request', {
  typeName: [1, 'string'],
  priorState: [2, DynamicValue],
  proposedNewState: [3, DynamicValue],
  config: [4, DynamicValue],
  priorPrivate: [5, 'bytes'],
  providerMeta: [6, DynamicValue],
  clientCapabilities: [7, ClientCapabilities],
});
const PlanResourceChangeResponse = message('tfplugin6.PlanResourceChange.Response', {
  plannedState: [1, DynamicValue],
  requiresReplace: [2, AttributePath, 'repeated'],
  plannedPrivate: [3, 'bytes'],
  diagnostics: [4, Diagnostic, 'repeated'],
  legacyTypeSystem: [5, 'bool'],
  deferred: [6, Deferred],
});

// ApplyResourceChange
export interface ApplyResourceChangeRequest {
  typeName: string;
  priorState?: DynamicValue;
  /** null on destroy */
  plannedState?: DynamicValue;
  config?: DynamicValue;
  plannedPrivate?: Buffer;
  providerMeta?: DynamicValue;
}
export interface ApplyResourceChangeResponse extends WithDiagnostics {
  newState?: DynamicValue;
  private?: Buffer;
  legacyTypeSystem?: boolean;
}
const ApplyResourceChangeRequest = message('tfplugin6.ApplyResourceChange.Request', {
  typeName: [1, 'string'],
  priorState: [2, DynamicValue],
  plannedState: [3, DynamicValue],
  config: [4, DynamicValue],
  plannedPrivate: [5, 'bytes'],
  providerMeta: [6, DynamicValue],
});
const ApplyResourceChangeResponse = message('tfplugin6.ApplyResourceChange.Response', {
  newState: [1, DynamicValue],
  private: [2, 'bytes'],
  diagnostics: [3, Diagnostic, 'repeated'],
  legacyTypeSystem: [4, 'bool'],
});

// ImportResourceState
export interface ImportResourceStateRequest {
  typeName: string;
  id: string;
  clientCapabilities?: ClientCapabilities;
}
export interface ImportedResource {
  typeName: string;
  state?: DynamicValue;
  private?: Buffer;
}
export interface ImportResourceStateResponse extends WithDiagnostics {
  importedResources?: ImportedResource[];
  deferred?: Deferred;
}
const ImportResourceStateRequest = message('tfplugin6.ImportResourceState.Request', {
  typeName: [1, 'string'],
  id: [2, 'string'],
  clientCapabilities: [3, ClientCapabilities],
});
const ImportedResource = message('tfplugin6.ImportResourceState.ImportedResource', {
  typeName: [1, 'string'],
  state: [2, DynamicValue],
  private: [3, 'bytes'],
});
const ImportResourceStateResponse = message('tfplugin6.ImportResourceState.Response', {
  importedResources: [1, ImportedResource, 'repeated'],
  diagnostics: [2, Diagnostic, 'repeated'],
  deferred: [3, Deferred],
});

// MoveResourceState
export interface MoveResourceStateRequest {
  sourceProviderAddress: string;
  sourceTypeName: string;
  sourceSchemaVersion: number;
  sourceState?: RawState;
  targetTypeName: string;
  sourcePrivate?: Buffer;
}
export interface MoveResourceStateResponse extends WithDiagnostics {
  targetState?: DynamicValue;
  targetPrivate?: Buffer;
}
const MoveResourceStateRequest = message('tfplugin6.MoveResourceState.Request', {
  sourceProviderAddress: [1, 'string'],
  sourceTypeName: [2, 'string'],
  sourceSchemaVersion: [3, 'int64'],
  sourceState: [4, RawState],
  targetTypeName: [5, 'string'],
  sourcePrivate: [6, 'bytes'],
});
const MoveResourceStateResponse = message('tfplugin6.MoveResourceState.Response', {
  targetState: [1, DynamicValue],
  diagnostics: [2, Diagnostic, 'repeated'],
  targetPrivate: [3, 'bytes'],
});

// ReadDataSource
export interface ReadDataSourceRequest {
  typeName: string;
  config?: DynamicValue;
  providerMeta?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}
export interface ReadDataSourceResponse extends WithDiagnostics {
  state?: DynamicValue;
  deferred?: Deferred;
}
const ReadDataSourceRequest = message('tfplugin6.ReadDataSource.Request', {
  typeName: [1, 'string'],
  config: [2, DynamicValue],
  providerMeta: [3, DynamicValue],
  clientCapabilities: [4, ClientCapabilities],
});
const ReadDataSourceResponse = message('tfplugin6.ReadDataSource.Response', {
  state: [1, DynamicValue],
  diagnostics: [2, Diagnostic, 'repeated'],
  deferred: [3, Deferred],
});

// Ephemeral resources
export interface OpenEphemeralResourceRequest {
  typeName: string;
  config?: DynamicValue;
  clientCapabilities?: ClientCapabilities;
}
export interface OpenEphemeralResourceResponse extends WithDiagnostics {
  renewAt?: Timestamp;
  result?: DynamicValue;
  private?: Buffer;
  deferred?: Deferred;
}
const OpenEphemeralResourceRequest = message('tfplugin6.OpenEphemeralResource.Request', {
  typeName: [1, 'string'],
  config: [2, DynamicValue],
  clientCapabilities: [3, ClientCapabilities],
});
const OpenEphemeralResourceResponse = message('tfplugin6.OpenEphemeralResource.Response', {
  diagnostics: [1, Diagnostic, 'repeated'],
  renewAt: [2, Timestamp, 'optional'],
  result: [3, DynamicValue],
  private: [4, 'bytes', 'optional'],
  deferred: [5, Deferred],
});

export interface RenewEphemeralResourceRequest {
  typeName: string;
  private?: Buffer;
}
export interface RenewEphemeralResourceResponse extends WithDiagnostics {
  renewAt?: Timestamp;
  private?: Buffer;
}
const EphemeralPrivateRequest = (name: string) => message(name, { typeName: [1, 'string'], private: [2, 'bytes', 'optional'] });
const RenewEphemeralResourceResponse = message('tfplugin6.RenewEphemeralResource.Response', {
  diagnostics: [1, Diagnostic, 'repeated'],
  renewAt: [2, Timestamp, 'optional'],
  private: [3, 'bytes', 'optional'],
});

export type CloseEphemeralResourceRequest = RenewEphemeralResourceRequest;
export type CloseEphemeralResourceResponse = WithDiagnostics;

// Functions
export type GetFunctionsRequest = Record<string, never>;
export interface GetFunctionsResponse extends WithDiagnostics {
  functions?: Record<string, FunctionDefinition>;
}
const GetFunctionsResponse = message('tfplugin6.GetFunctions.Response', {
  functions: [1, mapOf(FunctionDefinition)],
  diagnostics: [2, Diagnostic, 'repeated'],
});

export interface CallFunctionRequest {
  name: string;
  arguments: DynamicValue[];
}
export interface CallFunctionResponse {
  result?: DynamicValue;
  error?: FunctionError;
}
const CallFunctionRequest = message('tfplugin6.CallFunction.Request', {
  name: [1, 'string'],
  arguments: [2, DynamicValue, 'repeated'],
});
const CallFunctionResponse = message('tfplugin6.CallFunction.Response', {
  result: [1, DynamicValue],
  error: [2, FunctionError],
});

// StopProvider
export type StopProviderRequest = Record<string, never>;
export interface StopProviderResponse {
  /** proto field `Error` (capitalised upstream); non-empty means stopping failed */
  error?: string;
}
const StopProviderResponse = message('tfplugin6.StopProvider.Response', {
  error: [1, 'string'],
});

// ---------------------------------------------------------------------------
// The service

interface MethodSpec {
  readonly path: string;
  readonly request: MessageDesc;
  readonly response: MessageDesc;
}

function rpc(name: string, request: MessageDesc, response: MessageDesc): MethodSpec {
  return { path: `/tfplugin6.Provider/${name}`, request, response };
}

/** Every RPC of service tfplugin6.Provider in protocol 6.8. */
export const providerMethods = {
  GetMetadata: rpc('GetMetadata', EmptyRequest('GetMetadata'), GetMetadataResponse),
  GetProviderSchema: rpc('GetProviderSchema', EmptyRequest('GetProviderSchema'), GetProviderSchemaResponse),
  ValidateProviderConfig: rpc('ValidateProviderConfig', ValidateProviderConfigRequest, ValidateProviderConfigResponse),
  ValidateResourceConfig: rpc('ValidateResourceConfig', ValidateResourceConfigRequest, DiagnosticsAt('tfplugin6.ValidateResourceConfig.Response', 1)),
  ValidateDataResourceConfig: rpc(
    'ValidateDataResourceConfig',
    ValidateTypedConfigRequest('tfplugin6.ValidateDataResourceConfig.Request'),
    DiagnosticsAt('tfplugin6.ValidateDataResourceConfig.Response', 1),
  ),
  UpgradeResourceState: rpc('UpgradeResourceState', UpgradeResourceStateRequest, UpgradeResourceStateResponse),
  ConfigureProvider: rpc('ConfigureProvider', ConfigureProviderRequest, DiagnosticsAt('tfplugin6.ConfigureProvider.Response', 1)),
  ReadResource: rpc('ReadResource', ReadResourceRequest, ReadResourceResponse),
  PlanResourceChange: rpc('PlanResourceChange', PlanResourceChangeRequest, PlanResourceChangeResponse),
  ApplyResourceChange: rpc('ApplyResourceChange', ApplyResourceChangeRequest, ApplyResourceChangeResponse),
  ImportResourceState: rpc('ImportResourceState', ImportResourceStateRequest, ImportResourceStateResponse),
  MoveResourceState: rpc('MoveResourceState', MoveResourceStateRequest, MoveResourceStateResponse),
  ReadDataSource: rpc('ReadDataSource', ReadDataSourceRequest, ReadDataSourceResponse),
  ValidateEphemeralResourceConfig: rpc(
    'ValidateEphemeralResourceConfig',
    ValidateTypedConfigRequest('tfplugin6.ValidateEphemeralResourceConfig.Request'),
    DiagnosticsAt('tfplugin6.ValidateEphemeralResourceConfig.Response', 1),
  ),
  OpenEphemeralResource: rpc('OpenEphemeralResource', OpenEphemeralResourceRequest, OpenEphemeralResourceResponse),
  RenewEphemeralResource: rpc('RenewEphemeralResource', EphemeralPrivateRequest('tfplugin6.RenewEphemeralResource.Request'), RenewEphemeralResourceResponse),
  CloseEphemeralResource: rpc('CloseEphemeralResource', EphemeralPrivateRequest('tfplugin6.CloseEphemeralResource.Request'), DiagnosticsAt('tfplugin6.CloseEphemeralResource.Response', 1)),
  GetFunctions: rpc('GetFunctions', EmptyRequest('GetFunctions'), GetFunctionsResponse),
  CallFunction: rpc('CallFunction', CallFunctionRequest, CallFunctionResponse),
  StopProvider: rpc('StopProvider', EmptyRequest('StopProvider'), StopProviderResponse),
} as const satisfies Record<string, MethodSpec>;

export type MethodName = keyof typeof providerMethods;

interface Messages {
  GetMetadata: [GetMetadataRequest, GetMetadataResponse];
  GetProviderSchema: [GetProviderSchemaRequest, GetProviderSchemaResponse];
  ValidateProviderConfig: [ValidateProviderConfigRequest, ValidateProviderConfigResponse];
  ValidateResourceConfig: [ValidateResourceConfigRequest, ValidateResourceConfigResponse];
  ValidateDataResourceConfig: [ValidateDataResourceConfigRequest, ValidateDataResourceConfigResponse];
  UpgradeResourceState: [UpgradeResourceStateRequest, UpgradeResourceStateResponse];
  ConfigureProvider: [ConfigureProviderRequest, ConfigureProviderResponse];
  ReadResource: [ReadResourceRequest, ReadResourceResponse];
  PlanResourceChange: [PlanResourceChangeRequest, PlanResourceChangeResponse];
  ApplyResourceChange: [ApplyResourceChangeRequest, ApplyResourceChangeResponse];
  ImportResourceState: [ImportResourceStateRequest, ImportResourceStateResponse];
  MoveResourceState: [MoveResourceStateRequest, MoveResourceStateResponse];
  ReadDataSource: [ReadDataSourceRequest, ReadDataSourceResponse];
  ValidateEphemeralResourceConfig: [ValidateEphemeralResourceConfigRequest, ValidateEphemeralResourceConfigResponse];
  OpenEphemeralResource: [OpenEphemeralResourceRequest, OpenEphemeralResourceResponse];
  RenewEphemeralResource: [RenewEphemeralResourceRequest, RenewEphemeralResourceResponse];
  CloseEphemeralResource: [CloseEphemeralResourceRequest, CloseEphemeralResourceResponse];
  GetFunctions: [GetFunctionsRequest, GetFunctionsResponse];
  CallFunction: [CallFunctionRequest, CallFunctionResponse];
  StopProvider: [StopProviderRequest, StopProviderResponse];
}

export type RequestOf<M extends MethodName> = Messages[M][0];
export type ResponseOf<M extends MethodName> = Messages[M][1];

export type ProviderHandlers = { [M in MethodName]: (req: RequestOf<M>) => Promise<ResponseOf<M>> };
