CREATE TABLE products (id int PRIMARY KEY, price_cents int NOT NULL, price numeric(10, 2) NOT NULL);
