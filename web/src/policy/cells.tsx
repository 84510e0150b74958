// Table cells shared by the pack and shop tables: a parameter by its name, a value in words, and the
// cited source shortened (whole text in a tooltip). Operators read words (issue 16): the code and
// the raw value are only in the hover title, for whoever configures the API.
import { Tag, Tooltip, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';
import { sourceInWords, valueInWords } from './values.ts';

const SOURCE_MAX = 60;

export function ParamCell({ name }: { name: string }) {
  const t = useT();
  const key = `policy.param.${name}`;
  const human = t(key);
  return (
    <Typography.Text strong title={name} data-testid={`param-${name}`}>
      {human !== key ? human : name}
    </Typography.Text>
  );
}

/** `of`: whose value it is, for the tests' ids (the shop table shows the pack's and the shop's). */
export function ValueCell({ name, raw, of = 'value' }: { name: string; raw: string | null; of?: 'value' | 'pack-value' }) {
  const t = useT();
  return (
    <Typography.Text title={raw ?? undefined} data-testid={`${of}-${name}`}>
      {valueInWords(name, raw, t)}
    </Typography.Text>
  );
}

export function SourceCell({ source }: { source: string | null }) {
  const t = useT();
  if (!source) return <Typography.Text type="secondary">—</Typography.Text>;
  const { text, sameAs } = sourceInWords(source, t);
  const same = sameAs && <Tag>{t('policy.source.sameAs', { pack: sameAs })}</Tag>;
  if (text.length <= SOURCE_MAX) {
    return (
      <Typography.Text type="secondary">
        {text} {same}
      </Typography.Text>
    );
  }
  // Focusable so the whole text can be read from the keyboard too.
  return (
    <Tooltip title={text}>
      <Typography.Text type="secondary" tabIndex={0} aria-label={text}>
        {text.slice(0, SOURCE_MAX)}… {same}
      </Typography.Text>
    </Tooltip>
  );
}
