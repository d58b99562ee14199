/**
 * Entry of the relational browser page (bundled with esbuild): DuckDB-Wasm in
 * a Web Worker, CSV and Parquet files fetched from the test server and
 * registered by name, then `@gnnjs/relational/browser` builds the graph. Exposed to
 * Playwright as `window.relationalTest`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { openDatabase, type RelationalSchema } from '@gnnjs/relational/browser';
import { summarize, type GraphSummary } from './summary.js';

const api = {
  /** The graph (or a split's training snapshot), or the error's name, extension and message. */
  async load(
    files: readonly string[],
    schema: RelationalSchema,
    split?: { train: string; val: string; test: string },
  ): Promise<GraphSummary | { error: string; extension?: string; message: string }> {
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker('/duckdb-browser-eh.worker.js'));
    await db.instantiate('/duckdb-eh.wasm');
    try {
      for (const file of files) {
        const bytes = new Uint8Array(await (await fetch(`/data/${file}`)).arrayBuffer());
        await db.registerFileBuffer(file, bytes);
      }
      let rdb;
      try {
        rdb = await openDatabase(db, schema);
      } catch (error) {
        const e = error as Error & { extension?: string };
        return { error: e.name, message: e.message, ...(e.extension === undefined ? {} : { extension: e.extension }) };
      }
      try {
        const graph = split === undefined ? await rdb.toGraph() : (await rdb.split(split)).train.graph;
        return summarize(graph);
      } finally {
        await rdb.close();
      }
    } finally {
      await db.terminate();
    }
  },
};

export type RelationalTestApi = typeof api;

(globalThis as { relationalTest?: RelationalTestApi }).relationalTest = api;
