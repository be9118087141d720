CREATE TABLE tb_newbee_mall_goods_info (
  goods_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  goods_name VARCHAR(200) NOT NULL DEFAULT '',
  goods_category_id BIGINT NOT NULL DEFAULT 0,
  original_price INT NOT NULL DEFAULT 1,
  selling_price INT NOT NULL DEFAULT 1,
  goods_sell_status TINYINT NOT NULL DEFAULT 0
) ENGINE=InnoDB;
CREATE TABLE tb_newbee_mall_seckill (
  seckill_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  goods_id BIGINT NOT NULL,
  seckill_price INT NOT NULL,
  seckill_num INT NOT NULL,
  seckill_status TINYINT(1) NOT NULL DEFAULT 0,
  seckill_begin DATETIME NULL,
  seckill_end DATETIME NULL,
  is_deleted TINYINT(1) NULL DEFAULT 0
) ENGINE=InnoDB;
CREATE TABLE tb_newbee_mall_coupon (
  coupon_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  coupon_name VARCHAR(63) NOT NULL,
  coupon_total INT NOT NULL DEFAULT 0,
  discount INT NULL DEFAULT 0,
  `min` INT NULL DEFAULT 0,
  coupon_limit TINYINT NULL DEFAULT 1,
  coupon_type TINYINT NULL DEFAULT 0,
  coupon_status TINYINT NULL DEFAULT 0,
  goods_type TINYINT NULL DEFAULT 0,
  goods_value VARCHAR(1023) NULL DEFAULT '',
  coupon_code VARCHAR(63) NULL DEFAULT NULL,
  coupon_start_time DATETIME NULL,
  coupon_end_time DATETIME NULL,
  is_deleted TINYINT NULL DEFAULT 0
) ENGINE=InnoDB;
INSERT INTO tb_newbee_mall_goods_info VALUES
  (1, 'phone', 46, 6999, 5000, 1), (2, 'tea', 10, 150, 100, 1), (3, 'pen', 10, 30, 18, 0);
INSERT INTO tb_newbee_mall_seckill VALUES
  (1, 1, 10, 5, 1, '2026-11-11 09:00:00', '2026-11-11 09:05:00', 0),
  (2, 2, 80, 10, 1, '2026-11-11 09:00:00', '2026-11-11 09:05:00', 0),
  (3, 1, 1, 5, 1, '2026-11-11 09:00:00', '2026-11-11 09:05:00', 1);
INSERT INTO tb_newbee_mall_coupon VALUES
  (1, 'spend 99 save 5', 100, 5, 99, 1, 0, 0, 0, '', NULL, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0),
  (2, 'spend 50 save 200', 100, 200, 50, 1, 0, 0, 0, '', NULL, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0),
  (3, 'new user', 100, 10, 99, 1, 1, 0, 0, '', NULL, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0),
  (4, 'off the shelf', 100, 5, 99, 1, 0, 2, 2, '2,3', NULL, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 0),
  (5, 'deleted', 0, 500, 10, 0, 0, 0, 0, '', NULL, '2026-11-11 00:00:00', '2026-11-12 00:00:00', 1)
