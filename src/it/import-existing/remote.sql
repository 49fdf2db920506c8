-- An existing shop database with data and no migration history: two schemas, a function whose identity argument
-- list is longer than 63 bytes, views, a materialized view, triggers, policies, grants and default privileges.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_reader') THEN CREATE ROLE shop_reader NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_app') THEN CREATE ROLE shop_app LOGIN; END IF;
END $$;
CREATE EXTENSION citext;
CREATE SCHEMA billing;
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name text,
    tenant text NOT NULL DEFAULT current_user
);
COMMENT ON TABLE customers IS 'People who buy';
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    status order_status NOT NULL DEFAULT 'new',
    total numeric(12,2) NOT NULL CHECK (total >= 0),
    ordered_at timestamp without time zone NOT NULL DEFAULT now(),
    updated_at timestamp without time zone
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TABLE billing.invoices (
    id serial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES public.orders (id),
    kind varchar(10) NOT NULL CHECK (kind IN ('invoice', 'credit'))
);
CREATE FUNCTION order_total_between(from_time timestamp without time zone, to_time timestamp without time zone,
        customer_identifier bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(total), 0) FROM orders
    WHERE customer_id = customer_identifier AND ordered_at BETWEEN from_time AND to_time
$$;
COMMENT ON FUNCTION order_total_between(timestamp without time zone, timestamp without time zone, bigint)
    IS 'Revenue of one customer in a period';
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();
CREATE VIEW customer_orders AS SELECT c.id, c.email, count(o.id) AS orders
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
CREATE VIEW big_customers AS SELECT id, email FROM customer_orders WHERE orders > 2;
CREATE MATERIALIZED VIEW order_stats AS SELECT status, count(*) AS n FROM orders GROUP BY status;
CREATE UNIQUE INDEX order_stats_status_idx ON order_stats (status);
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_tenant ON customers FOR SELECT TO shop_app USING (tenant = current_user);
CREATE POLICY customers_reader ON customers TO shop_reader USING (tenant IN ('north', 'south'));
GRANT USAGE ON SCHEMA billing TO shop_reader;
GRANT SELECT ON customers, orders, customer_orders, big_customers TO shop_reader;
GRANT SELECT, INSERT, UPDATE ON orders TO shop_app;
REVOKE EXECUTE ON FUNCTION order_total_between(timestamp without time zone, timestamp without time zone, bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION order_total_between(timestamp without time zone, timestamp without time zone, bigint)
    TO shop_app;
GRANT SELECT ON billing.invoices TO shop_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO shop_reader;
INSERT INTO customers (email, name, tenant) SELECT 'customer' || g || '@example.com', 'Customer ' || g,
    CASE WHEN g % 2 = 0 THEN 'north' ELSE 'south' END FROM generate_series(1, 2000) g;
INSERT INTO orders (customer_id, status, total) SELECT 1 + g % 2000, 'paid', g % 500 FROM generate_series(1, 6000) g;
INSERT INTO billing.invoices (order_id, kind) SELECT g, 'invoice' FROM generate_series(1, 1000) g;
REFRESH MATERIALIZED VIEW order_stats;
