"""What an adapter could not say in the promotion format: each note on a row becomes an
`info` finding (rule unmapped-field), its sentence from the tables here or the shop's
own NOTES, in every language we ship. Never dropped in silence."""
from __future__ import annotations

from promolint.core.phrases import PHRASES, Phrase

# The notes every adapter may use; a shop module adds its own in NOTES.
NOTES = {
    "daily-slot": {
        "en": "the promotion runs only from {start} to {end} each day; the format has one window, so the whole window was checked",
        "zh": "该促销只在每天 {start} 到 {end} 生效;格式只有一个时间窗口,因此按整个窗口检查"},
    "quantity-ladder": {
        "en": "the price depends on how many units are bought ({ladder}); each step was not checked apart",
        "zh": "价格随购买件数变化({ladder});各档未分别检查"},
    "validity-from-claim": {
        "en": "the coupon is valid for {days} day(s) from when it is claimed; the window checked is when it can be claimed",
        "zh": "优惠券自领取起 {days} 天内有效;检查的窗口是可领取的时间"},
    "virtual-group": {
        "en": "a group that does not fill in time is completed by the shop (virtual group): one buyer may get the group price alone",
        "zh": "拼团未在时限内成团时由商城自动成团(虚拟成团):一个人也可能拿到拼团价"},
    "unmapped-value": {
        "en": "column {column} holds {value}, which the adapter does not know; this part was not checked",
        "zh": "列 {column} 的值是 {value},适配器不认识;这部分未检查"},
}
_UNKNOWN = {"en": "note {note} of the adapter (no sentence for it): {args}",
            "zh": "适配器的说明 {note}(没有对应的句子):{args}"}


for _id, _sentences in NOTES.items():  # phrases: said in the run's language
    PHRASES[f"note:{_id}"] = _sentences
PHRASES["note:?"] = _UNKNOWN


def phrase_of(note_id: str, args) -> Phrase:
    """The phrase of one note (a shop's sentences are registered when it is loaded; a
    note met first, as on a Spark worker, loads every shop once)."""
    args = dict(args or {})
    key = f"note:{note_id}"
    if key not in PHRASES:
        from promolint.audit import shops
        shops.load_all()
    if key in PHRASES:
        return Phrase(key, tuple(sorted((k, str(v)) for k, v in args.items())))
    return Phrase("note:?", (("args", str(args)), ("note", str(note_id))))
