// Request-shape refusals in words (issue 10): the schema validator's findings named as the console
// names fields, in the caller's language; never the validator's English, never a raw pointer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/store/db.ts';
import { httpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
beforeAll(async () => {
  world = await httpWorld(() => openPglite(), 'request_errors');
});
afterAll(() => world.close());

async function refusal(method: 'GET' | 'POST', url: string, payload: string | object | undefined, lang: 'zh' | 'en') {
  const res = await world.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
    headers: { authorization: `Bearer ${world.keys.platform}`, 'accept-language': lang, 'content-type': 'application/json' },
  });
  expect(res.statusCode, res.body).toBe(400);
  const { error } = res.json() as { error: { code: string; message: string; details: Record<string, unknown> } };
  expect(error.code).toBe('validation');
  // Not the validator's wording, not a JSON pointer.
  expect(error.message).not.toMatch(/Invalid input|expected|body\/|\/amount/);
  return error;
}

describe('request-shape refusals in words', () => {
  it('a wrong type names the field as the console does, in Chinese and in English', async () => {
    const zh = await refusal('POST', '/v1/cases/NOPE/offer', { type: 'refund_only', amount: 'lots' }, 'zh');
    expect(zh.message).toBe('「金额」应为数字');
    expect(zh.details).toMatchObject({ field: 'amount', in: 'body' });
    const en = await refusal('POST', '/v1/cases/NOPE/offer', { type: 'refund_only', amount: 'lots' }, 'en');
    expect(en.message).toBe('amount must be a number');
  });

  it('a missing field, an unknown field, a value out of range and one not in the list', async () => {
    expect((await refusal('POST', '/v1/cases/NOPE/reject', {}, 'zh')).message).toContain('请填写「理由」');
    expect((await refusal('POST', '/v1/cases/NOPE/agree', { return_adress: 'x' }, 'en')).message).toBe('the body has fields this request does not take: return_adress');
    expect((await refusal('POST', '/v1/cases/NOPE/offer', { type: 'refund_only', amount: -5 }, 'zh')).message).toMatch(/^「金额」不能小于/);
    expect((await refusal('POST', '/v1/cases/NOPE/offer', { type: 'teleport', amount: 5 }, 'en')).message).toMatch(/^type must be one of: .*refund_only/);
  });

  it('query strings too, and a body that is not JSON', async () => {
    expect((await refusal('GET', '/v1/cases?limit=0', undefined, 'zh')).message).toMatch(/^「每页条数」/);
    expect((await refusal('POST', '/v1/cases/NOPE/agree', '{"return_address":', 'zh')).message).toBe('请求体不是有效的 JSON');
    expect((await refusal('POST', '/v1/cases/NOPE/agree', '{"return_address":', 'en')).message).toBe('the request body is not valid JSON');
  });
});
