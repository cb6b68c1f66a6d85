"""The package's models, one module per notebook (see `causalrec.registry`): importing a module registers its models."""
