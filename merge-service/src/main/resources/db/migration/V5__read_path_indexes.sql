-- The read API at a million orders. Every offered sort has an index in its order, sort key then
-- order id (the tie-breaker that makes the order total): a page walks index entries only, where
-- it sorted the whole table before (1.1 s for a page 3,000 deep by net amount). The amounts sort
-- with nulls first, as the API sorts them; scanned backward an index gives the descending sort.
-- The filter columns are INCLUDEd, so that a filtered page is filtered inside the index too.
-- Indexes on columns that upserts change make those upserts write every index (no more HOT
-- updates): there is one per sort, not one per sort and filter. A filtered page by number walks
-- the sort's index past the orders of other categories; a page by cursor (the API's `after` and
-- `before`, the web UI's Next and Previous) starts at its place in the index, at any depth.
drop index orders_category;
create index orders_category on orders (category, order_id) include (tolerance_status);
drop index orders_tolerance;
create index orders_tolerance on orders (tolerance_status, order_id) include (category);
create index orders_category_by_tolerance on orders (category, tolerance_status, order_id);

create index orders_by_shipment_invoice_amount
    on orders (shipment_invoice_amount nulls first, order_id) include (category, tolerance_status);
create index orders_by_return_invoice_amount
    on orders (return_invoice_amount nulls first, order_id) include (category, tolerance_status);
create index orders_by_net_amount
    on orders (net_amount nulls first, order_id) include (category, tolerance_status);
create index orders_by_payout_percent
    on orders (payout_percent nulls first, order_id) include (category, tolerance_status);
create index orders_by_mtr_lines
    on orders (mtr_lines, order_id) include (category, tolerance_status);
create index orders_by_payment_lines
    on orders (payment_lines, order_id) include (category, tolerance_status);

-- The search `q` is a part of the order id in any case: lower(order_id) like '%…%'. A B-tree cannot
-- serve a pattern that starts with a wildcard; trigrams can. pg_trgm is a trusted extension since
-- PostgreSQL 13: the owner of the database may create it without being a superuser.
create extension if not exists pg_trgm;
create index orders_order_id_trigrams on orders using gin (lower(order_id) gin_trgm_ops);
