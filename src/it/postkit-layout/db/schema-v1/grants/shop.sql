GRANT SELECT ON customers, products, orders, customer_orders TO shop_reader;
GRANT SELECT, INSERT, UPDATE ON customers, orders TO shop_writer;
GRANT USAGE ON SEQUENCE customers_id_seq, orders_id_seq TO shop_writer;
GRANT EXECUTE ON FUNCTION order_count(bigint) TO shop_reader;
