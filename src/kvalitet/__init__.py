"""kvalitet: quality management for municipalities."""
