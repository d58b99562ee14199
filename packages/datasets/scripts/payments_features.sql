-- Per-transaction features of the payments dataset for the signal check
-- (scripts/payments_signal.ts): the row's own columns, and relational
-- aggregates computed from neighbouring rows' FEATURES only (never labels).
CREATE OR REPLACE TEMP VIEW t AS SELECT * FROM transactions;
CREATE OR REPLACE TEMP TABLE dev AS
  SELECT device_id, count(DISTINCT account_id) AS dev_accounts, count(DISTINCT card_id) AS dev_cards, count(*) AS dev_tx,
         avg(ln(amount)) AS dev_mean_log_amount, avg((amount < 5)::INT) AS dev_small_frac
  FROM t WHERE device_id IS NOT NULL GROUP BY device_id;
CREATE OR REPLACE TEMP TABLE crd AS
  SELECT card_id, count(DISTINCT device_id) AS card_devices, count(DISTINCT account_id) AS card_accounts, avg((amount < 5)::INT) AS card_small_frac, count(*) AS card_tx
  FROM t WHERE card_id IS NOT NULL GROUP BY card_id;
CREATE OR REPLACE TEMP TABLE acc AS
  SELECT account_id, count(*) AS acc_tx, avg(ln(amount)) AS acc_mean_log_amount FROM t GROUP BY account_id;
CREATE OR REPLACE TEMP TABLE burst AS
  SELECT id, count(*) OVER (PARTITION BY card_id ORDER BY ts RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND INTERVAL 1 HOUR FOLLOWING) AS card_burst_1h
  FROM t WHERE card_id IS NOT NULL;
CREATE OR REPLACE TEMP TABLE inflow AS
  SELECT id, inc_6h FROM (
    SELECT id, sum(inc) OVER (PARTITION BY acc ORDER BY ts RANGE BETWEEN INTERVAL 6 HOURS PRECEDING AND CURRENT ROW) AS inc_6h FROM (
      SELECT counterparty_id AS acc, ts, 0 AS kind, amount AS inc, NULL::INTEGER AS id FROM t WHERE counterparty_id IS NOT NULL
      UNION ALL SELECT account_id, ts, 1, 0, id FROM t)) WHERE id IS NOT NULL;
CREATE OR REPLACE TEMP TABLE features AS
SELECT t.id, t.is_fraud::INT AS y, epoch(t.ts) / 86400 AS day,
  -- the row itself
  ln(t.amount) AS log_amount, hour(t.ts) AS hour, dayofweek(t.ts) AS dow, t.channel, t.category,
  -- neighbours' features
  coalesce(dev.dev_accounts, 0) AS dev_accounts, coalesce(dev.dev_cards, 0) AS dev_cards, coalesce(dev.dev_tx, 0) AS dev_tx,
  coalesce(dev.dev_mean_log_amount, 0) AS dev_mean_log_amount, coalesce(dev.dev_small_frac, 0) AS dev_small_frac,
  coalesce(epoch(t.ts - d.first_seen) / 86400, -1) AS dev_age_days, coalesce(d.device_type, 'none') AS device_type,
  coalesce(crd.card_devices, 0) AS card_devices, coalesce(crd.card_accounts, 0) AS card_accounts, coalesce(crd.card_small_frac, 0) AS card_small_frac,
  coalesce(burst.card_burst_1h, 0) AS card_burst_1h, coalesce(c.account_id <> t.account_id, false)::INT AS card_other_account,
  coalesce(c.card_type, 'none') AS card_type,
  epoch(t.ts - a.opened_at) / 86400 AS acc_age_days, a.kyc_level, a.email_domain, coalesce(a.holder_age, -1) AS holder_age, a.account_type,
  acc.acc_tx, acc.acc_mean_log_amount,
  coalesce(inflow.inc_6h, 0) AS inflow_6h, coalesce(t.amount / nullif(inflow.inc_6h, 0), 0) AS out_in_ratio,
  coalesce(epoch(t.ts - cp.opened_at) / 86400, -1) AS cp_age_days, coalesce(cp.kyc_level, 'none') AS cp_kyc,
  coalesce((m.region <> a.region)::INT, -1) AS region_mismatch
FROM t
JOIN accounts a ON a.id = t.account_id
LEFT JOIN accounts cp ON cp.id = t.counterparty_id
LEFT JOIN devices d ON d.id = t.device_id
LEFT JOIN cards c ON c.id = t.card_id
LEFT JOIN merchants m ON m.id = t.merchant_id
LEFT JOIN dev ON dev.device_id = t.device_id
LEFT JOIN crd ON crd.card_id = t.card_id
LEFT JOIN acc ON acc.account_id = t.account_id
LEFT JOIN burst ON burst.id = t.id
LEFT JOIN inflow ON inflow.id = t.id
ORDER BY t.id;

-- The churn task: per (account, cut-off) row, the account's own columns, and
-- aggregates of its transactions before the cut-off (recency, counts, trend).
CREATE OR REPLACE TEMP TABLE churn_features AS
SELECT r.id, r.churn::INT AS y, epoch(r.as_of) / 86400 AS day,
  epoch(r.as_of - a.opened_at) / 86400 AS acc_age_days, a.account_type, a.kyc_level, a.email_domain, coalesce(a.holder_age, -1) AS holder_age,
  count(t.id) FILTER (WHERE t.ts > r.as_of - INTERVAL 30 DAY) AS tx_30d,
  count(t.id) FILTER (WHERE t.ts > r.as_of - INTERVAL 60 DAY AND t.ts <= r.as_of - INTERVAL 30 DAY) AS tx_30_60d,
  count(t.id) FILTER (WHERE t.ts > r.as_of - INTERVAL 90 DAY) AS tx_90d,
  coalesce(epoch(r.as_of - max(t.ts)) / 86400, 999) AS days_since_last
FROM account_churn r
JOIN accounts a ON a.id = r.account_id
LEFT JOIN transactions t ON t.account_id = r.account_id AND t.ts <= r.as_of
GROUP BY r.id, r.churn, r.as_of, a.opened_at, a.account_type, a.kyc_level, a.email_domain, a.holder_age
ORDER BY r.id;
