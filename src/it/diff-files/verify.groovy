def sql = new File(basedir, 'target/change.sql').text
assert sql.contains('CREATE TYPE "public"."tier" AS ENUM (\'free\', \'pro\');')
assert sql.contains('ALTER TABLE "public"."customers" ADD COLUMN "tier" public.tier DEFAULT \'free\'::public.tier NOT NULL;')
assert sql.contains('ADD CONSTRAINT "customers_email_key" UNIQUE (email);')
assert sql.contains('CREATE VIEW "public"."pro_customers" AS')
assert sql.indexOf('CREATE TYPE') < sql.indexOf('ADD COLUMN "tier"') : 'the type comes before its column'
assert sql.indexOf('ADD COLUMN "tier"') < sql.indexOf('CREATE VIEW') : 'the view comes after the column it reads'
return true
