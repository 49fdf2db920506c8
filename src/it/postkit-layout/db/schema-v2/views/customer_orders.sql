CREATE VIEW customer_orders AS
SELECT c.id, c.email, c.status, c.loyalty_points, order_count(c.id) AS orders
FROM customers c;
