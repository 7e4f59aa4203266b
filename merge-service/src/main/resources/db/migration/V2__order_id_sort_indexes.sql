-- The read API lists orders by order id compared bytewise (collate "C"), alone or after a
-- category or tolerance filter. Indexes in the database's own collation cannot give that order,
-- so every page sorted the whole table: these can.
create index orders_by_order_id on orders (order_id collate "C");
drop index orders_category;
create index orders_category on orders (category, order_id collate "C");
drop index orders_tolerance;
create index orders_tolerance on orders (tolerance_status, order_id collate "C");
