INSERT INTO products (id, price_cents, price) VALUES (1, 250, 2.50), (2, 99, 0.99) ON CONFLICT (id) DO NOTHING;
