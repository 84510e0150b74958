// SPEC §10.1 (issue 13) the case's conversation: the buyer and the merchant write to each other on
// a case, the platform too once it is involved (the case was escalated). A message is a case event,
// so it is part of the case's hash-chained history; it moves no status and starts no clock.
import type { CaseCommand } from '../commands.ts';
import type { Draft } from '../draft.ts';
import { refuse, type Refusal } from '../errors.ts';
import type { CaseState } from '../state.ts';
import type { Actor } from '../types.ts';

/** A message's text stays a chat line, as on tickets. */
export const MAX_CASE_MESSAGE_CHARS = 2000;

export function postMessage(d: Draft, cmd: Extract<CaseCommand, { kind: 'post_message' }>, c: CaseState, actor: Actor): Refusal | void {
  if (actor.role === 'platform' && !c.escalated) {
    return refuse('forbidden', 'platform_not_involved', '平台尚未介入该售后单, 不能留言', 'the platform writes on a case once it is asked to step in', { role: 'platform' });
  }
  const attachments = cmd.attachments ?? [];
  if (typeof cmd.text !== 'string' || (cmd.text.trim() === '' && attachments.length === 0)) {
    return refuse('validation', 'message', '请填写留言内容或添加附件', 'a message needs text or an attachment', { field: 'text' });
  }
  if (cmd.text.length > MAX_CASE_MESSAGE_CHARS) {
    return refuse('validation', 'message', `留言不能超过 ${MAX_CASE_MESSAGE_CHARS} 字`, `a message is at most ${MAX_CASE_MESSAGE_CHARS} characters`, { field: 'text', max: MAX_CASE_MESSAGE_CHARS });
  }
  const party = actor.role as 'buyer' | 'merchant' | 'platform';
  d.emit({ type: 'CaseMessagePosted', at: d.now, caseId: c.id, party, text: cmd.text, attachments: attachments.map((a) => ({ ...a, party, at: d.now })) });
}
