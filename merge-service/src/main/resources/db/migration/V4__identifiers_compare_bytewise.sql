-- Order and line ids are compared bytewise (collate "C"), as the read API already sorts them.
-- In the database's own collation every comparison in the keys' B-trees went through the C
-- library's strcoll: over a 1,000,000-order load most of PostgreSQL's time was spent there.
-- The primary key of orders now gives the read API's order itself, so its copy in that order goes.
drop index orders_by_order_id;
alter table orders alter column order_id type text collate "C";
alter table order_lines
    alter column order_id type text collate "C",
    alter column line_id type text collate "C";
alter table non_order_charges alter column line_id type text collate "C";
