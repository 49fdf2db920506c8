CREATE FUNCTION order_count(customer bigint) RETURNS bigint
    LANGUAGE sql STABLE
AS $$
    SELECT count(*) FROM orders WHERE customer_id = customer
$$;
