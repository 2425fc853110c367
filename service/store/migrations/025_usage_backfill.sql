-- Usage intervals for resources that predate them (020 added billing without backfilling it).
-- The rows are computed in code from the price list: see service/guardrails/backfill.ts, which
-- runs right after this migration, in its transaction. Nothing to do in SQL.
SELECT 1;
