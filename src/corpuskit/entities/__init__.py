"""Named entities: gazetteer matching and model backends."""
