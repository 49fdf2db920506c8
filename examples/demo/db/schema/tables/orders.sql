CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    product_id integer NOT NULL REFERENCES products (id),
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    placed_at timestamptz NOT NULL DEFAULT now(),
    shipped_at timestamptz
);

-- new: the order history page looks orders up by customer
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC);
