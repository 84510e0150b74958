// The goods an application claims: each line of the order with how many units (default: all).
import { Checkbox, Flex, InputNumber, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';
import type { OrderLine } from '../../../src/contract/index.ts';

/** Units claimed per line id; 0: the line is not claimed. */
export type LineChoice = Record<string, number>;

export const allUnits = (lines: OrderLine[]): LineChoice => Object.fromEntries(lines.map((l) => [l.id, l.quantity]));

/**
 * The `lines` of an application, or undefined when every unit of every line is claimed: the API
 * then takes every unit still claimable (units already refunded are left out, SPEC §3).
 */
export function claimedLines(lines: OrderLine[], choice: LineChoice): { line: string; quantity: number }[] | undefined {
  if (lines.every((l) => choice[l.id] === l.quantity)) return undefined;
  return lines.filter((l) => (choice[l.id] ?? 0) > 0).map((l) => ({ line: l.id, quantity: choice[l.id]! }));
}

export function LinePicker({ lines, value = {}, onChange, id }: { lines: OrderLine[]; value?: LineChoice; onChange?: (v: LineChoice) => void; id?: string }) {
  const t = useT();
  const set = (line: string, n: number) => onChange?.({ ...value, [line]: n });
  return (
    <Flex vertical gap={8} id={id} data-testid="apply-lines">
      {lines.map((l) => {
        const n = value[l.id] ?? 0;
        const name = l.title ?? l.sku;
        return (
          <Flex key={l.id} gap={8} align="center" justify="space-between" wrap>
            <Checkbox checked={n > 0} onChange={(e) => set(l.id, e.target.checked ? l.quantity : 0)} data-testid={`apply-line-${l.id}`}>
              {name}
            </Checkbox>
            <Flex gap={4} align="center">
              <Typography.Text type="secondary">×</Typography.Text>
              <InputNumber
                size="small"
                min={1}
                max={l.quantity}
                precision={0}
                disabled={n === 0}
                value={n || null}
                onChange={(v) => set(l.id, v ?? 1)}
                aria-label={t('buyer.apply.quantityOf', { name })}
                style={{ width: 72 }}
              />
              <Typography.Text type="secondary">/ {l.quantity}</Typography.Text>
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
