/**
 * Turns a ProviderDefinition into tfplugin6 handlers: decodes values, runs validation and
 * planning, calls the definitions and encodes their answers. A definition's unexpected
 * exception becomes an error diagnostic (and a log line) instead of a broken RPC.
 */
import { checkValue, inspectValue } from '../../model/validate';
import { AttributeDef, AttrType, DataSourceModel, EphemeralResourceModel, ResourceModel } from '../../model/schema';
import { CtyType, CtyValue, decodeJsonData, decodeJsonValue, decodeValue, encodeValue, isUnknown } from '../cty';
import type { ProviderHandlers, Schema } from '../protocol/tfplugin6';
import { AttributePath, Diagnostics, formatPath, PathStep } from './diagnostics';
import { planChange } from './plan';
import { Context, DataSourceDefinition, EphemeralResourceDefinition, Logger, ProviderDefinition, ResourceDefinition, State } from './resource';
import { ctyTypeOf, objectTypeOf, protoSchemaOf } from './schema';

interface DynamicValue {
  msgpack?: Buffer;
  json?: Buffer;
}

interface Typed<D> {
  readonly def: D;
  readonly type: CtyType;
  readonly attributeTypes: Record<string, CtyType>;
}

function typed<D extends { model: ResourceModel | DataSourceModel | EphemeralResourceModel }>(def: D): Typed<D> {
  const attributeTypes: Record<string, CtyType> = {};
  for (const [name, attr] of Object.entries(def.model.attributes)) attributeTypes[name] = ctyTypeOf(attr.type);
  return { def, type: objectTypeOf(def.model.attributes), attributeTypes };
}

function decode(dv: DynamicValue | undefined, type: CtyType): unknown {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeValue(dv.msgpack, type);
  if (dv?.json && dv.json.length > 0) return decodeJsonValue(dv.json, type);
  return null;
}

function encode(value: unknown, type: CtyType): DynamicValue {
  return { msgpack: encodeValue(value as CtyValue, type) };
}

function protoDiagnostics(diags: Diagnostics) {
  return diags.items.map((d) => {
    const where = d.path && locatable(d.path);
    // Terraform underlines only what it can locate; the detail names the full path.
    const named = d.path && where && where.length < d.path.length && !d.detail.includes(formatPath(d.path));
    return {
      severity: d.severity === 'error' ? 1 : 2,
      summary: d.summary,
      detail: named ? `${formatPath(d.path!)}: ${d.detail}` : d.detail,
      attribute: where ? { steps: where.map(protoStep) } : undefined,
    };
  });
}

/**
 * The part of a path Terraform (1.11) can find in the configuration: a top-level attribute,
 * or one element of it (`node_groups["workers"]`). Deeper steps inside a nested attribute's
 * expression would make it give up and point at the whole resource.
 */
export function locatable(path: AttributePath): AttributePath {
  if (path.length <= 1) return path;
  return typeof path[1] === 'string' ? path.slice(0, 1) : path.slice(0, 2);
}

/** A validation path (names, keys, indexes) as attribute steps, guided by the attribute's type. */
function typedPath(def: AttributeDef, name: string, steps: readonly (string | number)[]): AttributePath {
  const out: PathStep[] = [name];
  let type: AttrType | undefined = def.type;
  for (const step of steps) {
    if (!type) break;
    if (type.kind === 'object' && typeof step === 'string' && type.attributes[step]) {
      out.push(step);
      type = type.attributes[step].type;
    } else if ((type.kind === 'list' || type.kind === 'set') && typeof step === 'number') {
      out.push({ index: step });
      type = type.element;
    } else if (type.kind === 'map') {
      out.push({ key: String(step) });
      type = type.element;
    } else break;
  }
  return out;
}

function protoStep(step: AttributePath[number]) {
  if (typeof step === 'string') return { attributeName: step };
  if ('key' in step) return { elementKeyString: step.key };
  return { elementKeyInt: step.index };
}

function timestamp(d: Date) {
  const ms = d.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** Every attribute present (null when absent); unknowns after apply would be a provider bug. */
function complete(state: State, attributes: Readonly<Record<string, AttributeDef>>, log: Logger, typeName: string): State {
  const out: State = {};
  for (const name of Object.keys(attributes)) {
    const v = attributes[name].writeOnly ? null : state[name];
    if (isUnknown(v)) {
      log.warn('unknown value left after apply; storing null', { resource: typeName, attribute: name });
      out[name] = null;
    } else out[name] = v === undefined ? null : v;
  }
  return out;
}

/**
 * Values planned as unchanged by an update (`changesWith`) are stored as planned: another
 * resource of the same apply may have moved them meanwhile (a sub-tenant added to a monitoring
 * stack's accounts), which Terraform would call an inconsistent result; the next refresh reads it.
 */
function keepPlanned(state: State, planned: State, attributes: Readonly<Record<string, AttributeDef>>): State {
  const out = { ...state };
  for (const [name, def] of Object.entries(attributes)) {
    if (def.changesWith && !isUnknown(planned[name]) && planned[name] !== undefined) out[name] = planned[name];
  }
  return out;
}

/**
 * A stored state, any version, to the current schema: the upgraders from its version on, in
 * order, then attributes the schema no longer has are dropped (an older or newer release may
 * have written them). What cannot be read is a diagnostic saying what to do, never a crash.
 */
export function upgradeState<C>(def: ResourceDefinition<C>, type: CtyType, from: number, json: Uint8Array, diags: Diagnostics, log: Logger): unknown {
  const to = def.model.version;
  const typeName = def.model.typeName;
  if (from > to) {
    diags.error(
      'State From a Newer Provider',
      `The state of this ${typeName} was written by a newer Hikube provider (schema version ${from}; this one knows ${to}). Use that provider version or a later one.`,
    );
    return undefined;
  }
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(json).toString('utf8'));
    for (let v = from; v < to; v++) {
      const step = def.upgraders?.[v];
      if (!step) throw new Error(`no upgrader from schema version ${v} (provider bug)`);
      state = step(state as Record<string, unknown>);
    }
    const dropped = Object.keys(state as object).filter((k) => !(k in def.model.attributes));
    if (dropped.length > 0) log.info('dropping attributes the schema no longer has', { resource: typeName, attributes: dropped });
    return decodeJsonData(state, type, { dropUnknownAttributes: true });
  } catch (err) {
    diags.error(
      'Unreadable Stored State',
      `The stored state of this ${typeName} (schema version ${from}) cannot be read by this provider (schema version ${to}): ${(err as Error).message}. ` +
        'Remove it from state (terraform state rm) and import the object again.',
    );
    return undefined;
  }
}

function validateModel(model: ResourceModel | DataSourceModel | EphemeralResourceModel, config: State, diags: Diagnostics, writeOnlyAllowed = true): void {
  for (const [name, attr] of Object.entries(model.attributes)) {
    if (config[name] !== null && attr.deprecated) diags.warning(`Deprecated Attribute ${name}`, attr.deprecated, [name]);
    if (config[name] !== null && attr.writeOnly && !writeOnlyAllowed) {
      diags.error('Write-Only Attribute Not Supported', `${name} is write-only: it needs Terraform 1.11 or later, which never stores it. Upgrade Terraform, or use the attribute it replaces.`, [name]);
    }
    // One walk gives both: deprecated values warn (first), the rest are errors.
    const found = inspectValue(attr, config[name], [name], isUnknown).map((p) => ({ ...p, at: typedPath(attr, name, p.path.slice(1)) }));
    for (const p of found.filter((f) => f.deprecated)) diags.warning('Deprecated Value', `${formatPath(p.at)}: ${p.reason}.`, p.at);
    for (const p of found.filter((f) => !f.deprecated)) diags.error(`Invalid ${humanize(name)}`, `${formatPath(p.at)}: ${p.reason}.`, p.at);
  }
}

function humanize(name: string): string {
  return name
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export function createProviderHandlers<Client>(provider: ProviderDefinition<Client>, log: Logger): Partial<ProviderHandlers> {
  const resources = new Map<string, Typed<ResourceDefinition<Client>>>(provider.resources.map((r) => [r.model.typeName, typed(r)]));
  const dataSources = new Map<string, Typed<DataSourceDefinition<Client>>>(provider.dataSources.map((d) => [d.model.typeName, typed(d)]));
  const ephemerals = new Map<string, Typed<EphemeralResourceDefinition<Client>>>((provider.ephemeralResources ?? []).map((e) => [e.model.typeName, typed(e)]));
  const providerType = objectTypeOf(provider.model.attributes);
  let client: Client | undefined;
  const stopping = new AbortController();

  /** Runs one operation with fresh diagnostics; unexpected exceptions become a diagnostic. */
  async function guarded<T>(operation: string, diags: Diagnostics, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const e = err as Error;
      log.error('unexpected provider error', { operation, error: e.message, stack: e.stack });
      diags.error(
        'Unexpected Provider Error',
        `The Hikube provider failed during ${operation}: ${e.message}\n\nThis is a bug in the provider; please report it with the provider log (TF_LOG_PROVIDER=debug).`,
      );
      return undefined;
    }
  }

  function context(diags: Diagnostics): Context<Client> | undefined {
    if (client === undefined) {
      diags.error('Provider Not Configured', 'The Hikube provider was used before it was configured. This usually follows an earlier configuration error; fix that one first.');
      return undefined;
    }
    return { client, diags, log, signal: stopping.signal };
  }

  function resource(typeName: string, diags: Diagnostics) {
    const r = resources.get(typeName);
    if (!r) diags.error('Unknown Resource Type', `The Hikube provider has no resource type ${JSON.stringify(typeName)}.`);
    return r;
  }

  function schemas() {
    const resourceSchemas: Record<string, Schema> = {};
    for (const [name, r] of resources) {
      resourceSchemas[name] = protoSchemaOf(r.def.model.attributes, r.def.model.description, r.def.model.version);
    }
    const dataSourceSchemas: Record<string, Schema> = {};
    for (const [name, d] of dataSources) dataSourceSchemas[name] = protoSchemaOf(d.def.model.attributes, d.def.model.description);
    const ephemeralResourceSchemas: Record<string, Schema> = {};
    for (const [name, e] of ephemerals) ephemeralResourceSchemas[name] = protoSchemaOf(e.def.model.attributes, e.def.model.description);
    return { resourceSchemas, dataSourceSchemas, ephemeralResourceSchemas };
  }

  const serverCapabilities = { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false };

  const handlers: Partial<ProviderHandlers> = {
    GetMetadata: async () => ({
      serverCapabilities,
      diagnostics: [],
      resources: [...resources.keys()].map((typeName) => ({ typeName })),
      dataSources: [...dataSources.keys()].map((typeName) => ({ typeName })),
      functions: [],
      ephemeralResources: [...ephemerals.keys()].map((typeName) => ({ typeName })),
    }),

    GetProviderSchema: async () => ({
      provider: protoSchemaOf(provider.model.attributes, provider.model.description),
      ...schemas(),
      functions: {},
      diagnostics: [],
      serverCapabilities,
    }),

    GetFunctions: async () => ({ functions: {}, diagnostics: [] }),

    ValidateProviderConfig: async (req) => {
      const diags = new Diagnostics();
      const config = decode(req.config, providerType) as State;
      for (const [name, attr] of Object.entries(provider.model.attributes)) {
        for (const p of checkValue(attr, config[name], [name], isUnknown)) diags.error(`Invalid ${humanize(name)}`, p.reason, [name]);
      }
      return { diagnostics: protoDiagnostics(diags) };
    },

    ConfigureProvider: async (req) => {
      const diags = new Diagnostics();
      const config = decode(req.config, providerType) as State;
      await guarded('provider configuration', diags, async () => {
        client = provider.configure(config, diags, req.terraformVersion ?? '');
      });
      return { diagnostics: protoDiagnostics(diags) };
    },

    ValidateResourceConfig: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      if (r) {
        const config = decode(req.config, r.type) as State;
        validateModel(r.def.model, config, diags, req.clientCapabilities?.writeOnlyAttributesAllowed ?? false);
        await guarded('validation', diags, async () => r.def.validate?.(config, diags));
      }
      return { diagnostics: protoDiagnostics(diags) };
    },

    ValidateDataResourceConfig: async (req) => {
      const diags = new Diagnostics();
      const d = dataSources.get(req.typeName);
      if (!d) diags.error('Unknown Data Source', `The Hikube provider has no data source ${JSON.stringify(req.typeName)}.`);
      else {
        const config = decode(req.config, d.type) as State;
        validateModel(d.def.model, config, diags);
        await guarded('validation', diags, async () => d.def.validate?.(config, diags));
      }
      return { diagnostics: protoDiagnostics(diags) };
    },

    UpgradeResourceState: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      if (!r) return { diagnostics: protoDiagnostics(diags) };
      const json = req.rawState?.json;
      if (!json || json.length === 0) {
        diags.error('Unsupported State Format', 'This state has no JSON form (flatmap state from Terraform < 0.12 is not supported).');
        return { diagnostics: protoDiagnostics(diags) };
      }
      const upgraded = upgradeState(r.def, r.type, Number(req.version ?? 0), json, diags, log);
      if (diags.hasErrors) return { diagnostics: protoDiagnostics(diags) };
      return { upgradedState: encode(upgraded, r.type), diagnostics: protoDiagnostics(diags) };
    },

    ReadResource: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      const ctx = r && context(diags);
      if (!r || !ctx) return { newState: req.currentState, diagnostics: protoDiagnostics(diags), private: req.private };
      const current = decode(req.currentState, r.type) as State | null;
      if (current === null) return { newState: req.currentState, diagnostics: [], private: req.private };
      const next = await guarded('read', diags, () => r.def.read(ctx, current));
      if (next === undefined) return { newState: req.currentState, diagnostics: protoDiagnostics(diags), private: req.private };
      const newState = next === null ? null : complete(next, r.def.model.attributes, log, req.typeName);
      return { newState: encode(newState, r.type), diagnostics: protoDiagnostics(diags), private: req.private };
    },

    PlanResourceChange: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      if (!r) return { diagnostics: protoDiagnostics(diags) };
      const proposed = decode(req.proposedNewState, r.type) as State | null;
      if (proposed === null) {
        // Destroy: nothing to plan, but planning it lets us refuse early in future.
        return { plannedState: encode(null, r.type), requiresReplace: [], plannedPrivate: req.priorPrivate, diagnostics: [] };
      }
      const prior = decode(req.priorState, r.type) as State | null;
      const config = decode(req.config, r.type) as State;
      const { planned, requiresReplace } = planChange(r.def.model.attributes, r.attributeTypes, prior, proposed, config);
      if (r.def.modifyPlan && client !== undefined) {
        const ctx: Context<Client> = { client, diags, log, signal: stopping.signal };
        await guarded('planning', diags, () => r.def.modifyPlan!(ctx, planned, prior, config));
      }
      return {
        plannedState: encode(planned, r.type),
        requiresReplace: requiresReplace.map((path) => ({ steps: path.map(protoStep) })),
        plannedPrivate: req.priorPrivate,
        diagnostics: protoDiagnostics(diags),
      };
    },

    ApplyResourceChange: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      const ctx = r && context(diags);
      if (!r || !ctx) return { newState: req.priorState, diagnostics: protoDiagnostics(diags) };
      const prior = decode(req.priorState, r.type) as State | null;
      const planned = decode(req.plannedState, r.type) as State | null;
      const config = decode(req.config, r.type) as State | null;
      const attrs = r.def.model.attributes;

      if (planned === null) {
        if (prior !== null) await guarded('delete', diags, () => r.def.delete(ctx, prior));
        // On failure the object still exists: keep it in state.
        const newState = diags.hasErrors ? prior : null;
        return { newState: encode(newState, r.type), diagnostics: protoDiagnostics(diags) };
      }
      if (prior === null) {
        const created = await guarded('create', diags, () => r.def.create(ctx, planned, config ?? planned));
        const newState = created ? complete(created, attrs, log, req.typeName) : null;
        return { newState: encode(newState, r.type), private: req.plannedPrivate, diagnostics: protoDiagnostics(diags) };
      }
      const updated = await guarded('update', diags, () => r.def.update(ctx, planned, prior, config ?? planned));
      // A failed update leaves the prior state, so the next plan shows the change again.
      const newState = updated ? keepPlanned(complete(updated, attrs, log, req.typeName), planned, attrs) : prior;
      return { newState: encode(newState, r.type), private: req.plannedPrivate, diagnostics: protoDiagnostics(diags) };
    },

    ImportResourceState: async (req) => {
      const diags = new Diagnostics();
      const r = resource(req.typeName, diags);
      const ctx = r && context(diags);
      if (!r || !ctx) return { importedResources: [], diagnostics: protoDiagnostics(diags) };
      const imported = r.def.importState ? await guarded('import', diags, () => r.def.importState!(ctx, req.id)) : ({ id: req.id } as State);
      if (!imported) return { importedResources: [], diagnostics: protoDiagnostics(diags) };
      const state = complete(imported, r.def.model.attributes, log, req.typeName);
      return { importedResources: [{ typeName: req.typeName, state: encode(state, r.type) }], diagnostics: protoDiagnostics(diags) };
    },

    MoveResourceState: async () => ({
      diagnostics: protoDiagnostics(new Diagnostics().error('Move Not Supported', 'Hikube resources cannot be moved from other resource types.')),
    }),

    ReadDataSource: async (req) => {
      const diags = new Diagnostics();
      const d = dataSources.get(req.typeName);
      if (!d) {
        diags.error('Unknown Data Source', `The Hikube provider has no data source ${JSON.stringify(req.typeName)}.`);
        return { diagnostics: protoDiagnostics(diags) };
      }
      const ctx = context(diags);
      if (!ctx) return { diagnostics: protoDiagnostics(diags) };
      const config = decode(req.config, d.type) as State;
      const result = await guarded('read', diags, () => d.def.read(ctx, config));
      if (!result) return { diagnostics: protoDiagnostics(diags) };
      return { state: encode(complete(result, d.def.model.attributes, log, req.typeName), d.type), diagnostics: protoDiagnostics(diags) };
    },

    ValidateEphemeralResourceConfig: async (req) => {
      const diags = new Diagnostics();
      const e = ephemerals.get(req.typeName);
      if (!e) diags.error('Unknown Ephemeral Resource', `The Hikube provider has no ephemeral resource ${JSON.stringify(req.typeName)}.`);
      else {
        const config = decode(req.config, e.type) as State;
        validateModel(e.def.model, config, diags);
        await guarded('validation', diags, async () => e.def.validate?.(config, diags));
      }
      return { diagnostics: protoDiagnostics(diags) };
    },

    OpenEphemeralResource: async (req) => {
      const diags = new Diagnostics();
      const e = ephemerals.get(req.typeName);
      if (!e) {
        diags.error('Unknown Ephemeral Resource', `The Hikube provider has no ephemeral resource ${JSON.stringify(req.typeName)}.`);
        return { diagnostics: protoDiagnostics(diags) };
      }
      const ctx = context(diags);
      if (!ctx) return { diagnostics: protoDiagnostics(diags) };
      const config = decode(req.config, e.type) as State;
      const opened = await guarded('open', diags, () => e.def.open(ctx, config));
      if (!opened) return { diagnostics: protoDiagnostics(diags) };
      return {
        result: encode(complete({ ...config, ...opened.result }, e.def.model.attributes, log, req.typeName), e.type),
        renewAt: opened.renewAt && timestamp(opened.renewAt),
        private: opened.private,
        diagnostics: protoDiagnostics(diags),
      };
    },

    RenewEphemeralResource: async (req) => {
      const diags = new Diagnostics();
      const e = ephemerals.get(req.typeName);
      const ctx = context(diags);
      if (!e?.def.renew || !ctx) return { diagnostics: protoDiagnostics(diags) };
      const renewed = await guarded('renew', diags, () => e.def.renew!(ctx, req.private));
      return { renewAt: renewed?.renewAt && timestamp(renewed.renewAt), private: renewed?.private ?? req.private, diagnostics: protoDiagnostics(diags) };
    },

    CloseEphemeralResource: async (req) => {
      const diags = new Diagnostics();
      const e = ephemerals.get(req.typeName);
      const ctx = context(diags);
      if (e?.def.close && ctx) await guarded('close', diags, () => e.def.close!(ctx, req.private));
      return { diagnostics: protoDiagnostics(diags) };
    },

    StopProvider: async () => {
      log.info('stop requested: ending long waits');
      stopping.abort();
      return { error: '' };
    },
  };
  return handlers;
}
