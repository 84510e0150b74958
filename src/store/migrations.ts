// Versioned migrations. Every table is keyed for sharding by shop_id: its primary key and every
// unique key start with shop_id, so the tables can be distributed by it (Citus) and one order,
// its cases, events and deadlines always live on the same shard.
import { distributeTables, hasCitus } from './citus.ts';
import type { Database } from './db.ts';

export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'core',
    sql: `
CREATE TABLE shops (
  shop_id      text PRIMARY KEY,
  category     text NOT NULL DEFAULT 'general',
  policy_pack  text NOT NULL,
  overrides    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Order projection and the consistency boundary: every command on an order or its cases bumps
-- version (optimistic concurrency). state is the snapshot the decider starts from.
CREATE TABLE orders (
  shop_id          text NOT NULL,
  order_id         text NOT NULL,
  buyer_id         text NOT NULL,
  status           text NOT NULL,
  version          integer NOT NULL,
  stream_version   integer NOT NULL,
  last_hash        text,
  auto_confirm_at  timestamptz,
  refunded         bigint NOT NULL DEFAULT 0,
  compensation     bigint NOT NULL DEFAULT 0,
  state            jsonb NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (shop_id, order_id)
);
CREATE INDEX orders_buyer ON orders (shop_id, buyer_id);

CREATE TABLE cases (
  shop_id        text NOT NULL,
  case_id        text NOT NULL,
  order_id       text NOT NULL,
  buyer_id       text NOT NULL,
  type           text NOT NULL,
  reason         text NOT NULL,
  status         text NOT NULL,
  phase          text NOT NULL,
  amount         bigint NOT NULL,
  refunded       bigint NOT NULL,
  liability      text NOT NULL,
  closed_reason  text,
  deadline_kind  text,
  deadline_due   timestamptz,
  applied_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  version        integer NOT NULL,
  last_hash      text,
  state          jsonb NOT NULL,
  PRIMARY KEY (shop_id, case_id)
);
CREATE INDEX cases_by_id ON cases (case_id);
CREATE INDEX cases_by_order ON cases (shop_id, order_id);
CREATE INDEX cases_queue ON cases (shop_id, status, deadline_due);

-- Events: one sequence per order (seq) and one per stream (the order's or a case's own), each
-- event hashing the one before it in its stream (tamper-evident history, SPEC §7).
CREATE TABLE events (
  shop_id         text NOT NULL,
  order_id        text NOT NULL,
  seq             integer NOT NULL,
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL,
  type            text NOT NULL,
  data            jsonb NOT NULL,
  actor           jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       text,
  hash            text NOT NULL,
  PRIMARY KEY (shop_id, order_id, seq),
  UNIQUE (shop_id, stream_id, stream_version)
);

-- Deadlines: at most one pending per order and per case (subject).
CREATE TABLE deadlines (
  shop_id         text NOT NULL,
  order_id        text NOT NULL,
  subject         text NOT NULL,
  kind            text NOT NULL,
  due_at          timestamptz NOT NULL,
  policy_version  text NOT NULL,
  status          text NOT NULL DEFAULT 'pending',
  created_at      timestamptz NOT NULL,
  fired_at        timestamptz,
  PRIMARY KEY (shop_id, order_id, subject, kind, due_at)
);
CREATE UNIQUE INDEX deadlines_one_pending ON deadlines (shop_id, order_id, subject) WHERE status = 'pending';
CREATE INDEX deadlines_due ON deadlines (due_at) WHERE status = 'pending';

-- Compensation ledger (SPEC §6): buyer credit and merchant deposit debit, one row each.
CREATE TABLE ledger (
  shop_id    text NOT NULL,
  entry_id   text NOT NULL,
  order_id   text NOT NULL,
  case_id    text,
  account    text NOT NULL,
  kind       text NOT NULL,
  amount     bigint NOT NULL,
  at         timestamptz NOT NULL,
  PRIMARY KEY (shop_id, entry_id)
);

-- Fixed one-minute windows of commands per caller (SPEC §11 rate_limited), shared by every process.
CREATE TABLE rate_limits (
  shop_id       text NOT NULL,
  principal     text NOT NULL,
  window_start  timestamptz NOT NULL,
  count         integer NOT NULL,
  PRIMARY KEY (shop_id, principal, window_start)
);

CREATE TABLE idempotency_keys (
  shop_id       text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (shop_id, key)
);
`,
  },
  {
    version: 2,
    name: 'outbox, webhooks, refunds, deadline leases and reminders',
    sql: `
-- Transactional outbox: every event (and every deadline reminder) of a command, written in the
-- command's transaction. id orders the messages of a stream. An event's message refers to the
-- event row (event_seq) instead of copying it; a reminder carries its own payload.
CREATE TABLE outbox (
  shop_id     text NOT NULL,
  id          bigserial,
  order_id    text NOT NULL,
  stream_id   text NOT NULL,
  type        text NOT NULL,
  payload     jsonb,
  event_seq   integer,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (shop_id, id)
);

-- Webhook endpoints of a shop, or of the platform (shop_id '_platform': every shop's messages).
CREATE TABLE webhook_endpoints (
  shop_id       text NOT NULL,
  endpoint_id   text NOT NULL,
  url           text NOT NULL,
  secret        text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  max_attempts  integer NOT NULL DEFAULT 8,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (shop_id, endpoint_id)
);

-- One delivery per (message, endpoint), fanned out in the command's transaction.
CREATE TABLE deliveries (
  shop_id          text NOT NULL,
  message_id       bigint NOT NULL,
  endpoint_shop    text NOT NULL,
  endpoint_id      text NOT NULL,
  stream_id        text NOT NULL,
  status           text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  delivered_at     timestamptz,
  PRIMARY KEY (shop_id, message_id, endpoint_shop, endpoint_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_stream ON deliveries (shop_id, endpoint_shop, endpoint_id, stream_id, message_id) WHERE status = 'pending';

-- Refunds to execute against the payment provider (the refund id is its idempotency key).
CREATE TABLE refunds (
  shop_id          text NOT NULL,
  refund_id        text NOT NULL,
  order_id         text NOT NULL,
  case_id          text NOT NULL,
  amount           bigint NOT NULL,
  status           text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  lease_until      timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL,
  completed_at     timestamptz,
  PRIMARY KEY (shop_id, refund_id)
);
CREATE INDEX refunds_due ON refunds (next_attempt_at) WHERE status = 'pending';

-- The built-in simulated payment provider's own books (what it actually paid out).
CREATE TABLE provider_refunds (
  shop_id      text NOT NULL,
  refund_id    text NOT NULL,
  amount       bigint NOT NULL,
  executed_at  timestamptz NOT NULL,
  PRIMARY KEY (shop_id, refund_id)
);

ALTER TABLE deadlines ADD COLUMN lease_until timestamptz;
ALTER TABLE deadlines ADD COLUMN remind_at timestamptz;
ALTER TABLE deadlines ADD COLUMN reminded_at timestamptz;
CREATE INDEX deadlines_remind ON deadlines (remind_at) WHERE status = 'pending' AND reminded_at IS NULL;
`,
  },
  {
    version: 3,
    name: 'api keys',
    sql: `
-- API keys of the platform (shop_id '_platform') and of each shop: only a hash is kept; the key
-- itself is shown once, when it is created.
CREATE TABLE api_keys (
  shop_id     text NOT NULL,
  key_id      text NOT NULL,
  key_hash    text NOT NULL,
  label       text NOT NULL DEFAULT '',
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (shop_id, key_id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (key_hash);
`,
  },
  {
    version: 4,
    name: 'evidence files',
    sql: `
-- Evidence files (SPEC §7): photos, videos, documents uploaded for a case, addressed by their
-- content hash; readable by the case's parties and the platform only.
CREATE TABLE evidence_files (
  shop_id       text NOT NULL,
  case_id       text NOT NULL,
  sha256        text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  filename      text NOT NULL DEFAULT '',
  uploaded_by   jsonb NOT NULL,
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (shop_id, case_id, sha256)
);
`,
  },
  {
    version: 5,
    name: 'sandbox test clocks',
    sql: `
-- A sandbox shop's own clock: its commands happen at this instant, and its deadlines fire only
-- when the integrator advances it (never by the wall clock). NULL for a live shop.
ALTER TABLE shops ADD COLUMN sandbox_clock timestamptz;
`,
  },
  {
    version: 6,
    name: 'api key scopes',
    sql: `
-- What a key may do: 'read' (GET) and/or 'write' (everything else).
ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{read,write}';
`,
  },
  {
    version: 7,
    name: 'shop default return address',
    sql: `
-- Where the shop takes goods back (SPEC §4: the merchant names it when agreeing): an agree that
-- names none uses this one. NULL when the shop has not set one.
ALTER TABLE shops ADD COLUMN return_address text;
`,
  },
  {
    version: 8,
    name: 'platform governance: complaints, shop governance, deposit ledger',
    sql: `
-- SPEC §8: governance events, one hash-chained stream per complaint (complaint:<id>) and per shop
-- (shop:<id>), apart from the order-keyed case events: a complaint or a shop is its own
-- consistency boundary (its projection row's version), not the order's.
CREATE TABLE governance_events (
  shop_id         text NOT NULL,
  stream_id       text NOT NULL,
  stream_version  integer NOT NULL,
  type            text NOT NULL,
  data            jsonb NOT NULL,
  actor           jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  prev_hash       text,
  hash            text NOT NULL,
  PRIMARY KEY (shop_id, stream_id, stream_version)
);

-- SPEC §8.1 rule complaints: the projection (state is the snapshot the decider starts from).
CREATE TABLE complaints (
  shop_id        text NOT NULL,
  complaint_id   text NOT NULL,
  order_id       text NOT NULL,
  buyer_id       text NOT NULL,
  kind           text NOT NULL,
  sub_kind       text NOT NULL,
  status         text NOT NULL,
  points         integer NOT NULL,
  deadline_kind  text,
  deadline_due   timestamptz,
  filed_at       timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  version        integer NOT NULL,
  last_hash      text,
  state          jsonb NOT NULL,
  PRIMARY KEY (shop_id, complaint_id)
);
CREATE INDEX complaints_by_id ON complaints (complaint_id);
CREATE INDEX complaints_by_order ON complaints (shop_id, order_id);
CREATE INDEX complaints_by_buyer ON complaints (buyer_id);
CREATE INDEX complaints_queue ON complaints (shop_id, status, deadline_due);

-- SPEC §8.2-§8.3: a shop's points, sanctions and deposit account (state jsonb), one row a shop.
CREATE TABLE shop_governance (
  shop_id     text PRIMARY KEY,
  version     integer NOT NULL,
  last_hash   text,
  state       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- SPEC §8.3 the deposit ledger: every payment in and every debit, written with the shop event
-- that made it (entry_id: the event's version in the shop stream). amount is positive; kind says
-- which way; balance_after is the balance the event left.
CREATE TABLE deposit_ledger (
  shop_id        text NOT NULL,
  entry_id       integer NOT NULL,
  at             timestamptz NOT NULL,
  kind           text NOT NULL,
  reason         text NOT NULL,
  amount         bigint NOT NULL,
  balance_after  bigint NOT NULL,
  ref            text,
  PRIMARY KEY (shop_id, entry_id)
);

-- Deadlines of every aggregate in one table, fired by the same runner: an order's and its cases'
-- ('order'), a complaint's (order_id its order, subject complaint:<id>) and a shop's (order_id '',
-- subject shop:<kind>, since a shop runs a restriction end and a top-up at once).
ALTER TABLE deadlines ADD COLUMN aggregate text NOT NULL DEFAULT 'order';
`,
  },
  {
    version: 9,
    name: 'service desk: tickets, carrier claims, quick replies, notifications',
    sql: `
-- SPEC §10.1 service tickets: the events are a hash-chained stream per ticket (ticket:<id>) in
-- governance_events (a stream apart from the order's, as complaints are); this is the projection
-- (state is the snapshot the decider starts from). sla_due: the nearest running SLA deadline, for
-- the merchant's queue; NULL when none runs.
CREATE TABLE tickets (
  shop_id     text NOT NULL,
  ticket_id   text NOT NULL,
  order_id    text,
  case_id     text,
  buyer_id    text NOT NULL,
  kind        text NOT NULL,
  status      text NOT NULL,
  escalated   boolean NOT NULL,
  sla_due     timestamptz,
  opened_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  version     integer NOT NULL,
  last_hash   text,
  state       jsonb NOT NULL,
  PRIMARY KEY (shop_id, ticket_id)
);
CREATE INDEX tickets_by_id ON tickets (ticket_id);
CREATE INDEX tickets_by_buyer ON tickets (buyer_id);
CREATE INDEX tickets_queue ON tickets (shop_id, status, sla_due);
CREATE INDEX tickets_escalated ON tickets (escalated, status) WHERE escalated;

-- SPEC §10.1 carrier claims: the ledger of what a shop claimed from carriers and recovered,
-- written with the ticket event that made or settled the claim.
CREATE TABLE carrier_claims (
  shop_id     text NOT NULL,
  claim_id    text NOT NULL,
  ticket_id   text NOT NULL,
  order_id    text,
  kind        text NOT NULL,
  carrier     text,
  tracking    text,
  amount      bigint NOT NULL,
  recovered   bigint,
  claimed_at  timestamptz NOT NULL,
  settled_at  timestamptz,
  PRIMARY KEY (shop_id, claim_id)
);

-- SPEC §10.1 quick replies (快捷回复): a shop's named templates.
CREATE TABLE quick_replies (
  shop_id     text NOT NULL,
  name        text NOT NULL,
  text        text NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (shop_id, name)
);

-- SPEC §10.5 notifications: what a party must act on, stored with the events that cause it
-- (nothing is lost when nobody is online). notification_id is the cause's stream, version and
-- recipient, so deriving one twice writes it once.
CREATE TABLE notifications (
  shop_id          text NOT NULL,
  notification_id  text NOT NULL,
  recipient_role   text NOT NULL,
  recipient_id     text NOT NULL,
  kind             text NOT NULL,
  subject          text NOT NULL,
  order_id         text,
  data             jsonb NOT NULL,
  created_at       timestamptz NOT NULL,
  read_at          timestamptz,
  PRIMARY KEY (shop_id, notification_id)
);
CREATE INDEX notifications_inbox ON notifications (recipient_role, recipient_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (recipient_role, recipient_id) WHERE read_at IS NULL;
`,
  },
  {
    version: 10,
    name: 'automation and buyer risk',
    sql: `
-- SPEC §10.2-§10.3: a shop's automation rules (an ordered jsonb list, checked by the rule schema
-- before it is written), the return shipping it estimates and its goodwill SOP tiers.
CREATE TABLE shop_automation (
  shop_id                   text PRIMARY KEY,
  rules                     jsonb NOT NULL DEFAULT '[]'::jsonb,
  return_shipping_estimate  bigint NOT NULL DEFAULT 1300,
  returnless_threshold      bigint,
  sop_tiers                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  version                   integer NOT NULL DEFAULT 1,
  updated_at                timestamptz NOT NULL
);

-- SPEC §10.4: one row per buyer-risk signal, written in the transaction of the event that gives
-- it. Keyed by shop_id first like the events it comes from, so the write stays on the order's
-- shard; a buyer's score reads across shops by buyer_id (docs/decisions.md). subject: the case or
-- complaint (each gives a signal once); shop_id '' for history imported from outside.
CREATE TABLE buyer_signals (
  shop_id   text NOT NULL,
  subject   text NOT NULL,
  signal    text NOT NULL,
  buyer_id  text NOT NULL,
  at        timestamptz NOT NULL,
  PRIMARY KEY (shop_id, subject, signal)
);
CREATE INDEX buyer_signals_by_buyer ON buyer_signals (buyer_id, at);
`,
  },
  {
    version: 11,
    name: 'shop metrics: facts and daily rollups',
    sql: `
-- SPEC §8.4: one row per event a shop metric counts, at the event's own instant, written in the
-- event's transaction; read by window (the key leads with the instant: one index to maintain).
-- ref names the event (<order>#<seq>[@case]), or the case for what a case has once (its first
-- response, its first refund: case:<id>).
CREATE TABLE metric_facts (
  shop_id   text NOT NULL,
  counter   text NOT NULL,
  ref       text NOT NULL,
  at        timestamptz NOT NULL,
  order_id  text NOT NULL,
  value     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, counter, at, ref)
);
-- What a case has once: the first written claims its (counter, case) here, later ones are dropped.
CREATE TABLE metric_once (
  shop_id  text NOT NULL,
  counter  text NOT NULL,
  ref      text NOT NULL,
  PRIMARY KEY (shop_id, counter, ref)
);

-- SPEC §8.4: per shop, per day in the platform zone, per counter: how many facts and the sum of
-- their values (ms for durations), added to in the same statement as the facts.
CREATE TABLE metric_daily (
  shop_id  text NOT NULL,
  day      date NOT NULL,
  counter  text NOT NULL,
  n        bigint NOT NULL,
  total    bigint NOT NULL,
  PRIMARY KEY (shop_id, day, counter)
);
`,
  },
  {
    version: 12,
    name: 'audit trail of platform and admin actions',
    sql: `
-- Issue 19 item 5: who did what from where, hash-chained (each row's hash covers the previous
-- row's hash and its own fields, src/store/audit.ts). One chain for the deployment: appends take
-- an advisory lock. shop_id: the shop the action concerns, '_platform' when none (Citus: the
-- table would be a reference table, written rarely).
CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  shop_id    text NOT NULL,
  at         timestamptz NOT NULL,
  principal  text NOT NULL,
  key_id     text,
  address    text NOT NULL,
  action     text NOT NULL,
  target     text NOT NULL,
  details    text NOT NULL,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
`,
  },
  {
    version: 13,
    name: 'ticket attachments',
    sql: `
-- SPEC §10.1: files a ticket's messages carry (replies with attachments), stored by content hash
-- per ticket, as a case's evidence files are; readable by the ticket's parties only.
CREATE TABLE ticket_files (
  shop_id       text NOT NULL,
  ticket_id     text NOT NULL,
  sha256        text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  filename      text NOT NULL DEFAULT '',
  uploaded_by   jsonb NOT NULL,
  content       bytea NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (shop_id, ticket_id, sha256)
);
`,
  },
  {
    version: 14,
    name: 'shop metrics: the facts key carries their order and value',
    sql: `
-- SPEC §8.4: a window's partial days, its first responses and its interventions are read from the
-- facts' key alone (index-only scans: no visit to the table's pages, where a day's facts of one
-- shop lie scattered among every other shop's). Still one index written per fact.
ALTER TABLE metric_facts DROP CONSTRAINT metric_facts_pkey;
ALTER TABLE metric_facts ADD PRIMARY KEY (shop_id, counter, at, ref) INCLUDE (order_id, value);
`,
  },
  {
    version: 15,
    name: 'reason presets: the reasons a shop picks from when it rejects or refuses a return',
    sql: `
-- Issue 16: one row per shop (its shard key), the preset reasons by action as a JSON object
-- {"reject": [...], "refuse_return": [...]}; no row: the built-in defaults (src/app/reason-presets.ts).
CREATE TABLE reason_presets (
  shop_id     text PRIMARY KEY,
  presets     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL
);
`,
  },
  {
    version: 16,
    name: 'shop display name',
    sql: `
-- A shop's name as buyers know it (淘宝·衣橱小铺), shown instead of its id on the buyer's orders and
-- in a case dossier (issue 16). NULL when the shop never gave one: its id is shown then.
ALTER TABLE shops ADD COLUMN name text;
`,
  },
  {
    version: 17,
    name: 'currencies: a shop, its orders, refunds and ledger rows name their currency',
    sql: `
-- SPEC §13: amounts are minor units of the shop's currency (its pack's: CNY fen, USD cents). Stored
-- where rows are summed (orders, refunds, ledger, deposit_ledger) so a total groups by it; cases
-- take their order's. Rows written before this migration are backfilled from their shop's pack:
-- only amazon-us names USD (policies/amazon-us.json); every other pack is CNY.
ALTER TABLE shops ADD COLUMN currency text;
UPDATE shops SET currency = CASE WHEN policy_pack = 'amazon-us' THEN 'USD' ELSE 'CNY' END;
ALTER TABLE shops ALTER COLUMN currency SET NOT NULL;
ALTER TABLE shops ADD CONSTRAINT shops_currency CHECK (currency IN ('CNY', 'USD'));
ALTER TABLE orders ADD COLUMN currency text;
UPDATE orders o SET currency = s.currency FROM shops s WHERE s.shop_id = o.shop_id;
UPDATE orders SET currency = 'CNY' WHERE currency IS NULL;
UPDATE orders SET state = jsonb_set(state, '{currency}', to_jsonb(currency)) WHERE NOT state ? 'currency';
ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
ALTER TABLE refunds ADD COLUMN currency text;
UPDATE refunds r SET currency = o.currency FROM orders o WHERE o.shop_id = r.shop_id AND o.order_id = r.order_id;
UPDATE refunds SET currency = 'CNY' WHERE currency IS NULL;
ALTER TABLE refunds ALTER COLUMN currency SET NOT NULL;
ALTER TABLE ledger ADD COLUMN currency text;
UPDATE ledger l SET currency = o.currency FROM orders o WHERE o.shop_id = l.shop_id AND o.order_id = l.order_id;
UPDATE ledger SET currency = 'CNY' WHERE currency IS NULL;
ALTER TABLE ledger ALTER COLUMN currency SET NOT NULL;
ALTER TABLE deposit_ledger ADD COLUMN currency text;
UPDATE deposit_ledger d SET currency = s.currency FROM shops s WHERE s.shop_id = d.shop_id;
UPDATE deposit_ledger SET currency = 'CNY' WHERE currency IS NULL;
ALTER TABLE deposit_ledger ALTER COLUMN currency SET NOT NULL;
`,
  },
  {
    version: 19,
    name: 'marketplace claims: A-to-z Guarantee and SAFE-T (SPEC §13)',
    sql: `
-- SPEC §13: the projection of each claim (its events: a hash-chained stream claim:<id> in
-- governance_events, as complaints'); state is the snapshot the decider starts from. Its money is
-- written to the ledger (entry ids claim:<id>:<version>:credit|debit) in the same transaction.
CREATE TABLE claims (
  shop_id        text NOT NULL,
  claim_id       text NOT NULL,
  kind           text NOT NULL,
  order_id       text NOT NULL,
  case_id        text,
  buyer_id       text NOT NULL,
  status         text NOT NULL,
  amount         bigint NOT NULL,
  deadline_kind  text,
  deadline_due   timestamptz,
  filed_at       timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  version        integer NOT NULL,
  last_hash      text,
  state          jsonb NOT NULL,
  PRIMARY KEY (shop_id, claim_id)
);
CREATE INDEX claims_by_id ON claims (claim_id);
CREATE INDEX claims_by_order ON claims (shop_id, order_id);
CREATE INDEX claims_by_buyer ON claims (buyer_id);
CREATE INDEX claims_queue ON claims (shop_id, status, deadline_due);
`,
  },
];

/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK = 72_011_853;

/**
 * Applies the migrations not yet applied, in the current schema, in one transaction that holds an
 * advisory lock: several processes starting at once migrate one after the other, and the later
 * ones find nothing left to do.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    // docs/scaling.md: on Citus, the new tables are distributed by shop_id in the same transaction.
    if (await hasCitus(tx)) await distributeTables(tx);
    return applied;
  });
}
