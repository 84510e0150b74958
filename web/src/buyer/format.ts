// How the buyer pages write instants and evidence files.
import { ALLOWED_TYPES } from '../../../src/contract/enums.ts';
import type { Lang } from '../i18n/index.tsx';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2026-03-11T00:00:00+08:00" → "3月11日 00:00" / "11 Mar 00:00": the wall-clock time the API
 * writes, in the platform zone (SPEC §1), as the refusal messages say it; the year only when it is
 * not this one.
 */
export function localTime(iso: string | null | undefined, lang: Lang): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  if (!m) return '—';
  const [, y, mo, d, hh, mm] = m as unknown as [string, string, string, string, string, string];
  const year = Number(y) === new Date().getFullYear() ? '' : y;
  return lang === 'zh' ? `${year ? `${year}年` : ''}${Number(mo)}月${Number(d)}日 ${hh}:${mm}` : `${Number(d)} ${MONTHS[Number(mo) - 1]}${year ? ` ${year}` : ''} ${hh}:${mm}`;
}

/** Files the API takes as a photo or video: the images and videos of the accepted types. */
export const MEDIA_ACCEPT = ALLOWED_TYPES.filter((t) => t.startsWith('image/') || t.startsWith('video/')).join(',');

/** The evidence kind of a picked file: a video is a video, anything else a photo. */
export const kindOf = (file: File) => (file.type.startsWith('video/') ? 'video' : 'photo');
