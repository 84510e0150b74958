// The CLI entry: one subcommand per file, each taking its arguments and an output sink, returning
// its exit code (2: bad usage or bad input).
import { policyCommand } from './policy-command.ts';
import { simulateCommand, type Out } from './simulate-command.ts';

const USAGE = `aftersale — after-sales (售后) engine

usage:
  aftersale simulate FILE... [--json] [--verbose]   run scenario files with a simulated clock
  aftersale policy show PACK [--at INSTANT]         a pack's parameters and their sources
  aftersale policy check                            where packs are less generous than cn-baseline
  aftersale serve [--demo] [--no-worker] [--processes N]  the HTTP API (PORT, default 3000; N processes sharing it, default the cores, on PostgreSQL) and the worker loops
  aftersale demo                                    run the demo scenarios and print a case timeline

operations (PostgreSQL when DATABASE_URL is set, else the embedded database in AFTERSALE_DATA_DIR;
--schema NAME or AFTERSALE_SCHEMA picks a schema):
  aftersale migrate                                 apply the database migrations
  aftersale worker [--until-idle] [--no-relay] [--allow-http] [--allow-private-webhooks]  deadline runner, reminders, refunds, webhook relay
  aftersale doctor [--full]                         check every invariant (metric rollups: a sample of shops, all with --full); exit 1 on a breach
  aftersale shops show SHOP                         points vs thresholds, sanctions, deposit, complaints
  aftersale rules show SHOP                         the shop's automation rules (SPEC §10.2)
  aftersale rules backtest SHOP RULES.json [--days 30] [--json]  what proposed rules would have done (nothing written)
  aftersale metrics SHOP [--at INSTANT] [--window DAYS]  shop metrics beside the category averages (SPEC §8.4)
  aftersale metrics rebuild [--shop S]              recompute metric rollups from the event history
  aftersale history export CASE [--out FILE]        a case's history with its hash chain (JSON)
  aftersale history verify [CASE]                   detect edited, deleted or reordered events
  aftersale events tail [--shop S] [--follow]       the outbox stream
  aftersale webhooks add --shop S --url U --secret X  register a webhook endpoint (https; --allow-http for development)
  aftersale secrets rotate                          re-encrypt webhook secrets under the current key (AFTERSALE_SECRET_KEY)
  aftersale secrets rotate-token [--grace-days N]   a new buyer-token secret; old tokens valid N more days
  aftersale audit export [--after SEQ] [--out FILE] the audit trail of platform and admin actions (JSON lines)
  aftersale audit verify                            check the audit trail's hash chain
  aftersale import orders FILE [--format csv|json] [--as SHOP|platform]  place the orders of a CSV or JSON/NDJSON file`;

const stdout: Out = { log: (l) => console.log(l), error: (l) => console.error(l) };

/**
 * Commands of the outer layers the CLI does not import (layering: cli and http never import each
 * other): bin/aftersale.mjs, the composition root, hands in `serve` (src/http/serve-command.ts).
 */
export interface HostedCommands {
  serve?: () => Promise<(args: string[], out: Out) => Promise<number>>;
}

export async function main(argv: string[], out: Out = stdout, hosted: HostedCommands = {}): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'simulate':
      return simulateCommand(rest, out);
    case 'policy':
      return policyCommand(rest, out);
    case 'migrate':
    case 'worker':
    case 'doctor':
    case 'history':
    case 'events':
    case 'webhooks':
    case 'shops': {
      const ops = await import('./ops-commands.ts');
      const run = {
        migrate: ops.migrateCommand,
        worker: ops.workerCommand,
        doctor: ops.doctorCommand,
        history: ops.historyCommand,
        events: ops.eventsCommand,
        webhooks: ops.webhooksCommand,
        shops: ops.shopsCommand,
      }[command];
      return run(rest, out);
    }
    case 'serve': {
      if (!hosted.serve) {
        out.error('serve: the HTTP server is started by bin/aftersale.mjs');
        return 2;
      }
      return (await hosted.serve())(rest, out);
    }
    case 'secrets': {
      const { secretsCommand } = await import('./secrets-command.ts');
      return secretsCommand(rest, out);
    }
    case 'audit': {
      const { auditCommand } = await import('./audit-command.ts');
      return auditCommand(rest, out);
    }
    case 'rules': {
      const { rulesCommand } = await import('./rules-command.ts');
      return rulesCommand(rest, out);
    }
    case 'metrics': {
      const { metricsCommand } = await import('./metrics-command.ts');
      return metricsCommand(rest, out);
    }
    case 'import': {
      const { importCommand } = await import('./import-command.ts');
      return importCommand(rest, out);
    }
    case 'demo': {
      const { demoCommand } = await import('./demo-command.ts');
      return demoCommand(rest, out);
    }
    case undefined:
    case 'help':
    case '--help':
      out.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      out.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
