INSERT INTO products (id, price_cents) VALUES (1, 250), (2, 99) ON CONFLICT (id) DO NOTHING;
