"""What each field of a promotion means, in English and Chinese, and which rules read it.

The one source of the editor schema's titles and descriptions (`promolint schema`) and
of the language server's hovers. Keys are dotted paths; `[]` stands for a list's items.
The rules' own words come from the catalog, the audience fields' from the vocabulary.
"""
from __future__ import annotations

# path -> (English, Chinese, rules that look at it)
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "apiVersion": ("The format version: always promolint/v1.", "格式版本:固定为 promolint/v1。", ()),
    "kind": ("Always Promotion.", "固定为 Promotion。", ()),
    "id": ("Unique id of the promotion across the repository (lowercase letters, digits, . _ -).",
           "促销在整个仓库内唯一的编号(小写字母、数字、. _ -)。", ("duplicate-id",)),
    "name": ("Name shown to people.", "给人看的促销名称。", ()),
    "owner": ("Who owns the promotion (a team or an email).", "促销的负责人(团队或邮箱)。", ()),
    "campaign": ("The declared intent; the audience must guard it (a member campaign needs a "
                 "user.tier condition, first_order needs user.is_first_order, ...).",
                 "声明的活动意图;受众条件必须守住它(会员活动要有 user.tier 条件,首单要有 "
                 "user.is_first_order 等)。", ("missing-eligibility",)),
    "currency": ("ISO 4217 code of every amount (CNY, not RMB).",
                 "所有金额的 ISO 4217 币种代码(写 CNY,不写 RMB)。", ("currency-mismatch",)),
    "window": ("When the promotion runs.", "促销的有效时间。", ("invalid-window", "long-window")),
    "window.start": ("Start, an RFC 3339 timestamp with an offset (2026-11-11T00:00:00+08:00).",
                     "开始时间,带时区偏移的 RFC 3339 时间(2026-11-11T00:00:00+08:00)。",
                     ("invalid-window",)),
    "window.end": ("End (after the start), an RFC 3339 timestamp with an offset.",
                   "结束时间(晚于开始),带时区偏移的 RFC 3339 时间。", ("invalid-window",)),
    "audience": ("Who is eligible: an expression over user., cart. and group. fields; absent = "
                 "everyone.", "谁可以参加:由 user.、cart.、group. 字段组成的表达式;不写表示所有人。",
                 ("missing-eligibility", "unknown-field", "type-mismatch", "unsatisfiable-audience")),
    "scope": ("Which cart lines the benefit applies to; absent = the whole order.",
              "优惠作用于哪些商品;不写表示整单。", ("below-market", "cash-equivalent-scope")),
    "scope.skus": ("SKUs the benefit applies to.", "参与优惠的 SKU。", ("below-market", "unpriced-sku")),
    "scope.categories": ("Categories the benefit applies to.", "参与优惠的类目。",
                         ("cash-equivalent-scope",)),
    "scope.exclude_skus": ("SKUs left out even when their category is in scope.",
                           "即使类目在范围内也排除的 SKU。", ()),
    "benefit": ("What the customer gets; `type` picks the kind.", "顾客得到的优惠;`type` 决定种类。",
                ("below-market",)),
    "benefit.type": ("The kind of benefit.", "优惠的种类。", ()),
    "benefit.percent": ("Percent off, 0 < p <= 100 (15 means 15%).", "减免的百分比,0 < p <= 100(15 表示减 15%,即 8.5 折;9 折写 10)。",
                        ("suspicious-percent", "below-market")),
    "benefit.max_amount": ("Most money off one order.", "每单最多减免的金额。",
                           ("stackable-percent-without-cap",)),
    "benefit.amount": ("Money off, in the promotion's currency.", "减免金额,以促销币种计。",
                       ("inverted-threshold", "below-market")),
    "benefit.threshold": ("Spend at least this on scoped items to get the amount off (满 X 减 Y: X).",
                          "在参与商品上至少消费这么多才能减免(满 X 减 Y 中的 X)。",
                          ("inverted-threshold",)),
    "benefit.repeat": ("Take the amount off for every full threshold (每满减).", "每满一次门槛就减一次(每满减)。",
                       ("unbounded-repeat",)),
    "benefit.max_repeats": ("At most this many repeats.", "最多重复减免的次数。", ("unbounded-repeat",)),
    "benefit.tiers": ("Two or more tiers; the highest one reached applies (阶梯满减).",
                      "两个或以上阶梯;按达到的最高一档优惠(阶梯满减)。", ("non-monotonic-tiers",)),
    "benefit.tiers[].threshold": ("Spend that reaches this tier.", "达到这一档所需的消费。",
                                  ("non-monotonic-tiers", "inverted-threshold")),
    "benefit.tiers[].amount": ("Money off at this tier.", "这一档减免的金额。",
                               ("non-monotonic-tiers", "inverted-threshold")),
    "benefit.tiers[].percent": ("Percent off at this tier.", "这一档减免的百分比(9 折写 10)。", ("non-monotonic-tiers",)),
    "benefit.price": ("Each scoped unit sells at this price.", "每件参与商品的售价。",
                      ("below-market", "price-increase", "uncapped-deep-discount")),
    "benefit.buy": ("Units to buy.", "需购买的件数。", ()),
    "benefit.get": ("Units that then come at `percent` off.", "随后减 `percent`% 获得的件数。", ()),
    "benefit.min_group_size": ("People needed to form the group (拼团).", "成团所需人数(拼团)。",
                               ("missing-eligibility",)),
    "benefit.min_subtotal": ("Least order subtotal for free shipping.", "包邮所需的最低订单金额。", ()),
    "limits": ("Caps on redemptions and money.", "核销次数与金额的上限。", ("unbounded-cost",)),
    "limits.per_user": ("Redemptions per user.", "每个用户可使用的次数。", ("missing-per-user-limit",)),
    "limits.total": ("Redemptions overall.", "总共可使用的次数。", ("unbounded-cost",)),
    "limits.budget": ("Most money the promotion may give away, in its currency.",
                      "促销最多送出的金额,以促销币种计。", ("unbounded-cost",)),
    "stacking": ("exclusive (default), stackable, or {with: [ids]}: what it combines with.",
                 "exclusive(默认)、stackable 或 {with: [编号]}:能与哪些促销叠加。",
                 ("stacking-below-market", "overlapping-exclusive")),
    "stacking.with": ("Ids of the promotions it stacks with.", "可叠加的促销编号。",
                      ("unknown-reference", "stacking-below-market")),
    "rollout": ("Percent of traffic, 1..100 (below 100: a gray release).", "流量百分比,1..100(低于 100 为灰度)。", ()),
    "priority": ("Order among promotions (an integer).", "促销之间的优先级(整数)。", ()),
    "coupon": ("Present when the promotion is redeemed with a code.", "需要券码核销时填写。",
               ("unsigned-coupon", "coupon-without-threshold")),
    "coupon.required": ("A code is needed.", "必须使用券码。", ("unsigned-coupon",)),
    "coupon.signed": ("Codes are signed and verified server side.", "券码在服务端签名并校验。", ("unsigned-coupon",)),
    "coupon.rate_limit_per_minute": ("Code attempts a user may make per minute.", "每个用户每分钟可尝试券码的次数。",
                                     ("unsigned-coupon",)),
    "suppress": ("Accepted findings, each with a reason (and an optional expiry).",
                 "已接受的问题,每条都要有理由(可设到期日)。", ("invalid-suppression", "expired-suppression")),
    "suppress[].rule": ("The rule to suppress.", "要豁免的规则。", ("invalid-suppression",)),
    "suppress[].reason": ("Why it is safe, who approved it.", "为什么安全、谁批准的。", ("invalid-suppression",)),
    "suppress[].until": ("Date (YYYY-MM-DD) after which the suppression stops applying.",
                         "豁免失效的日期(YYYY-MM-DD)。", ("expired-suppression",)),
}

# value -> (English, Chinese): what each allowed value of an enumerated field means
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "campaign": {
        "general": ("No eligibility intent.", "无资格要求。"),
        "flash_sale": ("A flash sale (秒杀); no eligibility intent.", "秒杀,无资格要求。"),
        "clearance": ("Clearance; no eligibility intent.", "清仓,无资格要求。"),
        "member": ("Members only: the audience must exclude a user.tier.", "仅限会员:受众必须排除某个 user.tier。"),
        "first_order": ("First orders only: user.is_first_order or user.order_count == 0.",
                        "仅限首单:user.is_first_order 或 user.order_count == 0。"),
        "new_user": ("New users: bound user.account_age_days and require a verified phone or device.",
                     "新用户:限制 user.account_age_days,并要求手机或设备已验证。"),
        "group_buy": ("Group buy (拼团): group.size >= the benefit's min_group_size (>= 2).",
                      "拼团:group.size >= 优惠的 min_group_size(至少 2)。"),
        "compensation": ("Compensation: only affected users (user.id in [...] or a user.tags incident tag).",
                         "补偿:只给受影响的用户(user.id in [...] 或 user.tags 事件标签)。"),
    },
    "benefit.type": {
        "percent_off": ("percent off the scoped items (max_amount caps it).", "参与商品减 percent%(percent: 10 即 9 折;max_amount 封顶)。"),
        "amount_off": ("a fixed amount off the scoped subtotal.", "参与商品小计立减固定金额。"),
        "threshold_off": ("spend threshold, save amount (满减); repeat for 每满减.", "满 threshold 减 amount(满减);repeat 为每满减。"),
        "tiered": ("the highest tier reached applies (阶梯满减).", "按达到的最高一档优惠(阶梯满减)。"),
        "fixed_price": ("each scoped unit sells at price (秒杀).", "每件参与商品按 price 出售(秒杀)。"),
        "buy_x_get_y": ("buy `buy` units, get `get` more at percent off.", "买 buy 件,再得 get 件减 percent%(100 即免费)。"),
        "group_price": ("each unit at price when a group forms (拼团).", "成团后每件按 price 出售(拼团)。"),
        "free_shipping": ("shipping is free (from min_subtotal).", "包邮(可设 min_subtotal)。"),
    },
    "stacking": {
        "exclusive": ("combines with no other promotion (the default).", "不与其他促销叠加(默认)。"),
        "stackable": ("combines with any stackable promotion.", "可与任何可叠加促销叠加。"),
    },
}


def key_path(path: tuple) -> str:
    """The FIELDS key of a document path: ("benefit", "tiers", 0, "amount") -> benefit.tiers[].amount."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[]"
        else:
            out += ("." if out else "") + str(part)
    return out


def describe(key: str, lang: str = "en") -> str | None:
    """A field's meaning in `lang`, with the rules that check it (from the catalog)."""
    entry = FIELDS.get(key)
    if entry is None:
        return None
    from promolint.report.catalog import rules
    table = rules()
    text = entry[1] if lang == "zh" else entry[0]
    checked = [f"{name} ({table[name].code})" for name in entry[2] if name in table]
    if checked:
        text += (" 检查它的规则:" if lang == "zh" else " Checked by: ") + ", ".join(checked) + (
            "。" if lang == "zh" else ".")
    return text
