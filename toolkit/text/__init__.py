"""Text handling: segmentation, protection of untranslatable spans, document formats."""
