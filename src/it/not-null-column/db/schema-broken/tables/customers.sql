CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email varchar(200) NOT NULL UNIQUE,
    name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- every existing customer would need a phone: PostgreSQL refuses this on real data
    phone text NOT NULL
);
