#!/usr/bin/env bash
# Fails when the drizzle schema has changes that no committed migration holds.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(git status --porcelain -- drizzle)
(cd packages/backend && bunx drizzle-kit generate >/tmp/splitstream-drizzle-check.log 2>&1) || {
  cat /tmp/splitstream-drizzle-check.log
  exit 1
}
after=$(git status --porcelain -- drizzle)
if [ "$before" != "$after" ]; then
  echo "The schema and the migrations disagree: drizzle-kit generate wrote a new migration."
  echo "Run 'bun run db:generate', review the SQL and commit it."
  git status --porcelain -- drizzle
  exit 1
fi
echo "migrations match the schema"
