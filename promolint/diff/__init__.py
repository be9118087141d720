"""`promolint diff`: what a change to the promotions does to money and to who gets it.

- sides: the promotions, price list and findings at a git ref, in a folder or in the
  working tree (old versions are read with `git show REF:path`, never checked out);
- fields: per field that matters, the change in words, and whether it widens;
- money: per scoped SKU the worst unit price, and the worst-case exposure;
- grade: the risk grade P0-P3 and the gray-release advice;
- compare: one PromotionDiff per promotion added, removed or changed;
- render: text, markdown (a pull-request comment) and json.
"""
