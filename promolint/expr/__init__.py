"""Stage 1, the audience expression language: grammar-generated parser, syntax tree, evaluation helpers, and the analysis (satisfiability, constraints, vocabulary)."""
