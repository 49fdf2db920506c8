-- A remote with a log table too big to want locally: customers, their orders, and an access log.
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total numeric);
CREATE TABLE access_log (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customers (id), path text);
INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, 1 + g % 1000, g FROM generate_series(1, 4000) g;
INSERT INTO access_log (customer_id, path) SELECT 1 + g % 1000, '/page/' || g FROM generate_series(1, 3000) g;
