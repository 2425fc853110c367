// Validates an OpenAPI document file with @seriousme/openapi-schema-validator (ESM only, so run
// by the contract test as its own node process). Prints {"valid":bool,"version":...,"errors":...}.
import { Validator } from '@seriousme/openapi-schema-validator';

const validator = new Validator();
const result = await validator.validate(process.argv[2]);
process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));
