"""Text preparation: normalization (offset-preserving), sentence splitting and word segmentation."""
