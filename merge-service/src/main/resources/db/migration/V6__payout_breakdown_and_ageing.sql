-- SPEC §8.1-8.2: where an order's money went, and how long an unpaid order has waited.
-- The twelve component sums of an order's payment lines that carry a breakdown (null when none
-- does), and the sums of their groups, written by the sink with them. Plain nullable columns: adding
-- them does not rewrite the table (generated columns would, a million orders at upgrade).
alter table orders
    add column productsales         numeric,
    add column shippingcredits      numeric,
    add column giftwrapcredits      numeric,
    add column promotionalrebates   numeric,
    add column sellingfees          numeric,
    add column fbafees              numeric,
    add column othertransactionfees numeric,
    add column other                numeric,
    add column tcscgst              numeric,
    add column tcssgst              numeric,
    add column tcsigst              numeric,
    add column tdssection194o       numeric,
    -- Payment lines whose components do not add up to their total; null without a breakdown.
    add column inconsistent_lines   integer,
    -- −fees ÷ productsales × 100, HALF_EVEN to 2 places (PostgreSQL's round is HALF_UP).
    add column fee_percent          numeric,
    -- The earliest shipment date of the Shipment lines, else their earliest invoice date.
    add column shipped_date         date,
    add column sales                numeric,
    add column fees                 numeric,
    add column tcs                  numeric;

create index orders_by_fees on orders (fees nulls first, order_id) include (category, tolerance_status);
create index orders_by_fee_percent
    on orders (fee_percent nulls first, order_id) include (category, tolerance_status);
-- Ageing reads only unpaid orders, by how long ago they shipped.
create index orders_unpaid_by_shipped_date on orders (shipped_date, order_id)
    where category = 'Payment Pending';

-- Per payment line: its readable date (the ledger's as-of date is the latest), and for a line with
-- a breakdown the taxes withheld, by the month a seller files them under ('unknown' when the
-- line's date is unreadable), and whether its components add up to its total.
alter table order_lines
    add column paid_on        date,
    add column tax_month      text,
    add column tcscgst        numeric,
    add column tcssgst        numeric,
    add column tcsigst        numeric,
    add column tdssection194o numeric,
    add column consistent     boolean;
alter table non_order_charges
    add column paid_on        date,
    add column tax_month      text,
    add column tcscgst        numeric,
    add column tcssgst        numeric,
    add column tcsigst        numeric,
    add column tdssection194o numeric,
    add column consistent     boolean;
create index order_lines_paid_on on order_lines (paid_on) where paid_on is not null;
create index non_order_charges_paid_on on non_order_charges (paid_on) where paid_on is not null;
