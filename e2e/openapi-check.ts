import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Checks JSON replies against docs/openapi.json, the API's contract. A small validator for the
 * part of JSON Schema the file uses (type with null, enum, properties, required,
 * additionalProperties: false, items, minimum/maximum, $ref), so the test depends on nothing else:
 * every problem found is returned as a path and a reason.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  format?: string;
};

export type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        description?: string;
        parameters?: { name: string; in: string }[];
        responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

export function loadOpenApi(): OpenApi {
  return JSON.parse(
    readFileSync(path.join(__dirname, "..", "docs", "openapi.json"), "utf8"),
  ) as OpenApi;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The problems of `value` against `schema` ([] when it conforms). */
export function validate(spec: OpenApi, schema: Schema, value: unknown, at = "$"): string[] {
  if (schema.$ref)
    return validate(
      spec,
      spec.components.schemas[schema.$ref.replace("#/components/schemas/", "")],
      value,
      at,
    );
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number")))
      return [`${at}: ${actual} is not ${allowed.join(" | ")}`];
  }
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      problems.push(`${at}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      problems.push(`${at}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === "string" && schema.format === "date-time" && Number.isNaN(Date.parse(value)))
    problems.push(`${at}: not a date-time`);
  if (typeof value === "string" && schema.format === "uri" && !/^https?:\/\//.test(value))
    problems.push(`${at}: not a URL`);
  if (value !== null && typeof value === "object" && !Array.isArray(value) && schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in obj)) problems.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties[key];
      if (!sub) {
        if (schema.additionalProperties === false)
          problems.push(`${at}.${key}: not in the contract`);
      } else problems.push(...validate(spec, sub, v, `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => problems.push(...validate(spec, schema.items!, v, `${at}[${i}]`)));
  return problems;
}

/** The schema of the JSON reply `status` of `GET path` (as written in the file, e.g. /api/v1/pledges/{id}). */
export function responseSchema(spec: OpenApi, pathTemplate: string, status: number): Schema {
  const op = spec.paths[pathTemplate]?.get;
  if (!op) throw new Error(`${pathTemplate} is not in docs/openapi.json`);
  const res = op.responses[String(status)];
  if (!res) throw new Error(`${pathTemplate} does not document status ${status}`);
  const schema = res.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${pathTemplate} ${status} has no JSON schema`);
  return schema;
}
