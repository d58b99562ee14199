#!/usr/bin/env bash
# `../shared/anchors/side_by_side.sh` plus PyG's figures for the bench's own workloads, in one run:
# pyg/speed_extra.py first (the layer models on Cora, GPS on a graph batch, the heterogeneous layers;
# each the best of 1 and 2 torch threads, on Cora also of stock and non-zero-only input dropout) and,
# outside --quick with 16 GiB of memory free, GATConv at N = 1M with shared's speed.py, all into
# OUT_DIR/pyg; then shared's script, which measures PyG's Planetoid and scaling workloads and runs
# `pnpm bench --anchors OUT_DIR/pyg-anchors.json`, which also reads OUT_DIR/pyg-extra-anchors.json.
# Usage: pnpm bench:side-by-side OUT_DIR [--quick] [--skip-sampling]   (OUT_DIR relative to where pnpm was started)
# --skip-sampling leaves out the sampling workloads (about two hours; they have no PyG figure beside them).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: pnpm bench:side-by-side OUT_DIR [--quick] [--skip-sampling]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "${INIT_CWD:-$PWD}"
out=$(mkdir -p "$1" && cd "$1" && pwd); quick=
for arg in "${@:2}"; do
  case $arg in
    --quick) quick=--quick ;;
    --skip-sampling) export GNNJS_BENCH_SKIP_SAMPLING=1 ;;
    *) echo "side-by-side: unknown option $arg" >&2; exit 2 ;;
  esac
done
shared=$(cd "$root/../shared/anchors" && pwd)
py=/usr/bin/python3
if ! "$py" -c 'import torch, scipy' 2>/dev/null; then
  echo "side-by-side: installing Debian's python3-torch (once)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-torch python3-scipy python3-numpy python3-tqdm python3-jinja2 python3-requests \
    python3-psutil python3-pyparsing python3-fsspec python3-aiohttp >/dev/null
fi
pyg=${TMPDIR:-/tmp}/gnnjs-pyg-2.6.1
[ -d "$pyg/torch_geometric" ] || { mkdir -p "$pyg" && tar -xzf "$shared/pyg/pyg-2.6.1-src.tgz" -C "$pyg"; }
export PYTHONPATH=$pyg ANCHOR_OUT=$out/pyg ANCHOR_DATA=$out/pyg-data OMP_WAIT_POLICY=PASSIVE GNNJS_SHARED_PYG=$shared/pyg
mkdir -p "$ANCHOR_OUT" "$ANCHOR_DATA/Cora/raw"
cp "$shared"/../datasets/planetoid/ind.cora.* "$ANCHOR_DATA/Cora/raw/"
extra="$here/../pyg/speed_extra.py"
q=(); [ "$quick" = --quick ] && q=(--quick)
echo "side-by-side: PyG (bench workloads) starts, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for t in 1 2; do
  for v in std fast; do OPENBLAS_NUM_THREADS=$t "$py" "$extra" layers $t $v "${q[@]}" >/dev/null; done
  OPENBLAS_NUM_THREADS=$t "$py" "$extra" gps $t "${q[@]}" >/dev/null
  if [ "$quick" = --quick ]; then sizes=("2000 20000"); else sizes=("10000 100000" "10000 2000"); fi
  for s in "${sizes[@]}"; do OPENBLAS_NUM_THREADS=$t "$py" "$extra" hetero $t $s "${q[@]}" >/dev/null; done
done
if [ "$quick" != --quick ]; then
  free_kib=$(awk '/MemAvailable/ {print $2}' /proc/meminfo)
  if [ "$free_kib" -ge $((16 * 1024 * 1024)) ]; then
    OPENBLAS_NUM_THREADS=1 "$py" "$shared/pyg/speed.py" scale 1 1000000 >/dev/null
  else
    echo "side-by-side: PyG GATConv N=1M skipped: it needs about 15 GiB, $((free_kib / 1024 / 1024)) GiB available" >&2
  fi
fi
"$py" "$extra" merge "$out" >/dev/null
cd "$root"
"$shared/side_by_side.sh" "$out" $quick
