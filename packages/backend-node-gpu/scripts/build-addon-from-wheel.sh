#!/usr/bin/env bash
# Builds tfjs-node's native addon against the TensorFlow C API shipped inside
# a TensorFlow pip wheel (tensorflow or tensorflow_cpu, manylinux x86_64), for
# machines where tfjs-node's install script cannot download libtensorflow.
# The wheel's libtensorflow_cc.so.2 exports the C and eager C APIs the addon
# uses; its TensorFlow version is the wheel's, not tfjs-node's 2.9.1.
#
# usage: build-addon-from-wheel.sh <wheel> [<tfjs-node package folder>]
#   default folder: the @tensorflow/tfjs-node this package resolves.
# needs: python3, g++, Node.js headers (<node prefix>/include/node).
set -euo pipefail
wheel=${1:?usage: build-addon-from-wheel.sh <wheel> [<tfjs-node folder>]}
here=$(cd "$(dirname "$0")/.." && pwd)
pkg=${2:-$(cd "$here" && node -p "require('path').dirname(require.resolve('@tensorflow/tfjs-node/package.json'))")}
tf=${GNNJS_TF_WHEEL_DIR:-/tmp/gnnjs-tf-wheel}

echo "extracting the C API from $wheel into $tf"
python3 - "$wheel" "$tf" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
keep = ('tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2')
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name in keep or name.startswith('tensorflow/include/'):
            z.extract(name, out)
PY

echo "linking it into $pkg/deps"
rm -rf "$pkg/deps" && mkdir -p "$pkg/deps/lib"
ln -s "$tf/tensorflow/include" "$pkg/deps/include"
for name in libtensorflow.so libtensorflow.so.2 libtensorflow_cc.so.2; do ln -s "$tf/tensorflow/libtensorflow_cc.so.2" "$pkg/deps/lib/$name"; done
for name in libtensorflow_framework.so libtensorflow_framework.so.2; do ln -s "$tf/tensorflow/libtensorflow_framework.so.2" "$pkg/deps/lib/$name"; done

# node-pre-gyp loads lib/napi-v<N>: the highest version the package lists that this Node supports.
napi=$(cd "$pkg" && node -p "Math.max(...require('./package.json').binary.napi_versions.filter((v) => v <= Number(process.versions.napi)))")
node_include=$(node -p "require('path').join(process.execPath, '..', '..', 'include', 'node')")
[ -f "$node_include/node_api.h" ] || node_include=/usr/include/node
out="$pkg/lib/napi-v$napi/tfjs_binding.node"
echo "compiling $out"
mkdir -p "$(dirname "$out")"
(cd "$pkg" && g++ -shared -fPIC -O2 -std=c++17 -I. -Ideps/include -I"$node_include" -DNAPI_VERSION="$napi" \
  binding/tfjs_backend.cc binding/tfjs_binding.cc -Ldeps/lib -ltensorflow -ltensorflow_framework \
  -Wl,-rpath,'$ORIGIN/../../deps/lib' -o "$out")
(cd "$pkg" && node -e "const tf = require('.'); console.log('loaded: backend', tf.getBackend(), 'GPU', tf.backend().isUsingGpuDevice)")
