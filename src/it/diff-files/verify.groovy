// the whole script, in order, in one transaction: the type before its column, the view after the column it reads
def sql = new File(basedir, 'target/change.sql').text
def expected = '''BEGIN;

CREATE TYPE "public"."tier" AS ENUM ('free', 'pro');

ALTER TABLE "public"."customers" ADD COLUMN "tier" public.tier DEFAULT 'free'::public.tier NOT NULL;

ALTER TABLE "public"."customers" ADD CONSTRAINT "customers_email_key" UNIQUE (email);

CREATE VIEW "public"."pro_customers" AS
SELECT customers.id,
    customers.email
   FROM public.customers
  WHERE (customers.tier = 'pro'::public.tier);

COMMIT;
'''
assert sql == expected
return true
