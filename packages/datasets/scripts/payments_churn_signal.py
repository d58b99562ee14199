"""Signal check of the churn task: PR-AUC and ROC-AUC on the test cut-off (day 150)
of a logistic regression trained on the day-90 rows, from the account's own
columns vs with aggregates of its transactions (scripts/payments_features.sql).
    python3 scripts/payments_churn_signal.py features.churn.csv"""
import csv, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.preprocessing import StandardScaler

reader = csv.reader(open(sys.argv[1]))
header = next(reader)
data = {h: [] for h in header}
for r in reader:
    for h, v in zip(header, r): data[h].append(v)
def num(n): return np.array(data[n], dtype=float)
def onehot(n):
    vals, inv = np.unique(np.array(data[n]), return_inverse=True)
    return np.eye(len(vals))[inv]
y = num('y'); day = num('day') - 19723
train, test = day <= 90, (day > 120) & (day <= 150)
own = np.hstack([num('acc_age_days')[:, None], num('holder_age')[:, None]] + [onehot(c) for c in ['account_type', 'kyc_level', 'email_domain']])
activity = np.hstack([np.log1p(num(c))[:, None] for c in ['tx_30d', 'tx_30_60d', 'tx_90d', 'days_since_last']])
print(f'rows {len(y)}, churn rate {y.mean():.3f}, train {train.sum()}, test {test.sum()}')
for name, X in [("account's own columns", own), ('+ its transactions (aggregates)', np.hstack([own, activity]))]:
    s = StandardScaler().fit(X[train])
    p = LogisticRegression(max_iter=2000).fit(s.transform(X[train]), y[train]).predict_proba(s.transform(X[test]))[:, 1]
    print(f'{name:35s} PR-AUC {average_precision_score(y[test], p):.3f}  ROC-AUC {roc_auc_score(y[test], p):.3f}')
