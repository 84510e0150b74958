// Bulk order import (SPEC §1: orders come from the shop system by API or CSV/JSON import). A file
// becomes a list of orders, each validated and placed on its own: a bad row never loses a good one,
// and every failure names its row and a SPEC §11 code.
//
// JSON: an array of orders, or NDJSON (one order per line), each as scenarios/FORMAT.md "ORDER".
// CSV: a header row, then one row per order LINE; rows with the same (shop, order_id) form one order
// and must agree on the order-level columns. Empty cells are absent; booleans true/false/1/0;
// money and counts are whole numbers (fen); flags are separated by `|`.
import { parseInstant } from '../domain/calendar.ts';
import type { OrderInput } from '../domain/commands.ts';
import { refuse, type ErrorCode, type Refusal } from '../domain/errors.ts';
import type { Actor } from '../domain/types.ts';
import type { Engine } from './engine.ts';
import { toOrderInput } from './schemas.ts';

/** One order to import, as read from the file (or why it could not be read). */
export interface ImportRow {
  /** Where the order starts: its 1-based line (CSV, NDJSON) or 1-based array index (JSON array). */
  row: number;
  /** The order id, when it could be read. */
  order?: string;
  /** The order in the FORMAT.md ORDER shape; absent when `error` is set. */
  raw?: unknown;
  /** Why the row could not be turned into an order (always a `validation` refusal). */
  error?: Refusal;
  /** CSV: the line of the file each order line came from, to point a line's error at its row. */
  lineRows?: number[];
}

export interface ImportFailure {
  row: number;
  order?: string;
  code: ErrorCode;
  message: string;
}

export interface ImportResult {
  placed: number;
  failed: ImportFailure[];
}

/** The whole file is unusable (no header, unknown columns, not JSON at all): nothing to import. */
export class ImportFileError extends Error {}

export const CSV_ORDER_COLUMNS = [
  'order_id',
  'shop',
  'buyer',
  'placed_at',
  'paid_at',
  'ship_by',
  'shipped_at',
  'carrier',
  'tracking',
  'signed_at',
  'signed_on',
  'completed_at',
  'shipping_fee',
  'free_shipping',
  'shipping_insurance',
  // SPEC §13: optional; must be the shop's currency (CNY or USD) when given.
  'currency',
] as const;
export const CSV_LINE_COLUMNS = ['line_id', 'sku', 'title', 'category', 'quantity', 'paid_amount', 'flags', 'warranty_days'] as const;
export const CSV_COLUMNS = [...CSV_ORDER_COLUMNS, ...CSV_LINE_COLUMNS] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ['order_id', 'shop', 'buyer', 'placed_at', 'line_id', 'sku', 'quantity', 'paid_amount'];
const INTEGER_COLUMNS = new Set<Column>(['shipping_fee', 'shipping_insurance', 'quantity', 'paid_amount', 'warranty_days']);
const MONEY_COLUMNS = new Set<Column>(['shipping_fee', 'shipping_insurance', 'paid_amount']);
const INSTANT_COLUMNS = new Set<Column>(['placed_at', 'paid_at', 'ship_by', 'shipped_at', 'signed_at', 'completed_at']);

const invalid = (field: string, zh: string, en: string, extra: Record<string, unknown> = {}) => refuse('validation', field, zh, en, { field, ...extra });

export function parseOrdersFile(text: string, format: 'csv' | 'json'): ImportRow[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return format === 'csv' ? parseCsvOrders(body) : parseJsonOrders(body);
}

// ---------------------------------------------------------------------------------------------- JSON

function jsonRow(row: number, raw: unknown): ImportRow {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return { row, raw, ...(typeof id === 'string' ? { order: id } : {}) };
}

function parseJsonOrders(text: string): ImportRow[] {
  if (text.trim() === '') return [];
  let whole: unknown;
  let parsed = false;
  try {
    whole = JSON.parse(text);
    parsed = true;
  } catch (e) {
    // A JSON array that does not parse cannot be split into orders: the file is unusable.
    if (text.trimStart().startsWith('[')) throw new ImportFileError(`invalid JSON: ${(e as Error).message}`);
  }
  if (parsed) {
    if (Array.isArray(whole)) return whole.map((o, i) => jsonRow(i + 1, o));
    if (typeof whole === 'object' && whole !== null) return [jsonRow(1, whole)];
    throw new ImportFileError('expected an array of orders or one order per line (NDJSON)');
  }
  // NDJSON: each line on its own.
  const rows: ImportRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      rows.push(jsonRow(i + 1, JSON.parse(line)));
    } catch (e) {
      const why = (e as Error).message;
      rows.push({ row: i + 1, error: invalid('json', `第 ${i + 1} 行不是有效的 JSON: ${why}`, `invalid JSON: ${why}`) });
    }
  });
  return rows;
}

// ----------------------------------------------------------------------------------------------- CSV

interface CsvRecord {
  /** The 1-based line the record starts on. */
  line: number;
  cells: string[];
  error?: string;
}

/** RFC 4180 records: quoted fields may hold commas, `""` and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const rec: CsvRecord = { line, cells: [] };
    let cell = '';
    let quotedCell = false;
    for (;;) {
      if (i >= n) {
        rec.cells.push(cell);
        break;
      }
      const c = text[i]!;
      if (c === '"' && cell === '' && !quotedCell) {
        // A quoted field: up to the closing quote; "" is one quote.
        quotedCell = true;
        i++;
        let closed = false;
        while (i < n) {
          const q = text[i]!;
          if (q === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (q === '\n') line++;
          cell += q;
          i++;
        }
        if (!closed) {
          rec.error ??= 'a quoted field is not closed';
        } else if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          rec.error ??= 'text after a closing quote';
          // Keep the rest of the field so the record still ends where it should.
          while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
        }
        continue;
      }
      if (c === ',') {
        rec.cells.push(cell);
        cell = '';
        quotedCell = false;
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        rec.cells.push(cell);
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        break;
      }
      if (c === '"') rec.error ??= 'a quote inside an unquoted field (quote the whole field and double the quote)';
      cell += c;
      i++;
    }
    // Blank lines separate nothing: skip them.
    if (!(rec.cells.length === 1 && rec.cells[0] === '' && !rec.error)) records.push(rec);
  }
  return records;
}

type Cells = Partial<Record<Column, string>>;

/** A cell as the ORDER field wants it: a whole number, a boolean, a list of flags, or text. */
function cellValue(col: Column, v: string): { value: unknown } | { error: Refusal } {
  if (INTEGER_COLUMNS.has(col)) {
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
      const unit = MONEY_COLUMNS.has(col) ? ' (minor units: fen, cents)' : '';
      return { error: invalid(col, `字段 ${col} 应为整数${unit ? '(最小货币单位: 分, 美分)' : ''}, 实际为 "${v}"`, `invalid ${col}: expected a whole number${unit}, found "${v}"`) };
    }
    return { value: Number(v) };
  }
  if (col === 'free_shipping') {
    const b = v.toLowerCase();
    if (!['true', 'false', '1', '0'].includes(b)) {
      return { error: invalid(col, `字段 ${col} 应为 true/false/1/0, 实际为 "${v}"`, `invalid ${col}: expected true, false, 1 or 0, found "${v}"`) };
    }
    return { value: b === 'true' || b === '1' };
  }
  if (col === 'flags') {
    return {
      value: v
        .split('|')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
    };
  }
  return { value: v };
}

/** Whether two rows say the same thing in an order-level column (instants compare as instants). */
function sameCell(col: Column, a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (INSTANT_COLUMNS.has(col)) {
    const x = parseInstant(a);
    return x !== null && x === parseInstant(b);
  }
  if (col === 'free_shipping') {
    const t = (s: string) => ['true', '1'].includes(s.toLowerCase());
    return ['true', 'false', '1', '0'].includes(a.toLowerCase()) && ['true', 'false', '1', '0'].includes(b.toLowerCase()) && t(a) === t(b);
  }
  return false;
}

interface Group {
  row: number;
  first: Cells;
  raw: Record<string, unknown>;
  lines: Record<string, unknown>[];
  lineRows: number[];
  error?: Refusal;
  errorRow?: number;
}

function parseCsvOrders(text: string): ImportRow[] {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) return [];
  if (header.error) throw new ImportFileError(`line ${header.line}: header: ${header.error}`);
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const known = new Set<string>(CSV_COLUMNS);
  const unknown = names.filter((h) => !known.has(h));
  if (unknown.length) throw new ImportFileError(`unknown column(s) ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`);
  const twice = names.filter((h, i) => names.indexOf(h) !== i);
  if (twice.length) throw new ImportFileError(`column "${twice[0]}" appears twice`);
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) throw new ImportFileError(`missing column(s) ${missing.join(', ')}`);
  const columns = names as Column[];

  // Units in the order their first row appears: groups (orders) and rows that belong to none.
  const units: (Group | ImportRow)[] = [];
  const groups = new Map<string, Group>();
  for (const rec of records) {
    if (rec.error) {
      units.push({ row: rec.line, error: invalid('csv', `第 ${rec.line} 行 CSV 格式错误: ${rec.error}`, `malformed CSV: ${rec.error}`) });
      continue;
    }
    if (rec.cells.length !== columns.length) {
      units.push({
        row: rec.line,
        error: invalid('csv', `应有 ${columns.length} 列, 实际 ${rec.cells.length} 列`, `expected ${columns.length} cells, found ${rec.cells.length} (quote a field that holds a comma)`),
      });
      continue;
    }
    const cells: Cells = {};
    columns.forEach((c, i) => {
      const v = rec.cells[i]!.trim();
      if (v !== '') cells[c] = v;
    });
    const orderId = cells.order_id;
    const shop = cells.shop;
    if (orderId === undefined || shop === undefined) {
      const col = orderId === undefined ? 'order_id' : 'shop';
      units.push({ row: rec.line, ...(orderId ? { order: orderId } : {}), error: invalid(col, `字段 ${col} 不能为空`, `invalid ${col}: required`) });
      continue;
    }
    const key = `${shop}\u0000${orderId}`;
    let g = groups.get(key);
    const fail = (r: Refusal) => {
      if (g && !g.error) {
        g.error = r;
        g.errorRow = rec.line;
      }
    };
    if (!g) {
      g = { row: rec.line, first: cells, raw: {}, lines: [], lineRows: [] };
      groups.set(key, g);
      units.push(g);
      for (const c of CSV_ORDER_COLUMNS) {
        const v = cells[c];
        if (v === undefined) continue;
        const parsed = cellValue(c, v);
        if ('error' in parsed) fail(parsed.error);
        else g.raw[c === 'order_id' ? 'id' : c] = parsed.value;
      }
    } else {
      const differs = CSV_ORDER_COLUMNS.find((c) => !sameCell(c, g!.first[c], cells[c]));
      if (differs) {
        fail(
          invalid(
            differs,
            `订单 ${orderId} 的各行 ${differs} 不一致 (第 ${g.row} 行 "${g.first[differs] ?? ''}", 第 ${rec.line} 行 "${cells[differs] ?? ''}")`,
            `rows of order ${orderId} disagree on ${differs}: "${g.first[differs] ?? ''}" on row ${g.row}, "${cells[differs] ?? ''}" on row ${rec.line}`,
          ),
        );
      }
    }
    const line: Record<string, unknown> = {};
    for (const c of CSV_LINE_COLUMNS) {
      const v = cells[c];
      if (v === undefined) continue;
      const parsed = cellValue(c, v);
      if ('error' in parsed) fail(parsed.error);
      else line[c === 'line_id' ? 'id' : c] = parsed.value;
    }
    g.lines.push(line);
    g.lineRows.push(rec.line);
  }

  return units.map((u) => {
    if (!('lines' in u)) return u;
    const order = u.first.order_id!;
    if (u.error) return { row: u.errorRow!, order, error: u.error };
    return { row: u.row, order, raw: { ...u.raw, lines: u.lines }, lineRows: u.lineRows };
  });
}

/** A schema refusal on a CSV order, told by column and pointed at the row of the line at fault. */
function csvValidation(r: Refusal, row: ImportRow): { row: number; refusal: Refusal } {
  const issue = (r.details.issues as { path: string; message: string }[] | undefined)?.[0];
  if (!issue || !row.lineRows) return { row: row.row, refusal: r };
  const m = /^lines\.(\d+)(?:\.(\w+))?/.exec(issue.path);
  let column = issue.path === 'id' ? 'order_id' : issue.path;
  let at = row.row;
  if (m) {
    at = row.lineRows[Number(m[1])] ?? row.row;
    column = m[2] === 'id' ? 'line_id' : (m[2] ?? 'lines');
  }
  return { row: at, refusal: invalid(column, `字段 ${column} 无效: ${issue.message}`, `invalid ${column}: ${issue.message}`, { issues: r.details.issues }) };
}

// -------------------------------------------------------------------------------------------- place

/**
 * Validates and places each order on its own, in file order. A merchant imports its own shop's
 * orders only (others are `forbidden` one by one); the engine refuses what it refuses (an order that
 * exists already is `invalid_state`, an unknown shop `not_found`). Messages are in `lang`.
 */
export async function importOrders(
  engine: Pick<Engine, 'placeOrder'>,
  rows: readonly ImportRow[],
  actor: Actor,
  onProgress?: (done: number, total: number) => void,
  opts: { lang?: 'zh' | 'en' } = {},
): Promise<ImportResult> {
  const lang = opts.lang ?? 'en';
  const result: ImportResult = { placed: 0, failed: [] };
  const total = rows.length;
  const failed = (row: ImportRow, r: Refusal, at = row.row) =>
    result.failed.push({ row: at, ...(row.order !== undefined ? { order: row.order } : {}), code: r.code, message: r.message[lang] });
  onProgress?.(0, total);
  let done = 0;
  for (const row of rows) {
    await placeOne(row);
    onProgress?.(++done, total);
  }
  return result;

  async function placeOne(row: ImportRow): Promise<void> {
    if (row.error || row.raw === undefined) {
      failed(row, row.error ?? invalid('order', '缺少订单', 'no order'));
      return;
    }
    const input: OrderInput | Refusal = toOrderInput(row.raw);
    if ('ok' in input) {
      const v = csvValidation(input, row);
      failed(row, v.refusal, v.row);
      return;
    }
    if (actor.role === 'merchant' && actor.id !== input.shop) {
      failed(row, refuse('forbidden', 'shop', `不能为其他店铺导入订单 (${input.shop})`, `a shop imports orders of its own shop only (this order is of ${input.shop})`, { shop: input.shop }));
      return;
    }
    const r = await engine.placeOrder(input, actor);
    if (r.ok) result.placed++;
    else failed(row, r);
  }
}
