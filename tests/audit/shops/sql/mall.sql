CREATE TABLE pms_product (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_category_id BIGINT(20) NULL,
  name VARCHAR(200) NOT NULL,
  delete_status INT(1) NULL,
  price DECIMAL(10,2) NULL,
  original_price DECIMAL(10,2) NULL,
  promotion_start_time DATETIME NULL,
  promotion_end_time DATETIME NULL,
  promotion_per_limit INT(11) NULL,
  promotion_type INT(1) NULL
) ENGINE=InnoDB;
CREATE TABLE pms_sku_stock (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT(20) NULL,
  price DECIMAL(10,2) NULL,
  promotion_price DECIMAL(10,2) NULL
) ENGINE=InnoDB;
CREATE TABLE pms_member_price (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT(20) NULL,
  member_level_id BIGINT(20) NULL,
  member_price DECIMAL(10,2) NULL,
  member_level_name VARCHAR(100) NULL
) ENGINE=InnoDB;
CREATE TABLE pms_product_ladder (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT(20) NULL,
  count INT(11) NULL,
  discount DECIMAL(10,2) NULL,
  price DECIMAL(10,2) NULL
) ENGINE=InnoDB;
CREATE TABLE pms_product_full_reduction (
  id BIGINT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id BIGINT(20) NULL,
  full_price DECIMAL(10,2) NULL,
  reduce_price DECIMAL(10,2) NULL
) ENGINE=InnoDB;
CREATE TABLE sms_coupon (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  type INT(1) NULL,
  name VARCHAR(100) NULL,
  amount DECIMAL(10,2) NULL,
  per_limit INT(11) NULL,
  min_point DECIMAL(10,2) NULL,
  start_time DATETIME NULL,
  end_time DATETIME NULL,
  use_type INT(1) NULL,
  publish_count INT(11) NULL
) ENGINE=InnoDB;
CREATE TABLE sms_coupon_product_relation (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  coupon_id BIGINT(20) NULL,
  product_id BIGINT(20) NULL
) ENGINE=InnoDB;
CREATE TABLE sms_coupon_product_category_relation (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  coupon_id BIGINT(20) NULL,
  product_category_id BIGINT(20) NULL
) ENGINE=InnoDB;
CREATE TABLE sms_flash_promotion (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(200) NULL,
  start_date DATE NULL,
  end_date DATE NULL,
  status INT(1) NULL
) ENGINE=InnoDB;
CREATE TABLE sms_flash_promotion_session (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NULL,
  start_time TIME NULL,
  end_time TIME NULL
) ENGINE=InnoDB;
CREATE TABLE sms_flash_promotion_product_relation (
  id BIGINT(20) NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flash_promotion_id BIGINT(20) NULL,
  flash_promotion_session_id BIGINT(20) NULL,
  product_id BIGINT(20) NULL,
  flash_promotion_price DECIMAL(10,2) NULL,
  flash_promotion_count INT(11) NULL,
  flash_promotion_limit INT(11) NULL
) ENGINE=InnoDB;
INSERT INTO pms_product VALUES
  (26, 19, 'phone', 0, 3788.00, 4288.00, NULL, NULL, 0, 5),
  (27, 19, 'phone 8', 0, 2699.00, 2999.00, NULL, NULL, 0, 3),
  (28, 19, 'redmi', 0, 649.00, 799.00, NULL, NULL, 0, 4),
  (29, 19, 'iphone', 0, 5499.00, 6999.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 1, 1),
  (30, 8, 'shirt', 0, 98.00, 299.00, NULL, NULL, 0, 0),
  (31, 8, 'deleted shirt', 1, 98.00, 299.00, NULL, NULL, 0, 3);
INSERT INTO pms_sku_stock VALUES (106, 29, 5499.00, 4999.00), (107, 29, 6299.00, 5799.00);
INSERT INTO pms_member_price VALUES (1, 30, 1, 10.00, 'gold');
INSERT INTO pms_product_ladder VALUES (99, 27, 2, 0.80, 0.00), (100, 30, 2, 0.10, 0.00), (101, 31, 2, 0.10, 0.00);
INSERT INTO pms_product_full_reduction VALUES (96, 28, 500.00, 50.00), (97, 28, 1000.00, 120.00);
INSERT INTO sms_coupon VALUES
  (27, 0, 'spend 100 save 10', 10.00, 10, 100.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0, 100),
  (28, 0, 'spend 100 save 200', 200.00, 1, 100.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 2, 100),
  (29, 3, 'sign-up', 5.00, 1, 0.00, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0, 100);
INSERT INTO sms_coupon_product_relation VALUES (1, 28, 30);
INSERT INTO sms_flash_promotion VALUES (14, 'double 11', '2026-11-11', '2026-11-11', 1);
INSERT INTO sms_flash_promotion_session VALUES (1, '8:00', '08:00:00', '10:00:00');
INSERT INTO sms_flash_promotion_product_relation VALUES
  (1, 14, 1, 26, 300.00, 10, 1), (2, 14, 1, 26, 3000.00, 10, 1), (3, 14, 1, 26, NULL, NULL, NULL)
