"""The commands of `validate`, one module each; `validator.cli.main` puts them in the group."""
