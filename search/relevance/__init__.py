"""Measuring search relevance: a judged catalogue and query set (benchmarks/relevance/), loaded into an
engine, with recall@24, NDCG@10 and the zero-result rate."""
