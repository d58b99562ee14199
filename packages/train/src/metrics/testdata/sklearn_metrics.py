"""Reference values for metrics.test.ts from scikit-learn (Debian's python3-sklearn 1.2).

/usr/bin/python3 sklearn_metrics.py > sklearn_metrics.json
Scores are rounded to one or two decimals so that ties are common.
"""
import json

import numpy as np
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve, roc_auc_score
import sklearn

rng = np.random.default_rng(7)
cases = []
for n, decimals, rate in [(12, 1, 0.3), (50, 1, 0.2), (200, 2, 0.05), (400, 1, 0.5), (31, 0, 0.4)]:
    labels = (rng.random(n) < rate).astype(int)
    labels[0] = 1  # both classes present
    labels[1] = 0
    scores = np.round(np.clip(0.25 * labels + rng.random(n) * 0.75, 0, 1), decimals)
    precision, recall, thresholds = precision_recall_curve(labels, scores)
    # precision_recall_curve's last point (precision 1, recall 0) has no threshold.
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-300), 0)[:-1]
    best = int(np.argmax(f1[::-1]))  # argmax from the highest threshold down: first maximum = highest threshold
    best_threshold = float(thresholds[::-1][best])
    recall_at = {str(p): float(max([r for pr, r in zip(precision, recall) if pr >= p], default=0.0)) for p in [0.5, 0.8, 0.9]}
    cases.append({
        'scores': scores.tolist(),
        'labels': labels.tolist(),
        'rocAuc': float(roc_auc_score(labels, scores)),
        'averagePrecision': float(average_precision_score(labels, scores)),
        'recallAtPrecision': recall_at,
        'bestF1': {'threshold': best_threshold, 'f1': float(f1[::-1][best])},
        'f1AtHalf': float(f1_score(labels, (scores >= 0.5).astype(int), zero_division=0)),
    })

print(json.dumps({'sklearn': sklearn.__version__, 'cases': cases}))
