import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_DETAILS_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', examples: ['VALIDATION.FAILED'] },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** OpenAPI 3.0 `nullable: true` becomes 3.1's `type: [T, 'null']` (or `anyOf` with null for references). */
function toOpenApi31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (!node || typeof node !== 'object') return node;
  const { nullable, example, ...rest } = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) out[key] = toOpenApi31(value);
  if (example !== undefined) {
    // 3.1 schemas use `examples`; parameters and media types keep `example`.
    if ('type' in out || '$ref' in out || 'allOf' in out || 'enum' in out) out.examples = [example];
    else out.example = example;
  }
  if (nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.$ref || out.allOf) {
      const { $ref, allOf, ...others } = out;
      return { ...others, anyOf: [...(($ref ? [{ $ref }] : allOf) as unknown[]), { type: 'null' }] };
    }
  }
  return out;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Accord API')
    .setDescription(
      'The backend of a treaty signing ceremony. Every operation states who may call it in `x-access`: ' +
        '`anyone`, `focal-point` (a delegation token, scoped to its own delegation) or organiser roles.',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Organiser JWT, or a focal-point token (fp_…)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_DETAILS_SCHEMA },
  };
  return toOpenApi31(document) as OpenAPIObject;
}
