CREATE VIEW customer_orders AS
SELECT c.id, c.email, c.status, order_count(c.id) AS orders
FROM customers c;
