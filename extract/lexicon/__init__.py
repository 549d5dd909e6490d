"""The lexicon: what the whole run shares, built once and read-only afterwards. The run's
`Resources` (configuration, normalisers, gazetteer, compiled shared rules), the ISTAT gazetteer
of comuni and areas, first names and person names, the readers of contact values, the Italian
lemma table and the spaCy pipeline with its phrase matchers. It stands below the loaders' view,
the extractors and the pipeline, which read it and never write it."""
