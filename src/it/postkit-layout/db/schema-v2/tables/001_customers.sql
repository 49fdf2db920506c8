CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    name text NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'blocked')),
    loyalty_points integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
