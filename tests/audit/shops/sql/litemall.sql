CREATE TABLE litemall_goods (
  id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(127) NOT NULL DEFAULT '',
  category_id INT(11) DEFAULT '0',
  counter_price DECIMAL(10,2) DEFAULT '0.00',
  retail_price DECIMAL(10,2) DEFAULT '100000.00',
  deleted TINYINT(1) DEFAULT '0'
) ENGINE=InnoDB;
CREATE TABLE litemall_groupon_rules (
  id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  goods_id INT(11) NOT NULL,
  goods_name VARCHAR(127) NOT NULL,
  discount DECIMAL(63,0) NOT NULL,
  discount_member INT(11) NOT NULL,
  expire_time DATETIME DEFAULT NULL,
  status SMALLINT(6) DEFAULT '0',
  add_time DATETIME NOT NULL,
  deleted TINYINT(1) DEFAULT '0'
) ENGINE=InnoDB;
CREATE TABLE litemall_coupon (
  id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(63) NOT NULL,
  total INT(11) NOT NULL DEFAULT '0',
  discount DECIMAL(10,2) DEFAULT '0.00',
  `min` DECIMAL(10,2) DEFAULT '0.00',
  `limit` SMALLINT(6) DEFAULT '1',
  type SMALLINT(6) DEFAULT '0',
  status SMALLINT(6) DEFAULT '0',
  goods_type SMALLINT(6) DEFAULT '0',
  goods_value VARCHAR(1023) DEFAULT '[]',
  code VARCHAR(63) DEFAULT NULL,
  time_type SMALLINT(6) DEFAULT '0',
  days SMALLINT(6) DEFAULT '0',
  start_time DATETIME DEFAULT NULL,
  end_time DATETIME DEFAULT NULL,
  add_time DATETIME DEFAULT NULL,
  deleted TINYINT(1) DEFAULT '0'
) ENGINE=InnoDB;
INSERT INTO litemall_goods VALUES
  (1, 'brush', 1008008, 59.00, 39.00, 0), (2, 'sofa', 1008009, 999.00, 100.00, 0),
  (3, 'lamp', 1008009, 300.00, 100.00, 0);
INSERT INTO litemall_groupon_rules VALUES
  (1, 1, 'brush', 39, 2, '2026-11-20 00:00:00', 0, '2026-11-11 00:00:00', 0),
  (2, 2, 'sofa', 10, 2, '2026-11-20 00:00:00', 0, '2026-11-11 00:00:00', 0),
  (3, 2, 'sofa alone', 10, 1, '2026-11-20 00:00:00', 0, '2026-11-11 00:00:00', 0),
  (4, 1, 'deleted', 39, 2, '2026-11-20 00:00:00', 0, '2026-11-11 00:00:00', 1),
  (5, 3, 'lamp', 45, 2, '2026-11-20 00:00:00', 0, '2026-11-11 00:00:00', 0);
INSERT INTO litemall_coupon VALUES
  (1, 'spend 99 save 5', 0, 5.00, 99.00, 1, 0, 0, 0, '[]', NULL, 0, 10, NULL, NULL, '2026-11-11 00:00:00', 0),
  (2, 'sofa 60 off 100', 100, 60.00, 100.00, 1, 0, 0, 2, '[2]', NULL, 1, 0, '2026-11-11 00:00:00', '2026-11-12 00:00:00', '2026-11-10 00:00:00', 0),
  (3, 'sofa 10 off 100', 100, 10.00, 100.00, 1, 0, 0, 2, '[2]', NULL, 1, 0, '2026-11-11 00:00:00', '2026-11-12 00:00:00', '2026-11-10 00:00:00', 0),
  (4, 'lamp 10 off 50', 100, 10.00, 50.00, 1, 0, 0, 2, '[3]', NULL, 1, 0, '2026-11-11 00:00:00', '2026-11-12 00:00:00', '2026-11-10 00:00:00', 0),
  (5, 'zero', 100, 0.00, 50.00, 1, 0, 0, 0, '[]', NULL, 1, 0, '2026-11-11 00:00:00', '2026-11-12 00:00:00', '2026-11-10 00:00:00', 0)
