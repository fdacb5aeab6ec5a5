"""Stage 2, series: price-base linking, gap years and the annual series at constant 2010 prices."""
