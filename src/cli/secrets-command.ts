// `aftersale secrets rotate` and `aftersale secrets rotate-token [--grace-days N]` (issue 19 item 4).
import { systemClock } from '../app/clock.ts';
import { dataDirOf, flag } from '../app/configured-database.ts';
import { rotateTokenSecretFile } from '../app/configured-secrets.ts';
import { rotateDataDirKey } from '../app/configured-webhooks.ts';
import { engineOn, openConfigured } from './ops-commands.ts';
import type { Out } from './simulate-command.ts';

const USAGE = `usage:
  aftersale secrets rotate                     re-encrypt every webhook secret under the current key
                                               (AFTERSALE_SECRET_KEY's first; embedded: a new key is made first)
  aftersale secrets rotate-token [--grace-days N]  a new buyer-token signing secret; tokens signed with the
                                               old one stay valid N days (default 7)`;

export async function secretsCommand(args: string[], out: Out): Promise<number> {
  if (args[0] === 'rotate') {
    const made = rotateDataDirKey(process.env);
    const db = await openConfigured(args);
    try {
      const { endpoints, reencrypted } = await engineOn(db, args).reencryptWebhookSecrets();
      out.log(`${made ? 'a new key leads the data directory\'s secret-key; ' : ''}${reencrypted} of ${endpoints} webhook secrets re-encrypted under the current key`);
      if (!made) out.log('the old keys may now leave AFTERSALE_SECRET_KEY');
      return 0;
    } finally {
      await db.close();
    }
  }
  if (args[0] === 'rotate-token') {
    const days = Number(flag(args, '--grace-days') ?? 7);
    if (!Number.isInteger(days) || days < 0 || days > 90) {
      out.error('--grace-days: a whole number of days from 0 to 90');
      return 2;
    }
    const now = systemClock.now();
    const { value, written } = rotateTokenSecretFile(process.env, dataDirOf(), now + days * 86_400_000, now);
    if (written) out.log(`a new buyer-token secret signs from the next start; tokens signed before stay valid ${days} days`);
    else out.log(`set AFTERSALE_TOKEN_SECRET to this value on every process (tokens signed before stay valid ${days} days):\n${value}`);
    return 0;
  }
  out.error(USAGE);
  return 2;
}
