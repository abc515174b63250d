"""The records: tables, migrations, engine setup, repositories and importers."""
