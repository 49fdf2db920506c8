ALTER TABLE customers ENABLE ROW LEVEL SECURITY;

CREATE POLICY customers_readable ON customers FOR SELECT TO shop_reader
    USING (status IN ('active', 'pending'));

CREATE POLICY customers_writable ON customers FOR UPDATE TO shop_writer
    USING (status IN ('active'))
    WITH CHECK (status IN ('active', 'pending'));
