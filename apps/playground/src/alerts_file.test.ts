import { neighbourhoodDrawing } from '@gnnjs/train';
import { describe, expect, it } from 'vitest';
import { alertsReport, AT, CT, TC } from '../test/alerts_fixture.js';
import { AlertsFileError, parseAlertsFile } from './alerts_file.js';

const text = (value: unknown): string => JSON.stringify(value);

function rejects(value: unknown, message: string): void {
  let caught: unknown;
  try {
    parseAlertsFile(typeof value === 'string' ? value : text(value), 'alerts.json');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AlertsFileError);
  expect((caught as Error).message).toBe(message);
}

describe('parseAlertsFile', () => {
  it("reads gnnjs report --json: alerts in rank order, the planted pattern, the file's relations and types", () => {
    const file = parseAlertsFile(text(alertsReport()), 'alerts.json');
    expect([file.kind, file.model, file.task]).toEqual(['report', 'hetero-gat', 'fraud']);
    expect(file.metrics).toEqual([['PR-AUC (average precision)', '0.271']]);
    expect(file.alerts.map((a) => [a.rank, a.target.id, a.score, a.label, a.pattern])).toEqual([
      [1, 10, 0.93, 1, 'card_testing'],
      [2, 20, 0.71, 0, undefined],
    ]);
    expect(file.relations).toEqual([AT, CT, TC]);
    expect(file.nodeTypes).toEqual(['accounts', 'cards', 'transactions']);
    expect(file.alerts[0]!.explanation.edges?.agreement).toEqual({ scope: 'two-hop', layer: 'conv1', spearman: 1, sameTop: true });
  });

  it('reads gnnjs explain --json as a file of one alert', () => {
    const file = parseAlertsFile(text(alertsReport().alerts[1]!.explanation), 'alert.json');
    expect([file.kind, file.alerts.length, file.alerts[0]!.target, file.metrics]).toEqual(['explain', 1, { type: 'transactions', id: 20 }, []]);
  });

  it('what it reads draws: the alert, its card, the two transactions behind it, as wide as their attention', () => {
    const alert = parseAlertsFile(text(alertsReport()), 'alerts.json').alerts[0]!;
    const d = neighbourhoodDrawing(alert.explanation);
    expect(d.edges.map((e) => [e.source.id, e.target.id, e.weight, e.layer])).toEqual([
      [6, 1, 0.3, 'conv1'],
      [5, 1, 0.7, 'conv1'],
      [1, 10, 1, 'conv2'],
    ]);
  });

  it('names the file and the field of what it cannot draw', () => {
    expect(() => parseAlertsFile('{"alerts": [', 'alerts.json')).toThrow(/^alerts\.json: not JSON \(.+\); write it with 'gnnjs report --checkpoint DIR --json > alerts\.json'$/);
    rejects([1], 'alerts.json: expected an object, got an array');
    rejects({ checkpoint: 'x' }, "alerts.json: neither a report (no 'alerts') nor an explanation (no 'explanation'): write it with 'gnnjs report --json' or 'gnnjs explain --json'");
    rejects({ ...alertsReport(), alerts: [] }, 'alerts.json: alerts: the report has no alerts (gnnjs report --top N with N ≥ 1)');
    const report = alertsReport();
    (report.alerts[1]!.explanation.explanation.attention.paths[2]!.alphas as unknown[])[0] = 'high';
    rejects(report, 'alerts.json: alerts[1].explanation.explanation.attention.paths[2].alphas[0]: expected a number, got \'high\'');
    const rows = alertsReport();
    (rows.alerts[0]!.explanation.explanation.target as unknown) = { type: 'transactions', row: 0 };
    rejects(rows, 'alerts.json: alerts[0].explanation.explanation.target.id: expected an integer id, got nothing (a row of a batch: write the file with gnnjs explain or gnnjs report, which map rows to ids)');
    const relation = alertsReport();
    relation.alerts[0]!.explanation.edges[0]!.relation = 'cards';
    rejects(relation, "alerts.json: alerts[0].explanation.edges[0].relation: expected a relation 'source__name__target', got 'cards'");
    const short = alertsReport();
    short.alerts[0]!.explanation.explanation.attention.paths[1]!.relations.pop();
    rejects(short, 'alerts.json: alerts[0].explanation.explanation.attention.paths[1]: a path of 3 nodes needs 2 relations and alphas, got 1 and 2');
  });

  it('reads a NaN written as null as NaN, not as 0', () => {
    const report = alertsReport();
    (report.alerts[0]!.explanation as { score: number | null }).score = null;
    expect(parseAlertsFile(text(report), 'alerts.json').alerts[0]!.score).toBeNaN();
  });
});
