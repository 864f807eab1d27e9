"""ZoneDesk's widgets (PySide6). Thin: they call the archive's services, hold no business rules."""
