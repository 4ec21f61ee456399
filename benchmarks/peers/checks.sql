-- The checks of `validate`, as one DuckDB SQL script over the same facts CSV files.
--
-- A benchmark peer, not a second implementation: it covers what the generated corpus
-- (benchmarks/generate.py) exercises and is run by benchmarks/peers/duckdb_peer.py, which
-- loads the tables `units`, `concepts` and `axes` from schemas/ and replaces :facts_glob and
-- :findings. Float error is allowed for by a relative margin of 1e-9 in the verdict, where
-- the validator rounds outward and decides close calls exactly.

-- 1. Facts: every stated figure, located by file and line, with its rounding interval in the
--    base unit of its dimension (元, a pure fraction): decimals from the literal, scale from
--    the unit.
CREATE TABLE raw AS
SELECT * FROM read_csv(:facts_glob, all_varchar = true, header = true, filename = true);

CREATE TABLE facts AS
WITH r AS (
  SELECT r.*, rowid - min(rowid) OVER (PARTITION BY filename) + 2 AS line,
         coalesce(member, '') AS mem, coalesce(qualifier, '') AS q,
         CASE WHEN contains(value, '.') THEN length(value) - strpos(value, '.') ELSE 0 END AS d
  FROM raw r
  WHERE value IS NOT NULL AND value NOT IN ('--', '—', '——', '/', '－－', '／')
), b AS (
  SELECT r.*, u.dimension, u.scale, c.nonnegative,
         CAST(value AS DOUBLE) AS v, pow(10, -d) AS step,
         CASE WHEN u.discrete AND d = 0 AND q = '' THEN 0
              WHEN q = 'about' OR q = 'nearly' THEN 1 WHEN q = 'over' THEN 0
              WHEN q = 'under' THEN 'inf'::DOUBLE ELSE 0.5 END AS below,
         CASE WHEN u.discrete AND d = 0 AND q = '' THEN 0
              WHEN q = 'about' THEN 1 WHEN q = 'nearly' THEN 0
              WHEN q = 'over' THEN 'inf'::DOUBLE WHEN q = 'under' THEN 0 ELSE 0.5 END AS above
  FROM r JOIN units u USING (unit) JOIN concepts c USING (concept)
)
SELECT filename AS file, line, entity, scope, period, concept, mem AS member, measure,
       coalesce(base, '') AS base, coalesce(whole, '') AS whole, value, unit, dimension,
       CASE WHEN nonnegative AND measure = 'level'
            THEN greatest((v - below * step) * scale, 0) ELSE (v - below * step) * scale END AS lo,
       (v + above * step) * scale AS hi
FROM b;

-- 2. One value per figure: duplicates (in any unit of one dimension) intersected, or spanned
--    when they disagree.
CREATE TABLE vals AS
WITH g AS (
  SELECT entity, scope, period, concept, member, measure, base, whole, dimension,
         count(*) AS n, max(lo) AS lo_max, min(hi) AS hi_min, min(lo) AS lo_min,
         max(hi) AS hi_max, string_agg(file || ':' || line, ' ') AS locs
  FROM facts GROUP BY ALL
)
SELECT *, lo_max <= hi_min AS agree,
       CASE WHEN lo_max <= hi_min THEN lo_max ELSE lo_min END AS lo,
       CASE WHEN lo_max <= hi_min THEN hi_min ELSE hi_max END AS hi,
       entity || '/' || scope || '/' || period AS esp
FROM g;

CREATE TABLE lv AS SELECT * FROM vals WHERE measure = 'level';
CREATE TABLE lv0 AS SELECT * FROM lv WHERE member = '';

CREATE MACRO div_lo(a, b, c, e) AS
  CASE WHEN c <= 0 AND e >= 0 THEN NULL ELSE least(a / c, a / e, b / c, b / e) END;
CREATE MACRO div_hi(a, b, c, e) AS
  CASE WHEN c <= 0 AND e >= 0 THEN NULL ELSE greatest(a / c, a / e, b / c, b / e) END;
CREATE MACRO abs_lo(a, b) AS CASE WHEN a >= 0 THEN a WHEN b <= 0 THEN -b ELSE 0 END;
CREATE MACRO abs_hi(a, b) AS greatest(abs(a), abs(b));
CREATE MACRO mag(x) AS CASE WHEN isfinite(x) THEN abs(x) ELSE 0 END;

-- 3. Every relation instance: stated and derived intervals, in base units.
CREATE TABLE checks (
  id VARCHAR, rule VARCHAR, kind VARCHAR, relation VARCHAR,
  s_lo DOUBLE, s_hi DOUBLE, d_lo DOUBLE, d_hi DOUBLE, facts VARCHAR
);

-- Duplicates: every statement of a figure shares a point with the others.
INSERT INTO checks
SELECT 'duplicate:' || esp || '/' || concept || CASE WHEN member = '' THEN '' ELSE '/' || member END,
       'duplicates_agree', 'duplicate', '=',
       CASE WHEN agree THEN lo_min ELSE lo_max END, CASE WHEN agree THEN hi_max ELSE lo_max END,
       CASE WHEN agree THEN lo_max ELSE hi_min END, hi_min, locs
FROM vals WHERE n > 1;

-- Statement identities (statement-identities.yaml): subject = a ± b.
CREATE TABLE identities (rule VARCHAR, subject VARCHAR, a VARCHAR, b VARCHAR, sign INTEGER);
INSERT INTO identities VALUES
  ('assets_current_plus_noncurrent', 'total_assets', 'current_assets', 'noncurrent_assets', 1),
  ('liabilities_current_plus_noncurrent', 'total_liabilities', 'current_liabilities',
   'noncurrent_liabilities', 1),
  ('assets_equal_liabilities_plus_equity', 'total_assets', 'total_liabilities', 'total_equity', 1),
  ('operating_cash_flow_net', 'operating_cash_flow_net', 'operating_cash_inflow',
   'operating_cash_outflow', -1);
INSERT INTO checks
SELECT r.rule || ':' || s.esp, r.rule, 'sum', '=', s.lo, s.hi,
       a.lo + CASE WHEN r.sign = 1 THEN b.lo ELSE -b.hi END,
       a.hi + CASE WHEN r.sign = 1 THEN b.hi ELSE -b.lo END,
       concat_ws(' ', s.locs, a.locs, b.locs)
FROM identities r
JOIN lv0 s ON s.concept = r.subject
JOIN lv0 a ON a.concept = r.a AND a.esp = s.esp
JOIN lv0 b ON b.concept = r.b AND b.esp = s.esp;

-- Ratio formulas (lianhe-appendix-3.yaml, statement-identities.yaml): subject = (a − b) / c,
-- b optional; `unstated` marks an unstated non-negative operand (taxes_and_surcharges?) that
-- turns the equality into a bound.
CREATE TABLE ratios (rule VARCHAR, subject VARCHAR, a VARCHAR, b VARCHAR, c VARCHAR, unstated BOOLEAN);
INSERT INTO ratios VALUES
  ('debt_to_asset_ratio', 'debt_to_asset_ratio', 'total_liabilities', NULL, 'total_assets', false),
  ('current_ratio', 'current_ratio', 'current_assets', NULL, 'current_liabilities', false),
  ('quick_ratio', 'quick_ratio', 'current_assets', 'inventory', 'current_liabilities', false),
  ('gross_margin', 'gross_margin', 'operating_revenue', 'operating_cost', 'operating_revenue', false),
  ('operating_profit_margin', 'operating_profit_margin', 'total_operating_revenue',
   'operating_cost', 'total_operating_revenue', true);
INSERT INTO checks
WITH q AS (
  SELECT r.rule, r.unstated, s.esp, s.lo, s.hi, c.lo AS c_lo, c.hi AS c_hi,
         CASE WHEN r.unstated THEN '-inf'::DOUBLE ELSE a.lo - coalesce(b.hi, 0) END AS n_lo,
         a.hi - coalesce(b.lo, 0) AS n_hi, concat_ws(' ', s.locs, a.locs, b.locs, c.locs) AS locs
  FROM ratios r
  JOIN lv0 s ON s.concept = r.subject
  JOIN lv0 a ON a.concept = r.a AND a.esp = s.esp
  LEFT JOIN lv0 b ON b.concept = r.b AND b.esp = s.esp
  JOIN lv0 c ON c.concept = r.c AND c.esp = s.esp
  WHERE r.b IS NULL OR b.concept IS NOT NULL
)
SELECT rule || ':' || esp, rule, CASE WHEN unstated THEN 'bound' ELSE 'formula' END, '=', lo, hi,
       div_lo(n_lo, n_hi, c_lo, c_hi), div_hi(n_lo, n_hi, c_lo, c_hi), locs
FROM q;

-- Turnovers: subject = a / avg(c), the average of the opening and closing balance of a year.
CREATE TABLE turnovers (rule VARCHAR, subject VARCHAR, a VARCHAR, c VARCHAR);
INSERT INTO turnovers VALUES
  ('inventory_turnover', 'inventory_turnover', 'operating_cost', 'inventory'),
  ('total_asset_turnover', 'total_asset_turnover', 'total_operating_revenue', 'total_assets');
INSERT INTO checks
SELECT r.rule || ':' || s.esp, r.rule, 'formula', '=', s.lo, s.hi,
       div_lo(a.lo, a.hi, (o.lo + e.lo) / 2, (o.hi + e.hi) / 2),
       div_hi(a.lo, a.hi, (o.lo + e.lo) / 2, (o.hi + e.hi) / 2),
       concat_ws(' ', s.locs, a.locs, o.locs, e.locs)
FROM turnovers r
JOIN lv0 s ON s.concept = r.subject AND regexp_full_match(s.period, '[0-9]{4}')
JOIN lv0 a ON a.concept = r.a AND a.esp = s.esp
JOIN lv0 o ON o.concept = r.c AND o.entity = s.entity AND o.scope = s.scope
          AND o.period = (CAST(s.period AS INTEGER) - 1) || '-12-31'
JOIN lv0 e ON e.concept = r.c AND e.entity = s.entity AND e.scope = s.scope
          AND e.period = s.period || '-12-31';

-- A part within its whole (statement-identities.yaml): subject >= a.
INSERT INTO checks
SELECT 'operating_revenue_within_total:' || s.esp, 'operating_revenue_within_total', 'bound',
       '>=', s.lo, s.hi, a.lo, a.hi, concat_ws(' ', s.locs, a.locs)
FROM lv0 s JOIN lv0 a ON a.concept = 'operating_revenue' AND a.esp = s.esp
WHERE s.concept = 'total_operating_revenue';

-- Members add up: Σ members of an axis = the figure without member (complete axis), ≤ it
-- (partial list); = their printed 合计.
CREATE TABLE members AS
SELECT entity, scope, period, concept, measure, base, whole, dimension, esp,
       split_part(member, ':', 1) AS axis, sum(lo) AS lo, sum(hi) AS hi,
       string_agg(locs, ' ') AS locs
FROM vals
WHERE member <> '' AND NOT ends_with(member, ':合计')
  AND (measure = 'share' OR (measure IN ('level', 'abs_change') AND dimension IN
       ('money', 'money_usd', 'money_hkd', 'quantity', 'headcount', 'count', 'share_count')))
GROUP BY ALL;
INSERT INTO checks
SELECT 'sum:' || m.esp || '/' || m.concept || '/' || m.axis || t.target,
       CASE WHEN t.complete THEN 'members_sum' ELSE 'partial_list' END,
       CASE WHEN t.complete THEN 'sum' ELSE 'partial_sum' END,
       CASE WHEN t.complete THEN '=' ELSE '>=' END,
       t.lo, t.hi, m.lo, m.hi, concat_ws(' ', t.locs, m.locs)
FROM members m
JOIN (SELECT v.*, x.id AS axis, '' AS target, x.complete
      FROM vals v CROSS JOIN axes x WHERE v.member = ''
      UNION ALL
      SELECT *, split_part(member, ':', 1), ':合计', true FROM vals WHERE ends_with(member, ':合计')
     ) t ON t.esp = m.esp AND t.axis = m.axis AND t.concept = m.concept AND t.measure = m.measure
        AND t.base = m.base AND t.whole = m.whole AND t.dimension = m.dimension;

-- Measures: shares (part / whole), growths ((current − base) / |base|), pp changes
-- (current − base).
CREATE TABLE sh AS
SELECT *, regexp_extract(whole, '^([a-z][a-z0-9_]*)', 1) AS w_concept,
       coalesce(nullif(regexp_extract(whole, '@(合并|本部)', 1), ''), scope) AS w_scope,
       regexp_extract(whole, '\[(.+)\]', 1) AS w_member
FROM vals WHERE measure = 'share';
INSERT INTO checks
SELECT 'share:' || s.esp || '/' || s.concept || CASE WHEN s.member = '' THEN '' ELSE '/' || s.member END
       || ' of ' || s.w_concept || '@' || s.w_scope
       || CASE WHEN s.w_member = '' THEN '' ELSE '[' || s.w_member || ']' END,
       'share', 'share', '=', s.lo, s.hi,
       div_lo(p.lo, p.hi, w.lo, w.hi), div_hi(p.lo, p.hi, w.lo, w.hi),
       concat_ws(' ', s.locs, p.locs, w.locs)
FROM sh s
JOIN lv p ON p.esp = s.esp AND p.concept = s.concept AND p.member = s.member
JOIN lv w ON w.entity = s.entity AND w.scope = s.w_scope AND w.period = s.period
         AND w.concept = s.w_concept AND w.member = s.w_member AND w.dimension = p.dimension;

INSERT INTO checks
SELECT g.measure || ':' || g.esp || '/' || g.concept
       || CASE WHEN g.member = '' THEN '' ELSE '/' || g.member END || ' vs ' || g.base,
       g.measure, g.measure, '=', g.lo, g.hi,
       CASE WHEN g.measure = 'growth'
            THEN div_lo(c.lo - b.hi, c.hi - b.lo, abs_lo(b.lo, b.hi), abs_hi(b.lo, b.hi))
            ELSE c.lo - b.hi END,
       CASE WHEN g.measure = 'growth'
            THEN div_hi(c.lo - b.hi, c.hi - b.lo, abs_lo(b.lo, b.hi), abs_hi(b.lo, b.hi))
            ELSE c.hi - b.lo END,
       concat_ws(' ', g.locs, c.locs, b.locs)
FROM vals g
JOIN lv c ON c.esp = g.esp AND c.concept = g.concept AND c.member = g.member
JOIN lv b ON b.entity = g.entity AND b.scope = g.scope AND b.period = g.base
         AND b.concept = g.concept AND b.member = g.member AND b.dimension = c.dimension
WHERE g.measure IN ('growth', 'pp_change') AND g.whole = '';

-- Chains (the `chain` template of standard-relations.yaml): each relation with one operand
-- left out implies an interval for it (depth one: an implied interval implies nothing
-- further). Every implied interval of one figure, with the figure's stated interval if it is
-- stated, must share a point. An operand bound without a dimension rule is joined in any
-- dimension (the corpus states each figure in one).
CREATE MACRO mul(a, b) AS CASE WHEN a = 0 OR b = 0 THEN 0 ELSE a * b END;  -- 0 × ∞ = 0
CREATE MACRO mul_lo(a, b, c, e) AS least(mul(a, c), mul(a, e), mul(b, c), mul(b, e));
CREATE MACRO mul_hi(a, b, c, e) AS greatest(mul(a, c), mul(a, e), mul(b, c), mul(b, e));

CREATE TABLE implied AS
WITH g AS (  -- growths of a concept that cannot be negative (so sign(base) is 1)
  SELECT v.* FROM vals v JOIN concepts USING (concept) WHERE measure = 'growth' AND nonnegative
), pp AS (
  SELECT * FROM vals WHERE measure = 'pp_change' AND whole = ''
), ac AS (
  SELECT * FROM vals WHERE measure = 'abs_change'
), e AS (
  -- base_from_growth: base = current / (1 + growth)
  SELECT 'base_from_growth' AS imp, g.entity, g.scope, g.base AS period, g.concept, g.member,
         c.dimension, div_lo(c.lo, c.hi, 1 + g.lo, 1 + g.hi) AS lo,
         div_hi(c.lo, c.hi, 1 + g.lo, 1 + g.hi) AS hi, concat_ws(' ', g.locs, c.locs) AS locs
  FROM g JOIN lv c ON c.esp = g.esp AND c.concept = g.concept AND c.member = g.member
  UNION ALL  -- current_from_growth: current = base × (1 + growth)
  SELECT 'current_from_growth', g.entity, g.scope, g.period, g.concept, g.member, b.dimension,
         mul_lo(b.lo, b.hi, 1 + g.lo, 1 + g.hi), mul_hi(b.lo, b.hi, 1 + g.lo, 1 + g.hi),
         concat_ws(' ', g.locs, b.locs)
  FROM g JOIN lv b ON b.entity = g.entity AND b.scope = g.scope AND b.period = g.base
                  AND b.concept = g.concept AND b.member = g.member
  UNION ALL  -- whole_from_share: whole = part / share, for a share above 0
  SELECT 'whole_from_share', s.entity, s.w_scope, s.period, s.w_concept, s.w_member,
         p.dimension, div_lo(p.lo, p.hi, s.lo, s.hi), div_hi(p.lo, p.hi, s.lo, s.hi),
         concat_ws(' ', s.locs, p.locs)
  FROM sh s JOIN lv p ON p.esp = s.esp AND p.concept = s.concept AND p.member = s.member
  WHERE s.lo > 0
  UNION ALL  -- part_from_share: part = whole × share
  SELECT 'part_from_share', s.entity, s.scope, s.period, s.concept, s.member, w.dimension,
         mul_lo(w.lo, w.hi, s.lo, s.hi), mul_hi(w.lo, w.hi, s.lo, s.hi),
         concat_ws(' ', s.locs, w.locs)
  FROM sh s JOIN lv w ON w.entity = s.entity AND w.scope = s.w_scope AND w.period = s.period
                     AND w.concept = s.w_concept AND w.member = s.w_member
  UNION ALL  -- base_from_pp_change: base = current − pp
  SELECT 'base_from_pp_change', x.entity, x.scope, x.base, x.concept, x.member, c.dimension,
         c.lo - x.hi, c.hi - x.lo, concat_ws(' ', x.locs, c.locs)
  FROM pp x JOIN lv c ON c.esp = x.esp AND c.concept = x.concept AND c.member = x.member
  UNION ALL  -- current_from_pp_change: current = base + pp
  SELECT 'current_from_pp_change', x.entity, x.scope, x.period, x.concept, x.member,
         b.dimension, b.lo + x.lo, b.hi + x.hi, concat_ws(' ', x.locs, b.locs)
  FROM pp x JOIN lv b ON b.entity = x.entity AND b.scope = x.scope AND b.period = x.base
                     AND b.concept = x.concept AND b.member = x.member
  UNION ALL  -- base_from_abs_change: base = current − change, in the change's dimension
  SELECT 'base_from_abs_change', x.entity, x.scope, x.base, x.concept, x.member, c.dimension,
         c.lo - x.hi, c.hi - x.lo, concat_ws(' ', x.locs, c.locs)
  FROM ac x JOIN lv c ON c.esp = x.esp AND c.concept = x.concept AND c.member = x.member
                     AND c.dimension = x.dimension
  UNION ALL  -- current_from_abs_change: current = base + change
  SELECT 'current_from_abs_change', x.entity, x.scope, x.period, x.concept, x.member,
         b.dimension, b.lo + x.lo, b.hi + x.hi, concat_ws(' ', x.locs, b.locs)
  FROM ac x JOIN lv b ON b.entity = x.entity AND b.scope = x.scope AND b.period = x.base
                     AND b.concept = x.concept AND b.member = x.member
                     AND b.dimension = x.dimension
)
SELECT e.*, f.lo AS f_lo, f.hi AS f_hi, f.locs AS f_locs
FROM e
LEFT JOIN lv f ON f.entity = e.entity AND f.scope = e.scope AND f.period = e.period
              AND f.concept = e.concept AND f.member = e.member AND f.dimension = e.dimension
WHERE e.lo IS NOT NULL AND e.hi IS NOT NULL;

-- A check per figure with at least two implied intervals, leaving out an interval that misses
-- the stated figure alone (its relation's own discrepancy) and a group of shares of one
-- unstated whole alone (shares_imply_one_whole checks it).
INSERT INTO checks
WITH k AS (
  SELECT * FROM implied
  WHERE f_lo IS NULL OR greatest(f_lo - hi, lo - f_hi)
                        <= 1e-9 * greatest(mag(lo), mag(hi), mag(f_lo), mag(f_hi))
), c AS (
  SELECT entity || '/' || scope || '/' || period AS esp, concept, member,
         greatest(max(lo), coalesce(any_value(f_lo), '-inf'::DOUBLE)) AS lo_max,
         least(min(hi), coalesce(any_value(f_hi), 'inf'::DOUBLE)) AS hi_min,
         concat_ws(' ', any_value(f_locs), string_agg(locs, ' ')) AS locs
  FROM k GROUP BY entity, scope, period, concept, member, dimension
  HAVING count(*) >= 2 AND NOT (count(DISTINCT imp) = 1 AND any_value(imp) = 'whole_from_share'
                                AND any_value(f_lo) IS NULL)
)
SELECT 'chain:' || esp || '/' || concept || CASE WHEN member = '' THEN '' ELSE '/' || member END,
       'chain', 'formula', '=', lo_max, CASE WHEN lo_max <= hi_min THEN hi_min ELSE lo_max END,
       CASE WHEN lo_max <= hi_min THEN lo_max ELSE hi_min END, hi_min, locs
FROM c;

-- 4. Verdicts, and the findings file.
CREATE TABLE findings AS
SELECT id, rule, kind, relation,
       CASE WHEN d_lo IS NULL OR d_hi IS NULL THEN 'not_checkable'
            WHEN miss <= 1e-9 * greatest(mag(s_lo), mag(s_hi), mag(d_lo), mag(d_hi))
            THEN 'consistent' ELSE 'discrepant' END AS verdict,
       {'lo': s_lo, 'hi': s_hi} AS stated, {'lo': d_lo, 'hi': d_hi} AS derived,
       miss, string_split(facts, ' ') AS facts
FROM (
  SELECT *, greatest(0, CASE relation WHEN '>=' THEN d_lo - s_hi
                                      ELSE greatest(s_lo - d_hi, d_lo - s_hi) END) AS miss
  FROM checks
);

COPY (SELECT * FROM findings ORDER BY id) TO :findings (FORMAT json);
