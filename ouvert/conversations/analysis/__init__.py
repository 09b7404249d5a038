"""The opinion-mapping math of Pol.is, in numpy: no Django here (polis-spec.md, docs/opinion-mapping.md).

- `matrix`: the sparse vote matrix (latest vote per participant and statement);
- `pca`: principal components of the mean-imputed matrix without densifying it, projections;
- `clustering`: Pol.is's k-means with warm starts, the silhouette;
- `statistics`: representative statements, consensus, group-informed consensus, priorities;
- `pipeline`: one update, from the votes and the state of the previous update;
- `storage`: that state as bytes; `replay`: a vote history replayed update by update;
- `agreement`: how far two partitions agree (adjusted Rand index, Jaccard).
"""
