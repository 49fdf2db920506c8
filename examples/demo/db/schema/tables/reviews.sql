-- new table
CREATE TABLE reviews (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id bigint NOT NULL REFERENCES customers (id),
    stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body text,
    UNIQUE (product_id, customer_id)
);
