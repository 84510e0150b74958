// Issue 16: an amount in words before it is sent — the capital numerals of Chinese receipts and
// cheques (大写金额: 壹贰叁…, 元角分, "整" when no fen) and English words — and the check that a typed
// yuan amount has at most two decimals (12.345 is refused, never silently sent as ¥12.35).

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const BIG = ['', '万', '亿', '万亿'];

/** Integer yuan → 壹仟零贰拾元 style (a zero inside a group says 零 once; groups of four digits). */
function yuanWords(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 10000)) groups.push(x % 10000);
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const v = groups[g]!;
    if (v === 0) {
      zeroPending = out !== '';
      continue;
    }
    let part = '';
    let innerZero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(v / 10 ** i) % 10;
      if (d === 0) {
        innerZero = part !== '' || out !== '';
        continue;
      }
      if (innerZero || (zeroPending && part === '')) part += '零';
      innerZero = false;
      zeroPending = false;
      part += DIGITS[d]! + SMALL[i]!;
    }
    out += part + BIG[g]!;
    // A group below 1000 after a higher group reads 零 first (壹万零伍拾).
    zeroPending = false;
    if (g > 0 && groups[g - 1]! < 1000 && groups[g - 1]! > 0) zeroPending = true;
  }
  return out;
}

/** Fen → 人民币壹拾贰元叁角伍分 (SPEC §5 money is integer fen). */
export function fenInChinese(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  let s = `人民币${yuanWords(yuan)}元`;
  if (jiao === 0 && f === 0) return `${s}整`;
  if (jiao > 0) s += `${DIGITS[jiao]}角`;
  else if (yuan > 0) s += '零';
  if (f > 0) s += `${DIGITS[f]}分`;
  return s;
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function english(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${english(n % 100)}` : ''}`;
  for (const [size, word] of [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']] as const) {
    if (n >= size) return `${english(Math.floor(n / size))} ${word}${n % size ? ` ${english(n % size)}` : ''}`;
  }
  return String(n);
}

/** Fen → "twelve yuan thirty-five fen". */
export function fenInEnglish(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return `${english(yuan)} yuan${rest ? ` ${english(rest)} fen` : ''}`;
}

/** A yuan amount as typed has at most two decimals (fen). */
export const hasAtMostFen = (v: number | string | null | undefined) => v === null || v === undefined || v === '' || /^\d+(\.\d{0,2})?$/.test(String(v).trim());
