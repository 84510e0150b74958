// Table cells shared by the pack and shop tables: a parameter by name and code, a value in words
// with its raw form, and the cited source shortened (whole text in a tooltip).
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';
import { sourceInWords, valueInWords } from './values.ts';

const SOURCE_MAX = 60;

export function ParamCell({ name }: { name: string }) {
  const t = useT();
  const key = `policy.param.${name}`;
  const human = t(key);
  return (
    <Space orientation="vertical" size={0}>
      {human !== key && <Typography.Text strong>{human}</Typography.Text>}
      <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {name}
      </Typography.Text>
    </Space>
  );
}

export function ValueCell({ name, raw }: { name: string; raw: string | null }) {
  const t = useT();
  const words = valueInWords(name, raw, t);
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{words}</Typography.Text>
      {raw !== null && words !== raw && (
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {raw}
        </Typography.Text>
      )}
    </Space>
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
