CREATE TABLE products (id int PRIMARY KEY, price_cents int NOT NULL);
