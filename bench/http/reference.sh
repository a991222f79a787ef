#!/usr/bin/env bash
# Builds core and express at another commit into a directory of their own, with a copy of the
# benchmark server that loads them, for same-run comparisons:
#
#   bash bench/http/reference.sh <commit> <dir>
#   BENCH_REF=<dir> BENCH_VARIANTS=ref-guard-redis-limits,guard-redis-limits node bench/http-throughput.mjs
#
# The variants without the prefix run on the working tree's build (pnpm -r build first).
set -euo pipefail
rev=${1:?commit}; out=${2:?directory}
root=$(git rev-parse --show-toplevel)
rm -rf "$out" && mkdir -p "$out/packages/core" "$out/packages/express" "$out/bench/node_modules/@distill-guard"
out=$(cd "$out" && pwd)
cp "$root/tsconfig.base.json" "$out/"
git -C "$root" archive "$rev:packages/core" | tar -x -C "$out/packages/core"
git -C "$root" archive "$rev:packages/express" | tar -x -C "$out/packages/express"
# Dependencies come from the working tree's install; the reference core replaces the workspace one.
ln -s "$root/node_modules" "$out/node_modules"
ln -s "$root/packages/core/node_modules" "$out/packages/core/node_modules"
mkdir -p "$out/packages/express/node_modules/@distill-guard"
for dep in "$root/packages/express/node_modules/"* "$root/packages/express/node_modules/".bin; do
  [ "$(basename "$dep")" = "@distill-guard" ] || ln -s "$dep" "$out/packages/express/node_modules/$(basename "$dep")"
done
ln -s "$out/packages/core" "$out/packages/express/node_modules/@distill-guard/core"
(cd "$out/packages/core" && "$root/node_modules/.bin/tsup" > "$out/core-build.log" 2>&1) || { tail -20 "$out/core-build.log"; exit 1; }
(cd "$out/packages/express" && "$root/node_modules/.bin/tsup" > "$out/express-build.log" 2>&1) || { tail -20 "$out/express-build.log"; exit 1; }
# The benchmark server of the working tree, loading the reference packages.
cp "$root/bench/http/server.mjs" "$out/bench/server.mjs"
# Its CPU-time probe, which it loads for bench/http/split.mjs (BENCH_SPLIT).
cp "$root/bench/http/split-probe.mjs" "$out/bench/split-probe.mjs"
for dep in "$root/bench/node_modules/"*; do
  [ "$(basename "$dep")" = "@distill-guard" ] || ln -s "$(readlink -f "$dep")" "$out/bench/node_modules/$(basename "$dep")"
done
ln -s "$out/packages/core" "$out/bench/node_modules/@distill-guard/core"
ln -s "$out/packages/express" "$out/bench/node_modules/@distill-guard/express"
echo "reference $rev built in $out"
