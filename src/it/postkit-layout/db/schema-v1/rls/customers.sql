ALTER TABLE customers ENABLE ROW LEVEL SECURITY;

CREATE POLICY customers_readable ON customers FOR SELECT TO shop_reader
    USING (status IN ('active', 'pending'));
