#!/usr/bin/env node
/**
 * A STAND-IN for hashicorp/kubernetes or hashicorp/helm (argv[2]), which cannot be downloaded
 * here. It speaks plugin protocol 6 through our own provider framework (dist/provider), serves
 * the schemas of schemas.js, plans like a provider that only adds computed ids, and records
 * every configuration Terraform sends (validate, configure, plan) as JSON lines in
 * $STAND_IN_RECORD_DIR, so tests compare what Terraform evaluated with what we generated.
 * It never applies anything.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', '..', '..', 'dist', 'provider');
const { servePlugin } = require(path.join(dist, 'plugin', 'serve.js'));
const cty = require(path.join(dist, 'cty', 'index.js'));
const { PROVIDERS } = require('./schemas.js');

const name = process.argv[2];
const spec = PROVIDERS[name];
if (!spec) {
  process.stderr.write(`stand-in provider: unknown provider ${JSON.stringify(name)} (known: ${Object.keys(PROVIDERS).join(', ')})\n`);
  process.exit(1);
}

const NESTING = { single: 1, list: 2 };

/** Protocol schema block and cty type of a schemas.js block. */
function compile(block) {
  const attributes = [];
  const types = {};
  for (const [attrName, a] of Object.entries(block.attributes ?? {})) {
    if (a.nested) {
      const inner = compile(a.nested);
      types[attrName] = inner.type;
      attributes.push({ name: attrName, nestedType: { attributes: inner.schema.attributes, nesting: NESTING.single }, optional: !!a.optional, description: 'stand-in' });
      continue;
    }
    types[attrName] = a.type;
    attributes.push({
      name: attrName,
      type: Buffer.from(cty.typeToJson(a.type)),
      required: !!a.required,
      optional: !!a.optional,
      computed: !!a.computed,
      sensitive: !!a.sensitive,
      description: 'stand-in',
    });
  }
  const blockTypes = [];
  for (const [blockName, b] of Object.entries(block.blocks ?? {})) {
    const inner = compile(b.block);
    types[blockName] = b.nesting === 'list' ? cty.listOf(inner.type) : inner.type;
    blockTypes.push({ typeName: blockName, block: inner.schema, nesting: NESTING[b.nesting], minItems: b.minItems ?? 0, maxItems: b.maxItems ?? 0 });
  }
  return { schema: { attributes, blockTypes, description: `stand-in for hashicorp/${name}` }, type: cty.objectOf(types) };
}

const provider = compile(spec.provider);
const resources = Object.fromEntries(Object.entries(spec.resources).map(([t, b]) => [t, { ...compile(b), block: b }]));

const recordDir = process.env.STAND_IN_RECORD_DIR;
const recordFile = recordDir && path.join(recordDir, `${name}-${process.pid}.jsonl`);
function record(rpc, typeName, value) {
  if (!recordFile) return;
  fs.appendFileSync(recordFile, `${JSON.stringify({ provider: name, rpc, typeName, value: toJson(value) })}\n`);
}
/** JSON for the recording: unknown values become {"$unknown": true}. */
function toJson(v) {
  if (cty.isUnknown(v)) return { $unknown: true };
  if (Array.isArray(v)) return v.map(toJson);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

const decode = (dv, type) => (dv && dv.msgpack && dv.msgpack.length ? cty.decodeValue(dv.msgpack, type) : dv && dv.json && dv.json.length ? cty.decodeJsonValue(dv.json, type) : null);
const encode = (v, type) => ({ msgpack: cty.encodeValue(v, type) });
const unknownResource = (typeName) => ({
  diagnostics: [{ severity: 1, summary: 'Stand-in has no such resource', detail: `The ${name} stand-in serves no ${typeName}: add it to test/support/stand-in-providers/schemas.js.` }],
});

const capabilities = { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false };

void servePlugin(
  {
    GetMetadata: async () => ({
      serverCapabilities: capabilities,
      diagnostics: [],
      resources: Object.keys(resources).map((typeName) => ({ typeName })),
      dataSources: [],
      functions: [],
      ephemeralResources: [],
    }),
    GetProviderSchema: async () => ({
      provider: { block: provider.schema },
      resourceSchemas: Object.fromEntries(Object.entries(resources).map(([t, r]) => [t, { version: 0, block: r.schema }])),
      dataSourceSchemas: {},
      functions: {},
      ephemeralResourceSchemas: {},
      diagnostics: [],
      serverCapabilities: capabilities,
    }),
    GetFunctions: async () => ({ functions: {}, diagnostics: [] }),
    ValidateProviderConfig: async (req) => {
      record('validate-provider', '', decode(req.config, provider.type));
      return { diagnostics: [] };
    },
    ConfigureProvider: async (req) => {
      record('configure', '', decode(req.config, provider.type));
      return { diagnostics: [] };
    },
    ValidateResourceConfig: async (req) => {
      const r = resources[req.typeName];
      if (!r) return unknownResource(req.typeName);
      record('validate', req.typeName, decode(req.config, r.type));
      return { diagnostics: [] };
    },
    UpgradeResourceState: async (req) => {
      const r = resources[req.typeName];
      const state = req.rawState && req.rawState.json ? cty.decodeJsonValue(req.rawState.json, r.type) : null;
      return { upgradedState: encode(state, r.type), diagnostics: [] };
    },
    ReadResource: async (req) => ({ newState: req.currentState, private: req.private, diagnostics: [] }),
    PlanResourceChange: async (req) => {
      const r = resources[req.typeName];
      if (!r) return unknownResource(req.typeName);
      const proposed = decode(req.proposedNewState, r.type);
      if (proposed === null) return { plannedState: req.proposedNewState, diagnostics: [] };
      record('plan', req.typeName, decode(req.config, r.type));
      const planned = { ...proposed };
      for (const [attrName, a] of Object.entries(r.block.attributes ?? {})) {
        if (a.computed && planned[attrName] === null) planned[attrName] = cty.UNKNOWN;
      }
      return { plannedState: encode(planned, r.type), diagnostics: [] };
    },
    ApplyResourceChange: async () => ({
      diagnostics: [{ severity: 1, summary: 'Stand-in provider', detail: `This is a stand-in for hashicorp/${name}: it serves the schema and records configurations, it never applies.` }],
    }),
  },
  { name: `stand-in-${name}`, usage: `STAND-IN for hashicorp/${name} (tests only): Terraform starts it.` },
);
