"""ZoneDesk's dialogs. Each is opened through a classmethod (``Ask.unsaved_changes``,
``ConflictDialog.choose``, ``FileChooser.folder`` …), so a test patches that one method."""
