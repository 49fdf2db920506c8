-- 5,000 customers, so that the second round changes a table with rows.
INSERT INTO customers (email, name, status)
SELECT 'customer' || g || '@example.com', 'Customer ' || g,
       CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'active' END
FROM generate_series(1, 5000) g
ON CONFLICT (email) DO NOTHING;
