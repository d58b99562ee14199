"""Signal check of the payments dataset: PR-AUC on the test period (days 150-180)
of models trained on days 0-120, from the row's own columns vs with relational
aggregates of neighbours' features (scripts/payments_features.sql).
    python3 scripts/payments_signal.py features.csv
Needs numpy and scikit-learn (a check for developers, never part of CI)."""
import csv, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

reader = csv.reader(open(sys.argv[1]))
header = next(reader)
data = {h: [] for h in header}
for r in reader:
    for h, v in zip(header, r): data[h].append(v)
rows = data['id']
def num(name): return np.array(data[name], dtype=float)
def onehot(name):
    vals, inv = np.unique(np.array(data[name]), return_inverse=True)
    return np.eye(len(vals))[inv], [f'{name}={v}' for v in vals]
y = num('y'); day = num('day') - 19723
train, test = day < 120, day >= 150
CATS_ROW = ['channel', 'category']
NUM_ROW = ['log_amount']
CATS_REL = ['device_type', 'card_type', 'kyc_level', 'email_domain', 'account_type', 'cp_kyc']
NUM_REL = ['dev_accounts', 'dev_cards', 'dev_tx', 'dev_mean_log_amount', 'dev_small_frac', 'dev_age_days', 'card_devices', 'card_accounts',
           'card_small_frac', 'card_burst_1h', 'card_other_account', 'acc_age_days', 'holder_age', 'acc_tx', 'acc_mean_log_amount',
           'inflow_6h', 'out_in_ratio', 'cp_age_days', 'region_mismatch']
def design(nums, cats, cyc=True):
    parts, names = [], []
    for n in nums: parts.append(num(n)[:, None]); names.append(n)
    if cyc:
        h = num('hour'); d = num('dow')
        parts += [np.sin(2*np.pi*h/24)[:, None], np.cos(2*np.pi*h/24)[:, None], np.sin(2*np.pi*d/7)[:, None], np.cos(2*np.pi*d/7)[:, None]]
        names += ['hour_sin', 'hour_cos', 'dow_sin', 'dow_cos']
    for c in cats:
        m, n = onehot(c); parts.append(m); names += n
    return np.hstack(parts), names
def fit(X, name):
    out = {}
    s = StandardScaler().fit(X[train])
    lr = LogisticRegression(max_iter=2000, C=1.0).fit(s.transform(X[train]), y[train])
    out['logreg'] = average_precision_score(y[test], lr.predict_proba(s.transform(X[test]))[:, 1])
    gb = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, random_state=0).fit(X[train], y[train])
    out['gbdt'] = average_precision_score(y[test], gb.predict_proba(X[test])[:, 1])
    print(f'{name:40s} PR-AUC logreg {out["logreg"]:.3f}  gbdt {out["gbdt"]:.3f}')
print(f'rows {len(rows)}, fraud rate {y.mean():.4f}, test rows {test.sum()}, test fraud rate {y[test].mean():.4f}')
Xr, _ = design(NUM_ROW + ['hour', 'dow'], CATS_ROW)
fit(Xr, 'per-row (amount, time, channel, category)')
Xa, _ = design(NUM_REL, CATS_REL, cyc=False)
fit(Xa, 'relational aggregates only')
Xb = np.hstack([Xr, Xa])
fit(Xb, 'per-row + relational aggregates')
# Best single column (ROC-AUC, either direction) over every column, per-row and aggregate.
best = []
for n in NUM_ROW + NUM_REL + ['hour', 'dow']:
    a = roc_auc_score(y, num(n)); best.append((max(a, 1 - a), n))
for c in CATS_ROW + CATS_REL:
    m, names = onehot(c)
    rate = np.array([y[m[:, j] == 1].mean() for j in range(m.shape[1])])
    a = roc_auc_score(y, m @ rate); best.append((a, c))
best.sort(reverse=True)
print('best single-column ROC-AUC:', ', '.join(f'{n} {a:.3f}' for a, n in best[:6]))
