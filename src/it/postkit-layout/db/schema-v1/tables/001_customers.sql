CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name text NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'blocked')),
    updated_at timestamptz NOT NULL DEFAULT now()
);
