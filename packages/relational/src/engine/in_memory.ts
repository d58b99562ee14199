/**
 * How in-memory columns enter DuckDB: a staging table of plain physical types
 * (DOUBLE, BIGINT, BOOLEAN, VARCHAR; dates as epoch milliseconds) filled by the
 * engine, then the final table with the declared or inferred types.
 */
import { SourceError } from '../errors.js';
import type { InMemoryColumn, InMemoryColumns } from '../schema/types.js';
import { ident } from './sql.js';

export type PhysicalType = 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'VARCHAR';

export interface StagedColumn {
  name: string;
  physical: PhysicalType;
  /** The column's values, dates already as epoch milliseconds. */
  values: ArrayLike<unknown>;
  /** SQL expression of the final column over the staged one. */
  finalExpr: string;
}

export interface InMemoryPlan {
  stageName: string;
  rowCount: number;
  columns: StagedColumn[];
  createStage: string;
  createFinal: string;
}

function firstNonNull(values: ArrayLike<unknown>): unknown {
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) return v;
  }
  return undefined;
}

function allIntegers(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (typeof v === 'number' && !Number.isSafeInteger(v)) return false;
  }
  return true;
}

function stage(table: string, name: string, column: InMemoryColumn): { physical: PhysicalType; values: ArrayLike<unknown>; logical: string } {
  if (column instanceof Float64Array || column instanceof Float32Array) {
    return { physical: 'DOUBLE', values: column, logical: column instanceof Float32Array ? 'FLOAT' : 'DOUBLE' };
  }
  if (column instanceof BigInt64Array) return { physical: 'BIGINT', values: column, logical: 'BIGINT' };
  if (ArrayBuffer.isView(column)) {
    const logical = column instanceof Uint32Array ? 'BIGINT' : 'INTEGER';
    return { physical: 'BIGINT', values: Array.from(column as ArrayLike<number>), logical };
  }
  const sample = firstNonNull(column);
  if (sample === undefined || typeof sample === 'number') {
    const ints = sample !== undefined && allIntegers(column);
    return { physical: ints ? 'BIGINT' : 'DOUBLE', values: column, logical: ints ? 'BIGINT' : 'DOUBLE' };
  }
  if (typeof sample === 'bigint') return { physical: 'BIGINT', values: column, logical: 'BIGINT' };
  if (typeof sample === 'boolean') return { physical: 'BOOLEAN', values: column, logical: 'BOOLEAN' };
  if (typeof sample === 'string') return { physical: 'VARCHAR', values: column, logical: 'VARCHAR' };
  if (sample instanceof Date) {
    const ms = (column as readonly (Date | null)[]).map((d) => (d === null ? null : d.getTime()));
    return { physical: 'DOUBLE', values: ms, logical: 'TIMESTAMP' };
  }
  throw new SourceError(table, `in-memory column '${name}'`, `cannot store values of type ${typeof sample} (numbers, bigints, strings, booleans, Dates or typed arrays)`);
}

/** The staging and final tables for in-memory columns of table `name`. */
export function inMemoryPlan(name: string, columns: InMemoryColumns, types: Record<string, string>): InMemoryPlan {
  const entries = Object.entries(columns);
  if (entries.length === 0) throw new SourceError(name, 'in-memory columns', 'no columns given');
  const rowCount = entries[0]![1].length;
  for (const [column, values] of entries) {
    if (values.length !== rowCount) {
      throw new SourceError(name, `in-memory column '${column}'`, `has ${values.length} values, column '${entries[0]![0]}' has ${rowCount}`);
    }
  }
  const stageName = `__rel_stage_${name}`;
  const staged = entries.map(([column, values]): StagedColumn => {
    const s = stage(name, column, values);
    const declared = types[column];
    const q = ident(column);
    const fromStage = s.logical === 'TIMESTAMP' ? `epoch_ms(${q}::BIGINT)` : s.logical === s.physical ? q : `${q}::${s.logical}`;
    const finalExpr = declared === undefined ? fromStage : `CAST(${fromStage} AS ${declared})`;
    return { name: column, physical: s.physical, values: s.values, finalExpr: `${finalExpr} AS ${q}` };
  });
  return {
    stageName,
    rowCount,
    columns: staged,
    createStage: `CREATE TEMP TABLE ${ident(stageName)} (${staged.map((c) => `${ident(c.name)} ${c.physical}`).join(', ')})`,
    createFinal: `CREATE TEMP TABLE ${ident(name)} AS SELECT ${staged.map((c) => c.finalExpr).join(', ')} FROM ${ident(stageName)}`,
  };
}
