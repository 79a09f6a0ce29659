"""The Faust layer: the only package that imports faust.

Agents move records between topics and tables; ``streams.stages`` does the work.
"""
