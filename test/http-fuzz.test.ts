// Fuzzing the HTTP API (PGlite in memory): every route gets random bodies (anything, JSON, and
// objects shaped like the real ones with wrong or extreme field values), random path parameters and
// query strings, random Content-Type / Idempotency-Key / Accept-Language headers and random
// principals. Whatever arrives, the answer is never a 5xx, and every refusal is a SPEC §11 error
// body `{"error": {"code", "message", "details"}}`. At the end the store still passes `doctor`.
//
// FUZZ_SEED=<n> replays a run; FUZZ_SCALE=<x> multiplies every property's number of runs.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../src/app/doctor.ts';
import { createEngine, type Engine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import { CASE_COMMAND_NAMES, ORDER_EVENT_NAMES, type CaseCommandName, type OrderEventName } from '../src/app/schemas.ts';
import { ERROR_CODES } from '../src/domain/errors.ts';
import { DAY } from './domain-kit.ts';
import { CASE_STATUSES, CASE_TYPES, EVIDENCE_KINDS, LIABILITIES, LINE_FLAGS, ORDER_STATUSES, PHASES, REASONS, RULING_OUTCOMES } from '../src/domain/types.ts';
import { createApiKey, issueBuyerToken } from '../src/app/credentials.ts';
import { buildServer } from '../src/http/server.ts';
import { openPglite, type Database } from '../src/store/db.ts';
import { verifyAll } from '../src/store/history.ts';
import { migrate } from '../src/store/migrations.ts';
import { multipart as multipartBody, type Part } from './http-world.ts';
import { testEngines } from './postgres.ts';

const SECRET = 'fuzz-secret';
const NOW = Date.now();
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SCALE = process.env.FUZZ_SCALE ? Number(process.env.FUZZ_SCALE) : 1;
/** Runs per property (each run is one request), times FUZZ_SCALE. The whole file takes ~15 s. */
const RUNS = {
  createOrder: 200,
  apply: 150,
  caseCommand: 60, // each of CASE_COMMAND_NAMES
  orderEvent: 50, // each of ORDER_EVENT_NAMES, and unknown events
  caseQueue: 200,
  eventsFeed: 100,
  read: 60,
  admin: 80,
  policies: 40,
  import: 120,
  upload: 150,
  anyRoute: 100,
  orderList: 150,
  console: 40,
};

// ------------------------------------------------------------------------------------ the fixture

/** O1 paid, not shipped; O2 to O8 shipped and signed (two lines, L1 and L2). */
const ORDERS = ['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8'] as const;
/** A case in each status a command can start from. */
const CASE_STATUS = {
  C1: 'requested',
  C2: 'awaiting_return',
  C3: 'closed',
  C4: 'offer_pending',
  C5: 'rejected',
  C6: 'return_in_transit',
  C7: 'in_arbitration',
  C8: 'awaiting_reship',
} as const;
const CASES = Object.keys(CASE_STATUS) as (keyof typeof CASE_STATUS)[];
const PACKS = ['taobao', 'tmall', 'jd', 'pinduoduo', 'cn-baseline'] as const;
const BOUNDARY = 'fuzz-boundary-Xq8TzL2p';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fuzz evidence image')]);
const PNG_SHA = createHash('sha256').update(PNG).digest('hex');

/** Who calls: the keys and tokens of the fixture, a forged or expired token, garbage, nobody. */
const WHO = ['S1', 'platform', 'B1', 'B2', 'expired', 'forged', 'unknown_key', 'revoked', 'none'] as const;
type Who = (typeof WHO)[number];

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';
  url: string;
  /** A principal of the fixture, or a raw Authorization header. */
  who: Who | { raw: string };
  headers: Record<string, string>;
  payload?: string | Buffer;
}

// ------------------------------------------------------------------------------- the assertions

const clip = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeReq(req: Req, res?: LightMyRequestResponse): string {
  const who = typeof req.who === 'string' ? `<${req.who}>` : `raw Authorization ${JSON.stringify(clip(req.who.raw, 200))}`;
  const payload = req.payload === undefined ? '(none)' : Buffer.isBuffer(req.payload) ? `Buffer ${JSON.stringify(clip(req.payload.toString('latin1')))}` : JSON.stringify(clip(req.payload));
  const lines = [`${req.method} ${clip(req.url, 400)}`, `principal: ${who}`, `headers: ${JSON.stringify(req.headers)}`, `body: ${payload}`];
  if (res) lines.push(`→ ${res.statusCode} ${res.headers['content-type'] ?? ''} ${clip(res.body, 400)}`);
  return lines.join('\n');
}

/** The one thing every answer must be: no 5xx, and a refusal is a SPEC §11 error body. */
function check(req: Req, res: LightMyRequestResponse): void {
  const fail = (why: string): never => {
    throw new Error(`${why}\n${describeReq(req, res)}`);
  };
  if (res.statusCode >= 500) fail(`server error ${res.statusCode}`);
  if (req.method === 'HEAD' || res.statusCode === 204) {
    if (res.statusCode === 204 && res.body !== '') fail('a 204 with a body');
    return;
  }
  const download = req.method === 'GET' && /^\/v1\/cases\/[^/?]+\/evidence\/[^/?]+/.test(req.url);
  if (res.statusCode < 400) {
    if (download && res.statusCode === 200) return; // the file itself
    try {
      JSON.parse(res.body);
    } catch {
      fail('a success whose body is not JSON');
    }
    return;
  }
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) fail('an error that is not application/json');
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    fail('an error body that is not JSON');
  }
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!e || typeof e !== 'object') fail('an error body without "error"');
  if (!(ERROR_CODES as readonly unknown[]).includes(e!.code)) fail(`an error code outside SPEC §11: ${JSON.stringify(e!.code)}`);
  if (typeof e!.message !== 'string' || e!.message.length === 0) fail('an error without a message');
  if (typeof e!.details !== 'object' || e!.details === null || Array.isArray(e!.details)) fail('an error without details');
}

// ------------------------------------------------------------------------------------- generators

const latin1 = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c));
/** A header value as HTTP can carry it (visible ASCII and Latin-1). */
const headerText = (maxLength = 40) => fc.string({ unit: latin1, maxLength });
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 });

const SPECIAL_STRINGS = [
  '', ' ', '.', '..', '../../etc/passwd', '..\\..\\windows', '%00', '%', '%zz', '\u0000', 'a\u0000b', '\u202e', '\ud800', '\udfff',
  '💥', '👨‍👩‍👧‍👦', 'ＳＨＯＰ', '售后', "'; DROP TABLE cases; --", '" OR 1=1 --', '__proto__', 'constructor', 'prototype', 'null', 'undefined',
  'NaN', 'Infinity', '-1', '0', '1e400', 'true', '[]', '{}', '<script>alert(1)</script>', '${jndi:ldap://x}', '\r\n', '\t', 'S1', 'B1', 'C1', 'O1',
];
/** Strings JSON and the schemas accept but a database may not: NUL, other controls, lone surrogates. */
const nasty = fc.constantFrom('a\u0000b', '\u0000', 'x\u0001y\u001f', '\ud800', 'z\udc00', '\u2028\u2029', '\ufeff', '\u202e成', '💥', '\\', '%_');
const hugeString = fc.oneof(fc.integer({ min: 65, max: 3000 }).map((n) => '长'.repeat(n)), fc.constant('x'.repeat(70_000)));
const weirdString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  codeUnits,
  fc.constantFrom(...SPECIAL_STRINGS),
  nasty,
  hugeString,
);
const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, -0, 0, 0.5, 1.5, 59, 1e21, 2 ** 31, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1.7976931348623157e308, 5e-324),
);
const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  { weight: 3, arbitrary: weirdNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) },
);
/** Mostly a plausible value, sometimes anything at all. */
const field = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: weird });

type Model = Record<string, fc.Arbitrary<unknown>>;
/** An object shaped like a real body: the required keys (or any subset), sometimes an extra key. */
function shaped(model: Model, required: string[] = []): fc.Arbitrary<Record<string, unknown>> {
  const extra = fc.dictionary(fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', ''), fc.string({ maxLength: 8 })), weird, { minKeys: 1, maxKeys: 2 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(model, { requiredKeys: required }) },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.tuple(fc.record(model, { requiredKeys: required }), extra).map(([a, b]) => ({ ...a, ...b })) },
  );
}

/** `arb` with probability `p`, else undefined. */
function maybe<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: Math.round(p * 100), arbitrary: arb }, { weight: Math.round((1 - p) * 100), arbitrary: fc.constant(undefined) });
}

/** A valid value with, sometimes, one key replaced by something odd (or removed). */
function oneOff(valid: fc.Arbitrary<Record<string, unknown>>, keys: string[], odd: fc.Arbitrary<unknown> = weird): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(valid, maybe(fc.tuple(fc.constantFrom(...keys), maybe(odd, 0.9)), 0.3)).map(([v, off]) => {
    if (!off) return v;
    const out = { ...v };
    if (off[1] === undefined) delete out[off[0]];
    else out[off[0]] = off[1];
    return out;
  });
}

const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,16}$/);
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const fen = fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.constantFrom(0, 1, 19_900, Number.MAX_SAFE_INTEGER));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 10 }) },
  { weight: 1, arbitrary: nasty },
);
const recentInstant = fc.integer({ min: NOW - 40 * DAY, max: NOW - 1000 }).map((ms) => new Date(ms).toISOString());
const ODD_INSTANTS = [
  '0000-01-01T00:00Z', '0001-01-01T00:00:00+14:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '2026-01-01',
  '2026-01-01T00:00:00', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2026-01-01T00:00:00+99:99', 'now', '',
];
/** Instants a schema may let through that a database or a calendar may not: years 0 and 1, ±6-digit years, no offset. */
const weirdInstant = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_INSTANTS) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('0001-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: weirdString },
);
const instant = fc.oneof({ weight: 3, arbitrary: recentInstant }, { weight: 1, arbitrary: weirdInstant });
const evidenceItem = shaped({ kind: field(fc.constantFrom(...EVIDENCE_KINDS)), description: field(text), sha256: field(fc.oneof(hex64, fc.constant(PNG_SHA))) }, ['kind']);
const evidenceList = fc.array(evidenceItem, { maxLength: 3 });
const shopId = fc.oneof({ weight: 4, arbitrary: fc.constant('S1') }, { weight: 1, arbitrary: fc.constantFrom('S2', '_platform') }, { weight: 1, arbitrary: id });
const buyerId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('B1', 'B2') }, { weight: 1, arbitrary: id });
const lineId = fc.oneof(fc.constantFrom('L1', 'L2'), id);

const orderLine = shaped(
  {
    id: field(lineId),
    sku: field(text),
    title: field(text),
    category: field(fc.constantFrom('general', 'apparel', 'electronics', 'food', 'unknown-category')),
    quantity: field(fc.integer({ min: 1, max: 5 })),
    paid_amount: field(fen),
    flags: field(fc.subarray([...LINE_FLAGS])),
    warranty_days: field(fc.integer({ min: 0, max: 3650 })),
  },
  ['id', 'sku', 'quantity', 'paid_amount'],
);
const orderShape = shaped(
  {
    id: field(fc.oneof(id, fc.constantFrom(...ORDERS), text)),
    shop: field(shopId),
    buyer: field(fc.oneof(buyerId, text)),
    placed_at: field(instant),
    paid_at: field(instant),
    ship_by: field(instant),
    shipped_at: field(instant),
    carrier: field(text),
    tracking: field(text),
    signed_at: field(instant),
    signed_on: field(fc.oneof(recentInstant.map((s) => s.slice(0, 10)), fc.constantFrom('2026-13-45', '0000-01-01', '2026-02-29'))),
    completed_at: field(instant),
    shipping_fee: field(fen),
    free_shipping: field(fc.boolean()),
    shipping_insurance: field(fen),
    lines: field(fc.array(orderLine, { minLength: 1, maxLength: 3 })),
  },
  ['id', 'shop', 'buyer', 'placed_at', 'lines'],
);

/** An order that is valid as a whole (times in order, a stage from unpaid to completed), sometimes with one field off. */
const coherentOrder = oneOff(
  fc
    .record({
      id: fc.oneof({ weight: 4, arbitrary: id }, { weight: 1, arbitrary: text }),
      shop: fc.oneof({ weight: 6, arbitrary: fc.constant('S1') }, { weight: 1, arbitrary: shopId }),
      buyer: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('B1', 'B2') }, { weight: 1, arbitrary: text }),
      placed: fc.integer({ min: 1, max: 40 * 24 }), // hours ago
      stage: fc.constantFrom('placed', 'paid', 'shipped', 'signed', 'signed_on', 'completed'),
      fee: fc.record({ shipping_fee: fen, free_shipping: fc.boolean(), shipping_insurance: fen }, { requiredKeys: [] }),
      parcel: fc.record({ carrier: text, tracking: text }, { requiredKeys: [] }),
      lines: fc.uniqueArray(
        fc.record({
          id: lineId,
          sku: text,
          title: fc.option(text, { nil: undefined }),
          category: fc.constantFrom('general', 'apparel', 'electronics', 'food'),
          quantity: fc.integer({ min: 1, max: 5 }),
          paid_amount: fen,
          flags: fc.subarray([...LINE_FLAGS], { maxLength: 2 }),
          warranty_days: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3, selector: (l) => l.id },
      ),
    })
    .map(({ placed, stage, fee, parcel, lines, ...o }) => {
      const at = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
      const step = Math.max(1, Math.floor(placed / 5));
      const stages = ['placed', 'paid', 'shipped', 'signed', 'signed_on', 'completed'];
      const upTo = stages.indexOf(stage);
      return {
        ...o,
        placed_at: at(placed),
        ...(upTo >= 1 ? { paid_at: at(placed - step) } : {}),
        ...(upTo >= 2 ? { shipped_at: at(placed - 2 * step), ...parcel } : {}),
        ...(upTo === 3 || upTo === 5 ? { signed_at: at(placed - 3 * step) } : {}),
        ...(upTo === 4 ? { signed_on: at(placed - 3 * step).slice(0, 10) } : {}),
        ...(upTo === 5 ? { completed_at: at(placed - 4 * step) } : {}),
        ...fee,
        lines: lines.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))),
      } as Record<string, unknown>;
    }),
  ['id', 'shop', 'buyer', 'placed_at', 'paid_at', 'ship_by', 'shipped_at', 'signed_at', 'signed_on', 'completed_at', 'carrier', 'tracking', 'shipping_fee', 'lines'],
  fc.oneof(weird, weirdInstant, nasty),
);

const applyModel: Model = {
  id: field(id),
  type: field(fc.constantFrom(...CASE_TYPES)),
  reason: field(fc.constantFrom(...REASONS)),
  lines: field(fc.array(shaped({ line: field(lineId), quantity: field(fc.integer({ min: 1, max: 3 })) }, ['line', 'quantity']), { minLength: 1, maxLength: 3 })),
  amount: field(fen),
  intact: field(fc.boolean()),
  evidence: field(evidenceList),
  note: field(text),
};
const withReason = shaped({ reason: field(text), evidence: field(evidenceList) }, ['reason']);
const parcel: Model = { carrier: field(text), tracking: field(text) };
const nothing = shaped({});
const coherentApply = oneOff(
  fc.record(
    {
      id,
      type: fc.constantFrom(...CASE_TYPES),
      reason: fc.constantFrom(...REASONS),
      lines: fc.uniqueArray(fc.record({ line: fc.constantFrom('L1', 'L2'), quantity: fc.constant(1) }), { minLength: 1, maxLength: 2, selector: (l) => l.line }),
      amount: fc.integer({ min: 1, max: 20_000 }),
      intact: fc.constant(true),
      evidence: fc.constant([{ kind: 'photo' }]),
      note: text,
    },
    { requiredKeys: ['id', 'type', 'reason', 'intact', 'evidence'] },
  ),
  Object.keys(applyModel),
  fc.oneof(weird, nasty),
);
const CASE_BODIES: Record<CaseCommandName, fc.Arbitrary<Record<string, unknown>>> = {
  apply: fc.oneof({ weight: 3, arbitrary: coherentApply }, { weight: 1, arbitrary: shaped(applyModel, ['type', 'reason']) }),
  modify: shaped(applyModel),
  agree: shaped({ return_address: field(text) }),
  reject: withReason,
  refuse_return: withReason,
  offer: shaped({ type: field(fc.constantFrom(...CASE_TYPES)), amount: field(fen), buyer_owes: field(fen), note: field(text) }, ['type']),
  withdraw_offer: nothing,
  accept_offer: nothing,
  decline_offer: nothing,
  cancel: nothing,
  confirm_receipt: nothing,
  return_delivered: nothing,
  receive_return: shaped({ deductions: field(fc.array(shaped({ kind: field(fc.constantFrom('restocking_fee', 'lost_shipping')), amount: field(fen) }, ['kind', 'amount']), { maxLength: 6 })) }),
  ship_return: shaped({ ...parcel, shipping_cost: field(fen) }, ['carrier', 'tracking']),
  reship: shaped(parcel, ['carrier', 'tracking']),
  correct_tracking: shaped(parcel, ['carrier', 'tracking']),
  escalate: shaped({ reason: field(text) }, ['reason']),
  submit_evidence: shaped({ evidence: field(evidenceList) }, ['evidence']),
  request_evidence: shaped(
    { party: field(fc.constantFrom('buyer', 'merchant')), kinds: field(fc.subarray([...EVIDENCE_KINDS], { minLength: 1 })), due_in_hours: field(fc.oneof(fc.integer({ min: 1, max: 72 }), fc.double({ min: 0, max: 3000, noNaN: true }))) },
    ['party', 'kinds'],
  ),
  rule: shaped({ outcome: field(fc.constantFrom(...RULING_OUTCOMES)), liability: field(fc.constantFrom(...LIABILITIES)), amount: field(fen), note: field(text), force: field(fc.boolean()) }, ['outcome', 'note']),
};
const ORDER_EVENT_BODIES: Record<OrderEventName, fc.Arbitrary<Record<string, unknown>>> = {
  pay: nothing,
  ship: shaped(parcel, ['carrier', 'tracking']),
  sign: shaped({ date_only: field(fc.boolean()) }),
  complete: nothing,
  extend_auto_confirm: nothing,
};

type Body = { json: unknown } | { raw: string | Buffer } | null;
const JUNK = ['{', '{"a":', '[1,', 'null', '"x"', '0', '[]', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', ' ', '\u0000', '\ufeff{}', '{"a":1}{"b":2}'];
const junkBody = fc.oneof(fc.constantFrom(...JUNK), weirdString, fc.constant(`{"a":"${'x'.repeat(1_100_000)}"}`));
/** A request body: shaped like the real one, anything, random JSON, junk, or none. */
function body(shape: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 12, arbitrary: shape.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.anything().map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.json().map((raw) => ({ raw })) },
    { weight: 1, arbitrary: junkBody.map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

const principal: fc.Arbitrary<Req['who']> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom<Who>('S1', 'platform', 'B1') },
  { weight: 1, arbitrary: fc.constantFrom(...WHO) },
  { weight: 1, arbitrary: fc.oneof(headerText(), headerText().map((s) => `Bearer ${s}`), headerText().map((s) => `Bearer bt_${s}`)).map((raw) => ({ raw })) },
);
const jsonContentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant<string | undefined>('application/json') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=utf-16le', 'text/plain', 'text/csv', 'multipart/form-data', `multipart/form-data; boundary=${BOUNDARY}`, 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/jsonx', '*/*', ''),
      headerText(),
    ),
  },
);
const idempotencyKey = maybe(fc.oneof(headerText(30), fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'k'.repeat(255), 'k'.repeat(256), '')), 0.25);
const acceptLanguage = maybe(fc.oneof(fc.constantFrom('en', 'en-US,en;q=0.9', 'zh-CN', 'zh', 'fr-FR', '*', ',', ''), headerText()), 0.5);
const ifMatch = maybe(fc.oneof(fc.nat({ max: 30 }).map(String), fc.constantFrom('99999999999999999999999', '-1', '1.5', '"3"', 'W/"1"'), headerText(10)), 0.2);

/** A path segment: a known id mostly, else '..', encodings, unicode, very long, empty. */
function segment(known: readonly string[]): fc.Arbitrary<string> {
  const encode = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'));
    }
  };
  return fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: id },
    {
      weight: 2,
      arbitrary: fc.constantFrom('', '.', '..', '%2e%2e', '..%2F..', '%2F', '%00', '%', '%zz', '%E4%B8%AD', '%F0%9F%92%A5', 'a%20b', '~', ':', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(5000), `${known[0]}%00`),
    },
    { weight: 2, arbitrary: weirdString.map((s) => encode(s.slice(0, 3000))) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) }, // not encoded at all
  );
}

/** A query string: the keys a route knows with plausible or odd values, or any keys. */
function query(model: Record<string, fc.Arbitrary<string>> = {}): fc.Arbitrary<string> {
  const known = Object.keys(model).length ? [fc.record(model, { requiredKeys: [] }).map((d) => new URLSearchParams(d as Record<string, string>).toString())] : [];
  const anyKeys = fc.dictionary(fc.oneof(fc.constantFrom(...Object.keys(model), 'limit', 'x'), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 12 }), weirdString.map((s) => s.slice(0, 200))), { maxKeys: 4 });
  return fc.oneof(
    ...known.map((arbitrary) => ({ weight: 6, arbitrary })),
    { weight: 2, arbitrary: anyKeys.map((d) => new URLSearchParams(d).toString()) },
    { weight: 1, arbitrary: anyKeys.map((d) => Object.entries(d).map(([k, v]) => `${k}=${v}`).join('&')) }, // not encoded
    { weight: 1, arbitrary: fc.constantFrom('', 'limit=1&limit=2', 'a[b]=c', '%', '&&&', '=', 'limit') },
  );
}

interface RequestSpec {
  method: Req['method'];
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Body>;
  contentType?: fc.Arbitrary<string | undefined>;
  query?: fc.Arbitrary<string>;
  ifMatch?: boolean;
}

function request(spec: RequestSpec): fc.Arbitrary<Req> {
  return fc
    .record({
      who: principal,
      path: spec.path,
      query: spec.query ? maybe(spec.query, 0.9) : maybe(query(), 0.2),
      body: spec.body ?? fc.constant<Body>(null),
      contentType: spec.contentType ?? (spec.body ? jsonContentType : maybe(jsonContentType, 0.2)),
      idempotencyKey,
      acceptLanguage,
      ifMatch: spec.ifMatch ? ifMatch : fc.constant(undefined),
    })
    .map((r) => {
      const headers: Record<string, string> = {};
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      if (r.acceptLanguage !== undefined) headers['accept-language'] = r.acceptLanguage;
      if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
      const b = r.body;
      const payload = b === null ? undefined : 'raw' in b ? b.raw : JSON.stringify(b.json);
      return { method: spec.method, url: r.query === undefined ? r.path : `${r.path}?${r.query}`, who: r.who, headers, ...(payload === undefined ? {} : { payload }) };
    });
}

// --------------------------------------------------------------------------------------- the test

const multipart = (parts: Part[], boundary = BOUNDARY): Buffer => multipartBody(parts, boundary);

/** A server on a fresh database (in-memory PGlite unless told) with shop S1, keys, tokens, the orders and the cases above. */
async function openFixture(open: (schema: string) => Promise<Database> = async (schema) => {
  const db = await openPglite();
  await db.useSchema(schema);
  return db;
}) {
  const db: Database = await open('http_fuzz');
  await migrate(db);
  const engine: Engine = createEngine({ db, packs: builtinPacks(), clock: { now: () => Date.now() }, payments: simulatedProvider(db) });
  await engine.upsertShop({ id: 'S1', pack: 'taobao' });
  const auth: Record<Who, string | undefined> = {
    S1: `Bearer ${await createApiKey(db, 'S1', 'fuzz', NOW)}`,
    platform: `Bearer ${await createApiKey(db, '_platform', 'fuzz', NOW)}`,
    B1: `Bearer ${issueBuyerToken(SECRET, 'B1', NOW + DAY)}`,
    B2: `Bearer ${issueBuyerToken(SECRET, 'B2', NOW + DAY)}`,
    expired: `Bearer ${issueBuyerToken(SECRET, 'B1', NOW - 1000)}`,
    forged: `Bearer ${issueBuyerToken('not-the-secret', 'B1', NOW + DAY)}`,
    unknown_key: 'Bearer sk_000000000000_notakeyatallnotakeyatall',
    revoked: `Bearer ${await createApiKey(db, 'S1', 'revoked', NOW)}`,
    none: undefined,
  };
  await db.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [auth.revoked!.split('_')[1]]);
  // The one key DELETE /v1/api-keys may hit: never the keys the fuzzing runs with.
  const victimKeyId = (await createApiKey(db, 'S1', 'victim', NOW)).split('_')[1]!;
  const app = await buildServer({ engine, tokenSecret: SECRET });

  const send = (req: Req) => {
    const authorization = typeof req.who === 'string' ? auth[req.who] : req.who.raw;
    const opts: InjectOptions = { method: req.method, url: req.url, headers: { ...req.headers, ...(authorization === undefined ? {} : { authorization }) } };
    if (req.payload !== undefined) opts.payload = req.payload;
    return app.inject(opts);
  };
  const ok = async (who: Who, method: Req['method'], url: string, json?: unknown) => {
    const req: Req = { method, url, who, headers: json === undefined ? {} : { 'content-type': 'application/json' }, ...(json === undefined ? {} : { payload: JSON.stringify(json) }) };
    const res = await send(req);
    expect(res.statusCode, describeReq(req, res)).toBeLessThan(300);
    return res;
  };

  const at = (days: number) => new Date(NOW - days * DAY).toISOString();
  const line = (lid: string, amount: number) => ({ id: lid, sku: `SKU-${lid}`, category: 'apparel', quantity: 1, paid_amount: amount, flags: [] });
  await ok('S1', 'POST', '/v1/orders', { id: 'O1', shop: 'S1', buyer: 'B1', placed_at: at(2), paid_at: at(2), lines: [line('L1', 5900)] });
  for (const o of ORDERS.slice(1)) {
    await ok('S1', 'POST', '/v1/orders', { id: o, shop: 'S1', buyer: 'B1', placed_at: at(5), paid_at: at(5), shipped_at: at(4), signed_at: at(2), lines: [line('L1', 19_900), line('L2', 9900)] });
  }
  await ok('B1', 'POST', '/v1/shops/S1/orders/O2/cases', { id: 'C1', type: 'refund_only', reason: 'damaged', lines: [{ line: 'L1', quantity: 1 }], evidence: [{ kind: 'photo' }] });
  await ok('B1', 'POST', '/v1/shops/S1/orders/O2/cases', { id: 'C2', type: 'return_refund', reason: 'quality_issue', lines: [{ line: 'L2', quantity: 1 }], evidence: [{ kind: 'photo' }] });
  await ok('S1', 'POST', '/v1/cases/C2/agree', { return_address: '杭州市余杭区' });
  await ok('B1', 'POST', '/v1/shops/S1/orders/O3/cases', { id: 'C3', type: 'return_refund', reason: 'no_reason_7d', intact: true, lines: [{ line: 'L1', quantity: 1 }] });
  await ok('B1', 'POST', '/v1/cases/C3/cancel', {});
  const apply = (o: string, c: string, type: string) =>
    ok('B1', 'POST', `/v1/shops/S1/orders/${o}/cases`, { id: c, type, reason: 'quality_issue', lines: [{ line: 'L1', quantity: 1 }], evidence: [{ kind: 'photo' }] });
  await apply('O4', 'C4', 'refund_only');
  await ok('S1', 'POST', '/v1/cases/C4/offer', { type: 'refund_only', amount: 5000 });
  await apply('O5', 'C5', 'refund_only');
  await ok('S1', 'POST', '/v1/cases/C5/reject', { reason: 'used' });
  await apply('O6', 'C6', 'return_refund');
  await ok('S1', 'POST', '/v1/cases/C6/agree', { return_address: '杭州市余杭区' });
  await ok('B1', 'POST', '/v1/cases/C6/ship_return', { carrier: 'SF', tracking: 'SF6' });
  await apply('O7', 'C7', 'refund_only');
  await ok('S1', 'POST', '/v1/cases/C7/reject', { reason: 'used' });
  await ok('B1', 'POST', '/v1/cases/C7/escalate', { reason: 'please' });
  await apply('O8', 'C8', 'exchange');
  await ok('S1', 'POST', '/v1/cases/C8/agree', { return_address: '杭州市余杭区' });
  await ok('B1', 'POST', '/v1/cases/C8/ship_return', { carrier: 'SF', tracking: 'SF8' });
  await ok('S1', 'POST', '/v1/cases/C8/receive_return', {});
  const upload: Req = {
    method: 'POST',
    url: '/v1/cases/C1/evidence',
    who: 'B1',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart([{ name: 'kind', value: 'photo' }, { name: 'file', filename: 'crack.png', type: 'image/png', content: PNG }]),
  };
  const up = await send(upload);
  expect(up.statusCode, describeReq(upload, up)).toBe(201);
  for (const [c, status] of Object.entries(CASE_STATUS)) expect((await engine.getCase(c))!.status, c).toBe(status);

  const close = async () => {
    await app.close();
    await db.close();
  };
  return { db, engine, app, send, victimKeyId, close };
}

// Issue 19: the fuzz runs on both engines (PostgreSQL when reachable).
describe.each(testEngines())('HTTP API fuzz (%s)', (_name, open) => {
  let fx: Awaited<ReturnType<typeof openFixture>>;

  async function fuzz(arb: fc.Arbitrary<Req>, numRuns: number) {
    await fc.assert(
      fc.asyncProperty(arb, async (req) => check(req, await fx.send(req))),
      { numRuns: Math.max(1, Math.round(numRuns * SCALE)), ...(SEED === undefined ? {} : { seed: SEED }), plugins: [fc.interruptAfterTimeLimit(45_000)] },
    );
  }

  beforeAll(async () => {
    fx = await openFixture(open);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const shop = segment(['S1', 'S2', '_platform']);
  const order = segment(ORDERS);
  const kase = segment(CASES);

  it('POST /v1/orders', () => fuzz(request({ method: 'POST', path: fc.constant('/v1/orders'), body: body(fc.oneof({ weight: 3, arbitrary: coherentOrder }, { weight: 1, arbitrary: orderShape })) }), RUNS.createOrder));

  it('GET /v1/shops/:shop/orders/:order', () => fuzz(request({ method: 'GET', path: fc.tuple(shop, order).map(([s, o]) => `/v1/shops/${s}/orders/${o}`) }), RUNS.read));

  for (const event of ORDER_EVENT_NAMES) {
    it(`POST /v1/shops/:shop/orders/:order/events/${event}`, () =>
      fuzz(request({ method: 'POST', path: fc.tuple(shop, order).map(([s, o]) => `/v1/shops/${s}/orders/${o}/events/${event}`), body: body(ORDER_EVENT_BODIES[event]) }), RUNS.orderEvent));
  }
  it('POST /v1/shops/:shop/orders/:order/events/:event (unknown events)', () =>
    fuzz(request({ method: 'POST', path: fc.tuple(shop, order, segment(['ship', 'PAY', 'refund', 'cancel'])).map(([s, o, e]) => `/v1/shops/${s}/orders/${o}/events/${e}`), body: body(nothing) }), RUNS.orderEvent));

  it('POST /v1/shops/:shop/orders/:order/cases', () =>
    fuzz(request({ method: 'POST', path: fc.tuple(shop, order).map(([s, o]) => `/v1/shops/${s}/orders/${o}/cases`), body: body(CASE_BODIES.apply) }), RUNS.apply));

  for (const name of CASE_COMMAND_NAMES) {
    it(`POST /v1/cases/:case/${name}`, () => fuzz(request({ method: 'POST', path: kase.map((c) => `/v1/cases/${c}/${name}`), body: body(CASE_BODIES[name]), ifMatch: true }), RUNS.caseCommand));
  }

  it('GET /v1/cases/:case', () => fuzz(request({ method: 'GET', path: kase.map((c) => `/v1/cases/${c}`) }), RUNS.read));

  it('GET /v1/cases (query strings)', () => {
    const cursor = fc.oneof(
      fc.tuple(fc.oneof(recentInstant, weirdInstant, fc.constant('infinity')), fc.oneof(fc.constantFrom(...CASES), id)).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 2, maxLength: 2 }).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      fc.jsonValue({ maxDepth: 2 }).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      weirdString.map((s) => s.slice(0, 300)),
    );
    const text = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: weirdString.map((s) => s.slice(0, 300)) });
    const q = query({
      shop: text(fc.constantFrom('S1', 'S2')),
      buyer: text(fc.constantFrom('B1', 'B2')),
      status: text(fc.constantFrom(...CASE_STATUSES)),
      type: text(fc.constantFrom(...CASE_TYPES)),
      reason: text(fc.constantFrom(...REASONS)),
      phase: text(fc.constantFrom(...PHASES)),
      deadline_before: text(fc.oneof(recentInstant, weirdInstant)),
      deadline_after: text(fc.oneof(recentInstant, weirdInstant)),
      q: text(fc.oneof(fc.constantFrom('C', 'O2', '%', '_', '\\'), nasty, fc.string({ maxLength: 64 }))),
      sort: text(fc.constantFrom('applied', 'deadline')),
      limit: text(fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('1e2', '0x10', '1.5', ''))),
      cursor: text(cursor),
    });
    return fuzz(request({ method: 'GET', path: fc.constant('/v1/cases'), query: q }), RUNS.caseQueue);
  });

  it('GET /v1/orders (query strings)', () => {
    const cursor = fc.oneof(
      fc
        .tuple(fc.oneof(recentInstant, weirdInstant), fc.oneof(fc.constantFrom('S1', 'S2'), id, weirdString), fc.oneof(fc.constantFrom(...ORDERS), id, weirdString))
        .map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 2, maxLength: 4 }).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      fc.jsonValue({ maxDepth: 2 }).map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
      weirdString.map((s) => s.slice(0, 400)),
    );
    const text = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: weirdString.map((s) => s.slice(0, 300)) });
    const q = query({
      shop: text(fc.constantFrom('S1', 'S2', '_platform')),
      buyer: text(fc.constantFrom('B1', 'B2')),
      status: text(fc.constantFrom(...ORDER_STATUSES)),
      limit: text(fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('1e2', '0x10', '1.5', ''))),
      cursor: text(cursor),
    });
    return fuzz(request({ method: 'GET', path: fc.constant('/v1/orders'), query: q }), RUNS.orderList);
  });

  it('GET /v1/me', () => fuzz(request({ method: 'GET', path: fc.constant('/v1/me') }), RUNS.console));

  it('GET /v1/shops', () => fuzz(request({ method: 'GET', path: fc.constant('/v1/shops') }), RUNS.console));

  it('GET /v1/shops/:shop/policy', () => fuzz(request({ method: 'GET', path: shop.map((s) => `/v1/shops/${s}/policy`) }), RUNS.console));

  it('GET /demo/identities (a server without the demo)', () => fuzz(request({ method: 'GET', path: fc.constantFrom('/demo/identities', '/demo/', '/demo/identities/x') }), RUNS.console));

  it('GET /v1/shops/:shop/orders/:order/eligibility', () => fuzz(request({ method: 'GET', path: fc.tuple(shop, order).map(([s, o]) => `/v1/shops/${s}/orders/${o}/eligibility`) }), RUNS.read));

  it('POST /v1/api-keys', () => fuzz(request({ method: 'POST', path: fc.constant('/v1/api-keys'), body: body(shaped({ shop: field(shopId), label: field(text) }, ['shop'])) }), RUNS.admin));

  it('DELETE /v1/api-keys/:shop/:key_id', () =>
    // Never the fixture's own keys: only a victim key, ids that do not exist, and junk.
    fuzz(request({ method: 'DELETE', path: fc.tuple(shop, segment([fx.victimKeyId, '000000000000', 'ffffffffffff'])).map(([s, k]) => `/v1/api-keys/${s}/${k}`) }), RUNS.admin));

  it('POST /v1/buyer-tokens', () =>
    fuzz(request({ method: 'POST', path: fc.constant('/v1/buyer-tokens'), body: body(shaped({ buyer: field(buyerId), ttl_seconds: field(fc.integer({ min: 0, max: 40 * 86_400 })) }, ['buyer'])) }), RUNS.admin));

  it('PUT /v1/shops/:shop/policy', () => {
    const overrides = fc.dictionary(
      fc.oneof(fc.constantFrom('no_reason_days', 'merchant_response_hours', 'auto_confirm_days', 'return_shipment_days', 'unknown_param'), fc.string({ maxLength: 10 })),
      weird,
      { maxKeys: 3 },
    );
    const policy = shaped({ pack: field(fc.constantFrom(...PACKS, 'nope')), category: field(fc.constantFrom('general', 'apparel', 'electronics')), overrides: field(overrides) }, ['pack']);
    return fuzz(request({ method: 'PUT', path: shop.map((s) => `/v1/shops/${s}/policy`), body: body(policy) }), RUNS.admin);
  });

  it('POST /v1/webhook-endpoints', () => {
    const hook = shaped(
      {
        shop: field(shopId),
        id: field(id),
        url: field(fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:9/h', 'ftp://x/y', 'javascript:alert(1)', 'http://', 'https://例子.测试/路径'))),
        secret: field(fc.string({ minLength: 16, maxLength: 40 })),
        max_attempts: field(fc.integer({ min: 0, max: 25 })),
      },
      ['shop', 'id', 'url', 'secret'],
    );
    return fuzz(request({ method: 'POST', path: fc.constant('/v1/webhook-endpoints'), body: body(hook) }), RUNS.admin);
  });

  it('GET /v1/events (query strings)', () => {
    const num = fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.constantFrom('1e3', '99999999999999999999', '1.5', '-0', 'NaN', ''), weirdString.map((s) => s.slice(0, 100)));
    const q = query({ after: num, limit: num, shop: fc.oneof(fc.constantFrom('S1', 'S2', '_platform'), weirdString.map((s) => s.slice(0, 100))) });
    return fuzz(request({ method: 'GET', path: fc.constant('/v1/events'), query: q }), RUNS.eventsFeed);
  });

  it('GET /v1/policies', () => fuzz(request({ method: 'GET', path: fc.constant('/v1/policies') }), RUNS.policies));

  it('GET /v1/policies/:pack', () => fuzz(request({ method: 'GET', path: segment(PACKS).map((p) => `/v1/policies/${p}`) }), RUNS.policies));

  it('POST /v1/orders/import', () => {
    const csvCell = fc.oneof(fc.string({ maxLength: 12 }), recentInstant, fc.integer({ min: -1, max: 30_000 }).map(String), fc.constantFrom('S1', 'B1', 'true', '""', '"a,b"', '"', 'perishable|digital'), weirdString.map((s) => s.slice(0, 50)));
    const columns = ['order_id', 'shop', 'buyer', 'placed_at', 'paid_at', 'shipped_at', 'signed_at', 'shipping_fee', 'free_shipping', 'line_id', 'sku', 'quantity', 'paid_amount', 'flags', 'warranty_days'];
    const header = fc.oneof({ weight: 4, arbitrary: fc.constant(columns) }, { weight: 1, arbitrary: fc.shuffledSubarray([...columns, 'bogus', 'ORDER_ID', ' shop ']) });
    const csv = fc
      .tuple(header, fc.array(fc.array(csvCell, { minLength: 0, maxLength: 16 }), { maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([h, rows, eol, bom]) => `${bom ? '\ufeff' : ''}${[h.join(','), ...rows.map((r) => r.join(','))].join(eol)}${eol}`);
    const validish = fc
      .tuple(id, fc.constantFrom('S1', 'S2'), fc.constantFrom('B1', 'B2'), recentInstant, fc.integer({ min: 0, max: 20_000 }))
      .map(([o, s, b, t, amount]) => `${columns.slice(0, 4).join(',')},line_id,sku,quantity,paid_amount\n${o},${s},${b},${t},L1,SKU,1,${amount}\n`);
    const importBody = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.oneof(coherentOrder, orderShape), { maxLength: 4 }).map((json) => ({ json }) as Body) },
      { weight: 2, arbitrary: fc.oneof(csv, validish, fc.string({ maxLength: 200 }), weirdString).map((raw) => ({ raw }) as Body) },
      { weight: 1, arbitrary: fc.anything().map((json) => ({ json }) as Body) },
      { weight: 1, arbitrary: junkBody.map((raw) => ({ raw }) as Body) },
      { weight: 1, arbitrary: fc.constant<Body>(null) },
    );
    const contentType = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<string | undefined>('application/json', 'text/csv') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(undefined, 'text/csv; charset=utf-8', 'text/plain', 'application/x-ndjson', 'multipart/form-data'), headerText()) },
    );
    return fuzz(request({ method: 'POST', path: fc.constant('/v1/orders/import'), body: importBody, contentType }), RUNS.import);
  });

  it('POST /v1/cases/:case/evidence (multipart and junk)', () => {
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([PNG.subarray(0, 8), Buffer.from(b)])),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(b)])),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(b)])),
      fc.constantFrom(PNG, Buffer.alloc(0), Buffer.from('MZ\x90\x00'), Buffer.from('<svg onload="x"></svg>'), Buffer.from('GIF89a'), Buffer.from('\x00\x00\x00\x18ftypheic')),
      fc.uint8Array({ maxLength: 128 }).map((b) => Buffer.from(b)),
      weirdString.map((s) => Buffer.from(s.slice(0, 2000), 'utf8')),
    );
    const fieldName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('kind', 'description', 'file') }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', '__proto__', 'files[]')) });
    const part: fc.Arbitrary<Part> = fc.oneof(
      fc.record({ name: fieldName, value: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EVIDENCE_KINDS) }, { weight: 2, arbitrary: weirdString.map((s) => s.slice(0, 3000)) }, { weight: 1, arbitrary: fc.constant('d'.repeat(17_000)) }) }),
      fc.record({
        name: fc.oneof({ weight: 4, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fieldName }),
        filename: fc.oneof(fc.constantFrom('crack.png', '../../etc/passwd', 'C:\\evil\\x.png', '', '照片.png', 'a"b.png', 'x'.repeat(400)), fc.string({ unit: 'grapheme', maxLength: 20 })),
        type: fc.oneof(fc.constantFrom('image/png', 'application/pdf', 'text/plain', 'application/x-msdownload', 'image/svg+xml'), headerText(20)),
        content,
      }),
    );
    const form = fc.array(part, { maxLength: 5 });
    const payload = fc.oneof(
      { weight: 5, arbitrary: form.map((parts) => multipart(parts)) },
      { weight: 2, arbitrary: fc.tuple(form, fc.nat()).map(([parts, cut]) => { const b = multipart(parts); return b.subarray(0, cut % (b.length + 1)); }) },
      { weight: 1, arbitrary: form.map((parts) => multipart(parts, 'another-boundary')) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: junkBody.map((s) => Buffer.from(s, 'utf8')) },
    );
    const contentType = fc.oneof(
      { weight: 6, arbitrary: fc.constant<string | undefined>(`multipart/form-data; boundary=${BOUNDARY}`) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=other', 'multipart/mixed; boundary=' + BOUNDARY, 'application/json', 'image/png') },
      { weight: 1, arbitrary: headerText() },
    );
    return fuzz(request({ method: 'POST', path: kase.map((c) => `/v1/cases/${c}/evidence`), body: fc.oneof({ weight: 12, arbitrary: payload.map((raw) => ({ raw }) as Body) }, { weight: 1, arbitrary: fc.constant<Body>(null) }), contentType }), RUNS.upload);
  });

  it('GET /v1/cases/:case/evidence', () => fuzz(request({ method: 'GET', path: kase.map((c) => `/v1/cases/${c}/evidence`) }), RUNS.read));

  it('GET /v1/cases/:case/evidence/:sha256', () =>
    fuzz(request({ method: 'GET', path: fc.tuple(kase, segment([PNG_SHA, '0'.repeat(64), PNG_SHA.toUpperCase()])).map(([c, s]) => `/v1/cases/${c}/evidence/${s}`) }), RUNS.read));

  it('any method on any path', () => {
    const path = fc.oneof(
      fc.constantFrom('/v1/orders', '/v1/cases', '/v1/api-keys', '/v1/events', '/v1/policies', '/v1/nothing', '/v1/', '/v1', '/v2/orders', '//v1//cases', '/v1/cases/C1/../C2', '/v1/%2e%2e/cases'),
      fc.constantFrom('/v1/me', '/v1/shops', '/v1/shops/S1/policy', '/demo/identities', '/', '/index.html', '/workbench', '/assets/app.js'),
      fc.tuple(kase, fc.constantFrom(...CASE_COMMAND_NAMES, 'evidence', 'unknown')).map(([c, n]) => `/v1/cases/${c}/${n}`),
      fc.tuple(shop, order, fc.constantFrom('', '/cases', '/eligibility', '/events/pay', '/x')).map(([s, o, t]) => `/v1/shops/${s}/orders/${o}${t}`),
    );
    const method = fc.constantFrom<Req['method']>('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
    return fuzz(fc.tuple(method, request({ method: 'GET', path, body: body(fc.jsonValue({ maxDepth: 2 })) })).map(([m, r]) => ({ ...r, method: m, ...(m === 'GET' || m === 'HEAD' ? { payload: undefined } : {}) })), RUNS.anyRoute);
  });

  it('leaves a consistent store behind (doctor)', async () => {
    // What a running worker would have done meanwhile: fire due deadlines, execute refunds. Bounded:
    // a runner that keeps firing (a deadline that never settles) is a finding, not a hang.
    const LIMIT = 1000;
    const fired = await fx.engine.fireDue(Date.now(), LIMIT);
    expect(fired, 'the deadline runner settles (fireDue reached its limit: some deadline fires again and again)').toBeLessThan(LIMIT);
    await fx.engine.runRefunds(Date.now());
    const findings = await doctor(fx.db, Date.now());
    expect(findings.filter((f) => f.breach && f.check !== 'outbox_delivered')).toEqual([]);
    expect((await fx.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const c1 = await fx.send({ method: 'GET', url: '/v1/cases/C1', who: 'platform', headers: {} });
    expect(c1.statusCode, c1.body).toBe(200);
  });
});

// ------------------------------------------------------------------ what the fuzzing has found

/** Each answer the fuzzing found wrong, as one request on a fresh fixture: fails until fixed. */
describe('HTTP API fuzz: minimal repros', () => {
  let fx: Awaited<ReturnType<typeof openFixture>>;
  beforeAll(async () => {
    fx = await openFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  const json = (method: Req['method'], url: string, who: Who, body: unknown): Req => ({ method, url, who, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const get = (url: string, who: Who = 'S1'): Req => ({ method: 'GET', url, who, headers: {} });
  const cursor = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
  const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
  const order = (id: string, over: Record<string, unknown> = {}) => ({
    id, shop: 'S1', buyer: 'B1', placed_at: ago(5), paid_at: ago(5), shipped_at: ago(4), signed_at: ago(2),
    lines: [{ id: 'L1', sku: 'TEE', quantity: 1, paid_amount: 19_900 }], ...over,
  });
  const upload = (caseId: string, who: Who, body: string, contentType = 'multipart/form-data; boundary=b'): Req => ({
    method: 'POST', url: `/v1/cases/${caseId}/evidence`, who, headers: { 'content-type': contentType }, payload: Buffer.from(body.replace(/\n/g, '\r\n'), 'latin1'),
  });
  /** After an order that was accepted: its history verifies and its deadlines settle. */
  const storeStaysSound = async (orderId: string) => {
    const breaks = (await verifyAll(fx.db)).filter((b) => b.stream === `S1/order:${orderId}`);
    expect(breaks, 'the order history verifies (doctor history_intact)').toEqual([]);
    expect(await fx.engine.fireDue(Date.now(), 50), 'the deadline runner settles').toBeLessThan(50);
  };

  const REPROS: { name: string; req: Req; then?: (res: LightMyRequestResponse) => Promise<void> }[] = [
    { name: 'a path parameter longer than 100 characters (FST_ERR_MAX_PARAM_LENGTH body)', req: get(`/v1/cases/${'a'.repeat(101)}`) },
    { name: 'a malformed percent-encoding in the path (FST_ERR_BAD_URL body)', req: get('/v1/cases/%zz') },
    { name: 'a NUL character in an order field', req: json('POST', '/v1/orders', 'S1', order('R-NUL', { carrier: '\u0000' })) },
    { name: 'a NUL character in an API key label', req: json('POST', '/v1/api-keys', 'platform', { shop: 'S1', label: '\u0000' }) },
    { name: 'a NUL character in a case command', req: json('POST', '/v1/cases/C1/agree', 'S1', { return_address: 'a\u0000b' }) },
    { name: 'a lone surrogate in an order field', req: json('POST', '/v1/orders', 'S1', order('R-SURROGATE', { lines: [{ id: 'L1', sku: 'TEE', title: '\ud800', quantity: 1, paid_amount: 100 }] })) },
    { name: 'GET /v1/cases?q= with a NUL character', req: get('/v1/cases?q=%00') },
    { name: 'GET /v1/cases with a cursor that is not an instant', req: get(`/v1/cases?cursor=${cursor(['x', 'y'])}`) },
    { name: 'GET /v1/cases with a cursor in year 0', req: get(`/v1/cases?cursor=${cursor(['0000-01-01T00:00:00Z', 'C1'])}`) },
    { name: 'GET /v1/cases with a cursor in year +10000', req: get(`/v1/cases?cursor=${cursor(['+010000-01-01T00:00:00.000Z', 'C1'])}`) },
    { name: 'GET /v1/cases with a cursor holding a NUL character', req: get(`/v1/cases?cursor=${cursor(['2026-01-01T00:00:00Z', 'C\u0000'])}`) },
    { name: 'GET /v1/cases?deadline_before= in year 0', req: get('/v1/cases?deadline_before=0000-01-01T00:00Z') },
    { name: 'GET /v1/orders with a cursor in year 0', req: get(`/v1/orders?cursor=${cursor(['0000-01-01T00:00:00Z', 'S1', 'O1'])}`) },
    { name: 'GET /v1/orders with a cursor in year +275760', req: get(`/v1/orders?cursor=${cursor(['+275760-09-13T00:00:00.000Z', 'S1', 'O1'])}`) },
    { name: 'GET /v1/orders with a cursor of a date only', req: get(`/v1/orders?cursor=${cursor(['2026-01-01', 'S1', 'O1'])}`) },
    { name: 'GET /v1/cases?deadline_after= in year +275760', req: get('/v1/cases?deadline_after=%2B275760-09-13T00:00:00.000Z') },
    { name: 'an order placed in year 0', req: json('POST', '/v1/orders', 'S1', order('R-Y0', { placed_at: '0000-01-01T00:00Z', paid_at: undefined, shipped_at: undefined, signed_at: undefined })) },
    {
      name: 'an order placed in year 1 (its history does not verify)',
      req: json('POST', '/v1/orders', 'S1', order('R-Y1', { placed_at: '0001-06-26T05:50:20.272Z' })),
      then: async (res) => (res.statusCode === 201 ? storeStaysSound('R-Y1') : undefined),
    },
    {
      name: 'an unpaid order placed in year 1 (its payment deadline fires forever)',
      req: json('POST', '/v1/orders', 'S1', order('R-Y1-UNPAID', { placed_at: '0001-06-26T05:50:20.272Z', paid_at: undefined, shipped_at: undefined, signed_at: undefined })),
      then: async (res) => (res.statusCode === 201 ? storeStaysSound('R-Y1-UNPAID') : undefined),
    },
    { name: 'an order id that is a byte order mark', req: json('POST', '/v1/orders', 'S1', order('\ufeff')) },
    { name: 'an imported order whose id starts with a byte order mark', req: json('POST', '/v1/orders/import', 'S1', [order('\ufeffIMPORTED')]) },
    { name: 'an evidence upload declared multipart without a boundary', req: upload('C1', 'S1', 'x', 'multipart/form-data') },
    {
      name: 'an evidence upload with a text field named "file" after the file',
      req: upload('C1', 'B1', '--b\nContent-Disposition: form-data; name="file"; filename="a.jpg"\nContent-Type: image/jpeg\n\n\xff\xd8\xff\n--b\nContent-Disposition: form-data; name="file"\n\nc\n--b--\n'),
    },
    { name: 'an evidence upload whose file part is named "kind"', req: upload('C1', 'S1', '--b\nContent-Disposition: form-data; name="kind"; filename="a.png"\nContent-Type: image/png\n\nxx\n--b--\n') },
    { name: 'an evidence upload cut off inside the file', req: upload('C1', 'S1', '--b\nContent-Disposition: form-data; name="kind"\n\nphoto\n--b\nContent-Disposition: form-data; name="file"; filename="a.png"\nContent-Type: image/png\n\n\x89PNG\r\n\x1a\nzz') },
  ];

  for (const r of REPROS) {
    it(r.name, async () => {
      const res = await fx.send(r.req);
      check(r.req, res);
      await r.then?.(res);
    });
  }
});
