"""The words of `promolint diff`, in every language we ship (English and Chinese).

Kept apart from the comparison, as messages are kept apart from checks: the
comparison records a key and its arguments, the renderers say it.
"""
from __future__ import annotations

from decimal import Decimal

WORDS = {
    # benefits
    "percent_off": {"en": "{percent}% off", "zh": "优惠 {percent}%"},
    "percent_cap": {"en": "{percent}% off, at most {cap}", "zh": "优惠 {percent}%,最多 {cap}"},
    "amount_off": {"en": "{amount} off", "zh": "立减 {amount}"},
    "threshold_off": {"en": "满{threshold}减{amount}", "zh": "满{threshold}减{amount}"},
    "threshold_repeat": {"en": "每满{threshold}减{amount}", "zh": "每满{threshold}减{amount}"},
    "threshold_repeat_max": {"en": "每满{threshold}减{amount} (at most {times} times)",
                             "zh": "每满{threshold}减{amount}(最多 {times} 次)"},
    "tier_amount": {"en": "满{threshold}减{amount}", "zh": "满{threshold}减{amount}"},
    "tier_percent": {"en": "满{threshold} {percent}% off", "zh": "满{threshold}优惠 {percent}%"},
    "fixed_price": {"en": "fixed price {price}", "zh": "秒杀价 {price}"},
    "buy_get_free": {"en": "buy {buy} get {get} free", "zh": "买{buy}送{get}"},
    "buy_get": {"en": "buy {buy} get {get} at {percent}% off",
                "zh": "买 {buy} 件,另 {get} 件优惠 {percent}%"},
    "group_price": {"en": "group price {price} from {size} people", "zh": "{size} 人成团价 {price}"},
    "free_shipping": {"en": "free shipping", "zh": "包邮"},
    "broken_benefit": {"en": "a benefit with errors", "zh": "有错误的优惠"},
    "free_shipping_min": {"en": "free shipping from {amount}", "zh": "满 {amount} 包邮"},
    # scopes
    "scope_order": {"en": "the whole order", "zh": "全场"},
    "scope_sku": {"en": "SKU {sku}", "zh": "SKU {sku}"},
    "scope_skus": {"en": "{count} SKUs", "zh": "{count} 个 SKU"},
    "scope_category": {"en": "category {name}", "zh": "品类 {name}"},
    "scope_categories": {"en": "categories {names}", "zh": "品类 {names}"},
    "scope_and": {"en": " and ", "zh": "和"},
    "scope_except": {"en": " except {count} SKU(s)", "zh": "(排除 {count} 个 SKU)"},
    "scope_priced": {"en": " ({count} SKUs)", "zh": "(共 {count} 个 SKU)"},
    # stacking, audience, limits
    "stack_exclusive": {"en": "exclusive", "zh": "不可叠加"},
    "stack_any": {"en": "stackable", "zh": "可与任何可叠加促销叠加"},
    "stack_with": {"en": "stackable with {ids}", "zh": "可与 {ids} 叠加"},
    "everyone": {"en": "everyone", "zh": "所有人"},
    "none": {"en": "none", "zh": "无"},
    "unbounded": {"en": "unbounded", "zh": "无上限"},
    "day": {"en": "1 day", "zh": "1 天"},
    "days": {"en": "{count} days", "zh": "{count} 天"},
    "hour": {"en": "1 hour", "zh": "1 小时"},
    "hours": {"en": "{count} hours", "zh": "{count} 小时"},
    "minutes": {"en": "{count} minutes", "zh": "{count} 分钟"},
    # one line per change
    "benefit": {"en": "{before} -> {after}", "zh": "{before} -> {after}"},
    "percent": {"en": "percent {before} -> {after} on {scope}",
                "zh": "{scope} 的优惠比例 {before}% -> {after}%"},
    "scope_widened": {"en": "scope widened from {before} to {after}",
                      "zh": "范围从 {before} 扩大到 {after}"},
    "scope_narrowed": {"en": "scope narrowed from {before} to {after}",
                       "zh": "范围从 {before} 缩小到 {after}"},
    "scope_changed": {"en": "scope {before} -> {after}", "zh": "范围 {before} -> {after}"},
    "window": {"en": "window {before} -> {after} (now {start} .. {end})",
               "zh": "活动时间 {before} -> {after}(现为 {start} .. {end})"},
    "window_moved": {"en": "window moved: {before_start} .. {before_end} -> {start} .. {end}",
                     "zh": "活动时间移动:{before_start} .. {before_end} -> {start} .. {end}"},
    "stacking": {"en": "stacking {before} -> {after}", "zh": "叠加规则 {before} -> {after}"},
    "audience": {"en": "audience {before} -> {after}", "zh": "人群条件 {before} -> {after}"},
    "audience_widened": {"en": "audience widened: it now also lets in, e.g., {user}",
                         "zh": "人群扩大:现在也会放进来,例如 {user}"},
    "audience_narrowed": {"en": "audience narrowed: it now keeps out, e.g., {user}",
                          "zh": "人群缩小:现在会拦住,例如 {user}"},
    "audience_unknown": {"en": "audience changed in a way promolint cannot compare; assume it widened",
                         "zh": "人群条件的变化无法判定;按扩大处理"},
    "guard_lost": {"en": "audience no longer requires {guard}", "zh": "人群条件不再要求{guard}"},
    "guard_gained": {"en": "audience now requires {guard}", "zh": "人群条件现在要求{guard}"},
    "guard_first_order": {"en": "a first order", "zh": "首单"},
    "guard_not_blocked": {"en": "that the user is not blocked", "zh": "用户未被封禁"},
    "guard_verified": {"en": "a verified phone or device", "zh": "手机或设备已验证"},
    "limit_removed": {"en": "{limit} removed (was {before})", "zh": "取消了{limit}(原为 {before})"},
    "limit_added": {"en": "{limit} added: {after}", "zh": "新增{limit}:{after}"},
    "limit_changed": {"en": "{limit} {before} -> {after}", "zh": "{limit} {before} -> {after}"},
    "limit_budget": {"en": "budget", "zh": "预算"},
    "limit_total": {"en": "total redemption limit", "zh": "总核销上限"},
    "limit_per_user": {"en": "per-user limit", "zh": "每人限用次数"},
    "rollout": {"en": "rollout {before}% -> {after}%", "zh": "放量比例 {before}% -> {after}%"},
    "campaign": {"en": "campaign {before} -> {after}", "zh": "活动类型 {before} -> {after}"},
    "currency": {"en": "currency {before} -> {after}", "zh": "币种 {before} -> {after}"},
    "coupon": {"en": "coupon {before} -> {after}", "zh": "优惠码 {before} -> {after}"},
    "coupon_none": {"en": "no code", "zh": "无需优惠码"},
    "coupon_text": {"en": "required={required}, signed={signed}, rate limit={rate}",
                    "zh": "必需={required},签名={signed},限频={rate}"},
    "priority": {"en": "priority {before} -> {after}", "zh": "优先级 {before} -> {after}"},
    "name": {"en": "name {before} -> {after}", "zh": "名称 {before} -> {after}"},
    "owner": {"en": "owner {before} -> {after}", "zh": "负责人 {before} -> {after}"},
    "suppress_added": {"en": "suppression added: {rule} ({reason})", "zh": "新增豁免:{rule}({reason})"},
    "suppress_removed": {"en": "suppression removed: {rule}", "zh": "移除豁免:{rule}"},
    "broken_field": {"en": "{field} has errors: judged as if it were not there",
                     "zh": "{field} 有错误:按未填写处理"},
    "broken_fixed": {"en": "{field} no longer has errors", "zh": "{field} 的错误已修正"},
    "renamed": {"en": "id renamed {before} -> {after}", "zh": "编号改名 {before} -> {after}"},
    "new_promotion": {"en": "new: {benefit}; scope {scope}; for {window}; {stacking}; audience {audience}",
                      "zh": "新增:{benefit};范围 {scope};为期 {window};{stacking};人群 {audience}"},
    "removed_promotion": {"en": "removed (was {benefit}; scope {scope})",
                          "zh": "已删除(原为 {benefit};范围 {scope})"},
    "unreadable_promotion": {"en": "its file no longer loads ({rule}): the promotion cannot be checked",
                             "zh": "所在文件已无法加载({rule}):无法检查该促销"},
    "no_change": {"en": "no change", "zh": "无变化"},
    # grades
    "why_new_error": {"en": "a new error finding: {rule}", "zh": "新增错误:{rule}"},
    "why_past_line": {"en": "{sku} now sells at {pays} a unit, {percent}% below market {market}: past the {limit}% line",
                      "zh": "{sku} 现在每件只卖 {pays},比市场价 {market} 低 {percent}%:超过 {limit}% 的底线"},
    "why_past_line_approved": {"en": "{sku} now sells past the line, under an approved suppression ({reason})",
                               "zh": "{sku} 现在低于底线,但有已批准的豁免({reason})"},
    "why_risk": {"en": "money at risk rises by {amount} {currency} (the P{level} line is {limit})",
                 "zh": "风险金额增加 {amount} {currency}(达到 P{level} 的 {limit})"},
    "why_risk_unbounded": {"en": "the worst case is now unbounded (no budget, or no total with a bounded discount)",
                           "zh": "最坏情况现在没有上限(没有预算,或没有总量且优惠无封顶)"},
    "why_gray": {"en": "a new or widened promotion worth {exposure} {currency} at worst goes to 100% of traffic at once",
                 "zh": "新增或扩大的促销最坏可送出 {exposure} {currency},却一次放给 100% 的流量"},
    "why_warning": {"en": "a new warning: {rule}", "zh": "新增警告:{rule}"},
    "why_wider": {"en": "it gives more money or reaches more people", "zh": "优惠更大或覆盖的人更多"},
    "why_narrower": {"en": "no more money at risk", "zh": "风险金额没有增加"},
    "advice_gray": {"en": "start it as a gray release: set `rollout: 5` (1-5% of traffic), watch the orders and the money given away, then raise it",
                    "zh": "请先灰度发布:设置 `rollout: 5`(1-5% 的流量),观察订单和让利金额后再逐步放量"},
    # report
    "title": {"en": "promolint diff {base} -> {head}", "zh": "promolint diff {base} -> {head}"},
    "working_tree": {"en": "working tree", "zh": "工作区"},
    "summary": {"en": "{added} added, {removed} removed, {changed} changed, {same} unchanged: grade {grade}",
                "zh": "新增 {added} 个,删除 {removed} 个,修改 {changed} 个,未变 {same} 个:风险等级 {grade}"},
    "nothing": {"en": "no promotion changed", "zh": "没有促销发生变化"},
    "status_added": {"en": "added", "zh": "新增"},
    "status_removed": {"en": "removed", "zh": "删除"},
    "status_changed": {"en": "changed", "zh": "修改"},
    "status_same": {"en": "no change", "zh": "无变化"},
    "status_affected": {"en": "unchanged, findings changed", "zh": "内容未变,检查结果有变"},
    "summary_affected": {"en": " ({affected} more unchanged, with findings changed)",
                         "zh": "(另有 {affected} 个内容未变但检查结果有变)"},
    "status_unreadable": {"en": "unreadable", "zh": "无法读取"},
    "exposure": {"en": "worst-case exposure: {before} -> {after}", "zh": "最坏情况让利:{before} -> {after}"},
    "sku_line": {"en": "{sku} market {market}: worst unit price {before} -> {after}",
                 "zh": "{sku} 市场价 {market}:最低单价 {before} -> {after}"},
    "sku_below": {"en": " ({percent}% below)", "zh": "(低 {percent}%)"},
    "sku_past": {"en": " PAST THE {limit}% LINE", "zh": " 超过 {limit}% 底线"},
    "sku_more": {"en": "... and {count} more SKU(s)", "zh": "…… 另有 {count} 个 SKU"},
    "findings_added": {"en": "findings added:", "zh": "新增问题:"},
    "findings_removed": {"en": "findings removed:", "zh": "消除的问题:"},
    "sep": {"en": "; ", "zh": ";"},
    "why": {"en": "why {grade}: ", "zh": "{grade} 的原因:"},
    "advice": {"en": "advice: ", "zh": "建议:"},
    "moved": {"en": "moved {before} -> {after}", "zh": "文件 {before} -> {after}"},
    "col_grade": {"en": "grade", "zh": "等级"},
    "col_promotion": {"en": "promotion", "zh": "促销"},
    "col_change": {"en": "change", "zh": "变化"},
    "col_exposure": {"en": "worst case", "zh": "最坏让利"},
    "col_findings": {"en": "findings", "zh": "问题"},
    "details": {"en": "details", "zh": "详情"},
    "not_priced": {"en": "no scoped SKU is priced: per-SKU prices could not be shown",
                   "zh": "范围内没有带市场价的 SKU:无法给出逐个 SKU 的价格"},
    "cannot_apply": {"en": "never applies", "zh": "不会生效"},
}


def say(key: str, lang: str = "en", **args) -> str:
    """One phrase in `lang` (English when the language lacks it); text arguments escaped
    (SKUs, names and ids come from the promotion: no raw newline or control character)."""
    from promolint.core.diagnostics import printable
    table = WORDS[key]
    shown = {k: printable(v) if isinstance(v, str) else v for k, v in args.items()}
    return (table.get(lang) or table["en"]).format(**shown)


def num(value: Decimal | int) -> str:
    """A number as written: 200, 9.9, 0.15 (no exponent, no trailing zeros)."""
    if isinstance(value, int):
        return str(value)
    text = f"{value.normalize():f}"
    return text
