/**
 * Checks an answer of the HTTP API against the schema its OpenAPI document names: the wire
 * contract (core/wire) as the server publishes it, validated by Ajv (which reads OpenAPI 3.0's
 * `nullable`). Objects of the contract are closed, so a member the contract does not name fails.
 *
 * @example
 * const check = wireChecker(await (await fetch(`${url}/openapi.json`)).json());
 * check('CoveragePoint', await (await fetch(`${url}/api/coverage/point?lon=106.2&lat=22.6`)).json());
 */
import Ajv from 'ajv8';

/** RFC 3339 date-time, as the server writes it (toISOString) and OpenAPI's `format: date-time` means. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export type WireCheck = (schemaName: string, body: unknown) => void;

export function wireChecker(openapi: { components: { schemas: Record<string, object> } }): WireCheck {
  // strict off: the document carries OpenAPI's own keywords (example, discriminator…) that JSON Schema does not know
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('binary', () => true);
  ajv.addSchema({ components: openapi.components }, 'openapi');
  return (name, body) => {
    if (!openapi.components.schemas[name]) throw new Error(`the OpenAPI document has no schema "${name}"`);
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    if (!validate) throw new Error(`Ajv could not compile schema "${name}"`);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : ''}`);
      throw new Error(`the answer does not match the contract's ${name}: ${errors.join('; ')}`);
    }
  };
}
