"""The LawDesk window (PySide6). It calls the core (`lawdesk.*`); the core never imports it."""
