#!/usr/bin/env bash
# The README's test command after setup: lint, typecheck and every package's
# vitest suite through turbo, then one summary line over all packages.
set -uo pipefail
cd "$(dirname "$0")/.."
find packages apps tooling e2e -path '*/.vitest/results.json' -not -path '*/node_modules/*' -delete 2>/dev/null
pnpm exec turbo run lint typecheck test --concurrency=2 --continue --output-logs=new-only "$@"
code=$?
node scripts/test-summary.mjs || code=1
exit $code
