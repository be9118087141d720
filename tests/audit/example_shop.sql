CREATE TABLE promo (
  id INT PRIMARY KEY, shop_id INT NOT NULL DEFAULT 0, title VARCHAR(100) NOT NULL,
  kind VARCHAR(20) NOT NULL, threshold DECIMAL(10,2), amount DECIMAL(10,2),
  price DECIMAL(10,2), sku VARCHAR(40), tiers TEXT, start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL,
  daily_start TIME NULL, deleted TINYINT NOT NULL DEFAULT 0, total INT NOT NULL DEFAULT 100
) ENGINE=InnoDB;
CREATE TABLE goods (
  sku VARCHAR(40) PRIMARY KEY, shop_id INT NOT NULL DEFAULT 0, price DECIMAL(10,2) NOT NULL,
  category VARCHAR(40)
) ENGINE=InnoDB;
INSERT INTO goods VALUES ('GC-100', 1, 100.00, 'cards'), ('GC-200', 1, 100.00, 'cards'),
  ('TEA-1', 0, 39.00, 'tea');
INSERT INTO promo (id, shop_id, title, kind, threshold, amount, price, sku, tiers, start_ms, end_ms, daily_start, deleted) VALUES
  (1, 0, '满50减200', 'full_reduction', 50.00, 200.00, NULL, NULL, NULL, 1794412800000, 1794499200000, NULL, 0),
  (2, 1, 'Game card flash', 'seckill', NULL, NULL, 10.00, 'GC-100', NULL, 1794412800000, 1794499200000, NULL, 0),
  (3, 1, 'Card slot', 'seckill', NULL, NULL, 90.00, 'GC-200', NULL, 1794412800000, 1794499200000, '10:00:00', 0),
  (4, 2, 'Deleted flash', 'seckill', NULL, NULL, 1.00, 'GC-100', NULL, 1794412800000, 1794499200000, NULL, 1),
  (5, 2, 'Spend 200 save 20', 'full_reduction', 200.00, 20.00, NULL, NULL, NULL, 1794412800000, 1794499200000, NULL, 0),
  (6, 2, 'Ladder', 'ladder', NULL, NULL, NULL, NULL, '[{"threshold": 100, "amount": 10}, {"threshold": 200,', 1794412800000, 1794499200000, NULL, 0)
