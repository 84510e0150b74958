// Request-shape refusals in words (issue 10): what the schema validator found in a body, a query
// string or a path, said the way the console labels its fields, in Chinese and English — never the
// validator's own English ("body/amount Invalid input: expected number"). SPEC §11 `validation`.
import { refuse, type Refusal } from '../domain/errors.ts';
import { fieldName, type Label } from '../domain/labels.ts';

/** One issue as fastify-type-provider-zod reports it (a zod issue with its path as a pointer). */
interface Issue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const PLACES: Record<string, Label> = {
  body: { zh: '请求体', en: 'the body' },
  querystring: { zh: '查询参数', en: 'the query string' },
  params: { zh: '路径', en: 'the path' },
  headers: { zh: '请求头', en: 'the headers' },
};

const TYPES: Record<string, Label> = {
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  string: { zh: '文字', en: 'text' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
};

/** The field an issue is about: the last named segment of its path ("/lines/0/quantity" → quantity). */
function fieldOf(issue: Issue): string | null {
  const names = (issue.instancePath ?? '').split('/').filter((s) => s !== '' && !/^\d+$/.test(s));
  return names.at(-1) ?? null;
}

const quoted = (field: string | null, where: Label): Label =>
  field ? { zh: `「${fieldName(field).zh}」`, en: fieldName(field).en } : { zh: where.zh, en: where.en };

/** One issue in words. */
function issueInWords(issue: Issue, where: Label): Label {
  const field = fieldOf(issue);
  const f = quoted(field, where);
  const p = issue.params ?? {};
  const n = String(p.minimum ?? p.maximum ?? '');
  switch (issue.keyword) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message ?? '')) return { zh: `请填写${f.zh}`, en: `${f.en} is required` };
      const t = TYPES[String(p.expected)] ?? { zh: String(p.expected), en: String(p.expected) };
      return { zh: `${f.zh}应为${t.zh}`, en: `${f.en} must be ${t.en}` };
    }
    case 'too_small':
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? { zh: `${f.zh}不能为空`, en: `${f.en} cannot be empty` } : { zh: `${f.zh}至少 ${n} 个字`, en: `${f.en} needs at least ${n} characters` };
      if (p.origin === 'array' || p.origin === 'set') return { zh: `${f.zh}至少需要 ${n} 项`, en: `${f.en} needs at least ${n} items` };
      return { zh: `${f.zh}不能小于 ${n}`, en: `${f.en} cannot be less than ${n}` };
    case 'too_big':
      if (p.origin === 'string') return { zh: `${f.zh}最多 ${n} 个字`, en: `${f.en} takes at most ${n} characters` };
      if (p.origin === 'array' || p.origin === 'set') return { zh: `${f.zh}最多 ${n} 项`, en: `${f.en} takes at most ${n} items` };
      return { zh: `${f.zh}不能大于 ${n}`, en: `${f.en} cannot be more than ${n}` };
    case 'invalid_value':
    case 'invalid_enum_value': {
      const values = Array.isArray(p.values) ? p.values.map(String).join(', ') : '';
      return values ? { zh: `${f.zh}只能是: ${values}`, en: `${f.en} must be one of: ${values}` } : { zh: `${f.zh}的取值无效`, en: `${f.en} has a value that is not allowed` };
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String).join(', ') : '';
      return { zh: `${where.zh}有不认识的字段: ${keys}`, en: `${where.en} has fields this request does not take: ${keys}` };
    }
    case 'invalid_format':
      return { zh: `${f.zh}的格式不对`, en: `${f.en} is not in the expected format` };
    case 'not_multiple_of':
      return { zh: `${f.zh}应为 ${String(p.divisor)} 的倍数`, en: `${f.en} must be a multiple of ${String(p.divisor)}` };
    default:
      return { zh: `${f.zh}无效`, en: `${f.en} is not valid` };
  }
}

/** The validator's issues (at most three named) as one `validation` refusal. */
export function validationRefusal(issues: readonly Issue[], context: string | undefined): Refusal {
  const where = PLACES[context ?? 'body'] ?? PLACES.body!;
  const said = issues.slice(0, 3).map((i) => issueInWords(i, where));
  const first = issues[0];
  return refuse('validation', 'request', said.map((s) => s.zh).join('；'), said.map((s) => s.en).join('; '), {
    ...(first && fieldOf(first) ? { field: fieldOf(first) } : {}),
    in: context ?? 'body',
    issues: issues.map((i) => ({ path: i.instancePath ?? '', code: i.keyword ?? 'invalid' })),
  });
}

/** Errors Fastify raises before a handler runs (unreadable JSON, a body too large, …), in words. */
export function requestRefusal(err: { code?: string; statusCode?: number; message: string }): Refusal {
  const say = (zh: string, en: string) => refuse('validation', 'request', zh, en, { reason: err.code ?? 'invalid_request' });
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return say('请求体过大', 'the request body is too large');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) return say('不支持这种请求内容类型, 请用 application/json', 'this content type is not accepted: send application/json');
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return say('请求体为空', 'the request body is empty');
  if (/NUL character|invalid Unicode/.test(err.message)) return say('请求含有无效字符 (NUL 或无效的 Unicode)', 'the request holds a NUL character or invalid Unicode');
  if (/malformed JSON|JSON/.test(err.message)) return say('请求体不是有效的 JSON', 'the request body is not valid JSON');
  if (/CSV/.test(err.message)) return say('CSV 文件含有无效字符', 'the CSV file holds a NUL character or invalid Unicode');
  return say('请求无效, 请检查地址和参数', 'the request is not valid: check the URL and its parameters');
}
