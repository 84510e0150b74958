#!/usr/bin/env bash
# `npm run test:citus` (docs/scaling.md): a real Citus cluster — a coordinator and two workers, each
# its own PostgreSQL 15 cluster in a temp dir on ports 5441-5443 (CITUS_PORT moves them) — with the
# tables distributed by shop_id as migrate() does on Citus, then the store contract suite, the
# worker suite and the scenario files (the repo's through vitest, the shared public ones through
# the CLI) against the coordinator. The machine's own cluster (5432) is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
libdir=$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir)
if [ ! -f "$libdir/citus.so" ]; then
  for b in ../shared/citus/build.sh /work/shared/citus/build.sh; do
    if [ -f "$b" ]; then bash "$b"; break; fi
  done
fi
dir=$(mktemp -d /tmp/aftersale-citus.XXXXXX)
cleanup() { scripts/citus-cluster.sh stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT
url=$(scripts/citus-cluster.sh start "$dir")
echo "citus: coordinator $url ($(psql "$url" -qAt -c 'SELECT count(*) FROM citus_get_active_worker_nodes()') workers)"
export DATABASE_URL="$url" CI=true
# The PGlite half of the mixed suites is run by npm test; here only their PostgreSQL (Citus) half.
npx vitest run test/citus.test.ts test/store.postgres.test.ts
npx vitest run test/worker.test.ts test/scenarios.test.ts -t PostgreSQL
if ls ../shared/scenarios/*.json >/dev/null 2>&1; then
  node bin/aftersale.mjs simulate ../shared/scenarios/*.json
fi
