CREATE TABLE customers (
    id bigserial PRIMARY KEY,
    email varchar(200) NOT NULL UNIQUE,
    name text,
    created_at timestamptz NOT NULL DEFAULT now()
);
