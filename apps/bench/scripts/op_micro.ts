/** Development aid: CPU time of single tfjs ops on one backend. */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../src/backends.js';

const [backend = 'wasm'] = process.argv.slice(2);
const why = await useBackend(backend);
if (why !== undefined) throw new Error(why);
console.log('backend', tf.getBackend(), 'simd', await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), 'mt', await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));

function time(label: string, f: () => tf.Tensor | tf.Tensor[], reps = 5): void {
  tf.tidy(() => { const r = f(); (Array.isArray(r) ? r[0]! : r).dataSync(); });
  const c0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) tf.tidy(() => { const r = f(); (Array.isArray(r) ? r[0]! : r).dataSync(); });
  const c = process.cpuUsage(c0);
  console.log(((c.user + c.system) / 1000 / reps).toFixed(2).padStart(9), 'ms cpu', label);
}
const x = tf.tidy(() => tf.mul(tf.randomUniform([2708, 1433]), tf.cast(tf.less(tf.randomUniform([2708, 1433]), 0.013), 'float32')));
const w = tf.randomNormal([1433, 64]);
const wt = tf.randomNormal([64, 1433]);
const dy = tf.randomNormal([2708, 64]);
const dyt = tf.randomNormal([64, 2708]);
time('matMul x[2708,1433] w[1433,64]', () => tf.matMul(x, w));
time('matMul x, wt transposeB', () => tf.matMul(x, wt, false, true));
time('matMul dyt[64,2708] x', () => tf.matMul(dyt, x));
time('matMul x^T dy (transposeA)', () => tf.matMul(x, dy, true, false));
time('transpose x', () => tf.transpose(x));
time('transpose dy', () => tf.transpose(dy));
time('randomUniform [2708,1433]', () => tf.randomUniform([2708, 1433]));
time('dropout(x,0.6)', () => tf.dropout(x, 0.6));
time('mul x x', () => tf.mul(x, x));
time('mul x scalar', () => tf.mul(x, 2));
time('greater x 0', () => tf.greater(x, 0));
const e = tf.randomNormal([13264, 8]);
time('leakyRelu grad-ish where(greater)', () => tf.where(tf.greater(e, 0), e, tf.mul(e, 0.2)));
const ei = tf.tensor2d([Array.from({ length: 13264 }, (_, i) => i % 2708), Array.from({ length: 13264 }, (_, i) => (i * 7) % 2708)], [2, 13264], 'int32');
time('reverse edgeIndex', () => tf.reverse(ei, 0));
time('gather x rows 10556', () => tf.gather(x, tf.tensor1d(Array.from({ length: 10556 }, (_, i) => i % 2708), 'int32')));
const a = tf.randomNormal([3327, 3703]); const b = tf.randomNormal([3327, 1]);
time('mul [3327,3703]*[3327,1]', () => tf.mul(a, b), 2);
time('div [3327,3703]/[3327,1]', () => tf.div(a, b), 2);
