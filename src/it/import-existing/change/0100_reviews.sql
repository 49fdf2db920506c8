CREATE TABLE reviews (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    stars int NOT NULL CHECK (stars BETWEEN 1 AND 5),
    body text
);
