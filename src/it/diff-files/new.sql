CREATE TYPE tier AS ENUM ('free', 'pro');
CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, tier tier NOT NULL DEFAULT 'free');
CREATE VIEW pro_customers AS SELECT id, email FROM customers WHERE tier = 'pro';
