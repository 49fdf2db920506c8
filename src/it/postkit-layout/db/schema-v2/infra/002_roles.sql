-- Roles are cluster-wide and CREATE ROLE has no IF NOT EXISTS: either style works.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shop_reader') THEN
        CREATE ROLE shop_reader NOLOGIN;
    END IF;
END
$$;

CREATE ROLE shop_writer NOLOGIN;
