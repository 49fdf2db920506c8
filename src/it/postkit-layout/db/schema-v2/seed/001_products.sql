INSERT INTO products (sku, name, price_cents)
VALUES ('tea', 'Green tea', 450), ('mug', 'Mug', 1200)
ON CONFLICT (sku) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents;
