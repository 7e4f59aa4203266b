-- The read model of reconciliation results, written only by the merge service's sink.
-- Every write is an idempotent upsert keyed as its Kafka record, so reprocessing a batch is harmless.

create table orders (
    order_id                text primary key,
    category                text    not null,
    tolerance_status        text    not null,
    shipment_invoice_amount numeric,
    return_invoice_amount   numeric,
    net_amount              numeric,
    payout_percent          numeric,
    tolerance_minimum       numeric,
    mtr_lines               integer not null,
    payment_lines           integer not null,
    updated_at              timestamptz not null default now()
);
create index orders_category on orders (category, order_id);
create index orders_tolerance on orders (tolerance_status, order_id);

create table order_lines (
    order_id         text    not null,
    line_id          text    not null,
    kind             text    not null,
    transaction_type text    not null,
    payment_type     text,
    amount           numeric not null,
    line_date        text,
    upload_id        bigint  not null,
    file_name        text    not null,
    row_number       integer not null,
    details          jsonb   not null,
    primary key (order_id, line_id)
);

create table non_order_charges (
    line_id      text primary key,
    description  text    not null,
    payment_type text,
    amount       numeric not null,
    line_date    text,
    upload_id    bigint  not null,
    file_name    text    not null,
    row_number   integer not null,
    details      jsonb   not null
);

create table rejected_rows (
    upload_id  bigint  not null,
    row_number integer not null,
    file_name  text    not null,
    kind       text    not null,
    reason     text    not null,
    message    text    not null,
    raw_values jsonb   not null,
    primary key (upload_id, row_number)
);

-- One row per upload, topic and partition whose end marker the sink has written: all 2 x partitions
-- present means every row of the upload is reflected here.
create table upload_markers (
    upload_id  bigint  not null,
    topic      text    not null,
    partition  integer not null,
    rows       bigint  not null,
    reached_at timestamptz not null default now(),
    primary key (upload_id, topic, partition)
);
