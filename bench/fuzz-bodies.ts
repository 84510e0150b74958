// Request bodies for the HTTP fuzzer (bench/fuzz.ts), from an operation's JSON schema (as the
// server's /openapi.json gives it): mostly a value the schema accepts, with ids from the demo's
// pools, then bent — one field odd, a required one missing, an extra key — or junk altogether
// (not JSON, the wrong content type, a huge string). Multipart operations get a file part: a
// PNG, a polyglot, an SVG, random bytes.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', '💥', '售后', '<script>alert(1)</script>', '__proto__', -1, 0, 1.5, 2 ** 53, 1e308, null, true, [], {}),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constant('长'.repeat(3000)),
);

function valueFor(s: JsonSchema, pools: Record<string, string[]>, name: string, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.length) return fc.oneof(...alts.map((a) => valueFor(a, pools, name, depth)));
  if (s.allOf?.[0]) return valueFor(s.allOf[0], pools, name, depth);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') ?? 'null' : s.type;
  switch (type) {
    case 'object': {
      if (depth > 3) return fc.constant({});
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFor(v, pools, k, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
    }
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(s.items ?? {}, pools, name, depth + 1), { maxLength: 3 });
    case 'integer':
      return fc.oneof(fc.integer({ min: Math.max(s.minimum ?? 0, -1e9), max: Math.min(s.maximum ?? 100_000, 1e12) }), fc.constantFrom(s.minimum ?? 0, s.maximum ?? 1));
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      const pool = pools[name];
      if (pool?.length) return fc.constantFrom(...pool);
      if (s.format === 'date-time' || /_at$|^at$|until|from/.test(name)) return fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === 'uri' || name === 'url') return fc.constantFrom('https://erp.example.com/hook', 'http://127.0.0.1/x', 'https://169.254.169.254/', 'https://[::1]/h');
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 24, 40) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Mostly valid, sometimes one key odd or missing, sometimes an extra key. */
function bent(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(9), fc.string({ maxLength: 6 }), weird).map(([v, roll, key, odd]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    if (roll === 0 && keys.length) o[keys[key.length % keys.length]!] = odd;
    else if (roll === 1 && keys.length) delete o[keys[key.length % keys.length]!];
    else if (roll === 2) o[key || 'extra'] = odd;
    return o;
  });
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fuzz image')]);
const BOUNDARY = 'fuzz-boundary-b7Qk2';

function multipart(kind: string, file: Buffer, filename: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

export function bodyFor(contentType: string, schema: JsonSchema, pools: Record<string, string[]>): fc.Arbitrary<{ payload: string | Buffer; contentType: string }> {
  const junk = fc.oneof(
    fc.string({ maxLength: 40 }).map((s) => ({ payload: s, contentType: 'application/json' })),
    fc.constant({ payload: '{"a":', contentType: 'application/json' }),
    fc.constant({ payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }),
    fc.constant({ payload: 'plain', contentType: 'text/plain' }),
    fc.constant({ payload: `{"s":"${'x'.repeat(5000)}"}`, contentType: 'application/json' }),
  );
  if (contentType.startsWith('multipart/')) {
    const file = fc.oneof(
      fc.constant(PNG),
      fc.constant(Buffer.concat([PNG, Buffer.from('<html><script>1</script>')])),
      fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    );
    const form = fc.tuple(fc.constantFrom('photo', 'video', 'document', 'nope', ''), file, fc.constantFrom('a.png', '', '../../x', '售后.png')).map(([k, f, n]) => ({ payload: multipart(k, f, n), contentType: `multipart/form-data; boundary=${BOUNDARY}` }));
    return fc.oneof({ weight: 4, arbitrary: form }, { weight: 1, arbitrary: junk });
  }
  const json = bent(valueFor(schema, pools, '', 0)).map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType }));
  return fc.oneof({ weight: 8, arbitrary: json }, { weight: 1, arbitrary: junk });
}
