"""The sign-in desk: the window a branch secretary works at (see ui.desk.window)."""
