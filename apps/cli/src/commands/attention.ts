import * as tf from '@tensorflow/tfjs-core';
import { nodeAttention, type NeighbourAttention } from '@gnnjs/layers';
import { UsageError } from '../cli_error.js';
import { modelAttention } from '@gnnjs/train';
import { formatTable } from '../output/table.js';
import { restoreCheckpoint, type CheckpointCommandOptions } from './restore.js';

/** `gnnjs attention`'s options. */
export interface AttentionOptions extends CheckpointCommandOptions {
  node: number;
  top: number;
}

/** One layer of `gnnjs attention --json`. */
export interface LayerNeighbours {
  layer: string;
  heads: number;
  /** In-neighbours including the self-loop. */
  inDegree: number;
  /** The `top` strongest, by attention averaged over heads. */
  neighbours: NeighbourAttention[];
}

/**
 * Runs `gnnjs attention --checkpoint DIR --node ID [--top K]`: the in-neighbours
 * a node attends to in each layer, per head and averaged over heads.
 */
export async function attentionCommand(options: AttentionOptions): Promise<void> {
  const restored = await restoreCheckpoint(options);
  try {
    const { config, graph } = restored;
    if (config.model === 'gcn') throw new UsageError(`the checkpoint holds a GCN, which has no attention; train --model gat or gatv2`);
    if (options.node >= graph.numNodes) {
      throw new UsageError(`--node ${options.node} is out of range: ${config.dataset} has nodes 0..${graph.numNodes - 1}`);
    }
    const attention = modelAttention(restored.model, restored.data);
    const layers: LayerNeighbours[] = [];
    try {
      for (const [i, a] of attention.entries()) {
        const all = await nodeAttention(a, options.node);
        layers.push({ layer: `conv${i + 1}`, heads: a.alpha.shape[1], inDegree: all.length, neighbours: all.slice(0, options.top) });
      }
    } finally {
      tf.dispose(attention.flatMap((a) => [a.edgeIndex, a.alpha]));
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ dataset: config.dataset, model: config.model, node: options.node, layers })}\n`);
      return;
    }
    const blocks = layers.map((l) => {
      const heads = Array.from({ length: l.heads }, (_, h) => `h${h}`);
      const rows = l.neighbours.map((n) => [
        n.source === options.node ? `${n.source} (self)` : String(n.source),
        n.mean.toFixed(4),
        ...(l.heads > 1 ? n.perHead.map((v) => v.toFixed(3)) : []),
      ]);
      const title = `${l.layer} (${l.heads} head${l.heads === 1 ? '' : 's'}): ${l.neighbours.length} of ${l.inDegree} in-neighbours`;
      return `${title}\n${formatTable(['source', 'mean', ...(l.heads > 1 ? heads : [])], rows)}`;
    });
    process.stdout.write(`node ${options.node} of ${config.dataset} · ${config.model}\n\n${blocks.join('\n\n')}\n`);
  } finally {
    restored.dispose();
  }
}
